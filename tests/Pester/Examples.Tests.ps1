# Every script in examples/ runs to its end as a user runs it: `pwsh -File` in a fresh process that
# finds NNTools by name on PSModulePath (inherited from this one) and imports nothing beforehand.
# With -Quick every tutorial's own checks (each script throws when one fails) hold, so the exit
# code is 0, and every picture it writes is a real PNG.
BeforeAll {
    Set-StrictMode -Version Latest

    $examples = Convert-Path (Join-Path $PSScriptRoot '..' '..' 'examples')
    # A fresh pwsh of the same installation as this one.
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    # Width and height from the IHDR chunk that follows the 8-byte signature: length (4 bytes),
    # type (4), then width and height as big-endian 32-bit integers.
    function Get-PngSize([string] $Path) {
        $bytes = Get-Content -LiteralPath $Path -AsByteStream -Raw
        if (($bytes[0..7] -join ',') -ne ((0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A) -join ',')) { throw "$Path is not a PNG" }
        if ((-join [char[]] $bytes[12..15]) -ne 'IHDR') { throw "$Path has no IHDR chunk first" }
        $word = { param($at) ([int]$bytes[$at] -shl 24) -bor ([int]$bytes[$at + 1] -shl 16) -bor ([int]$bytes[$at + 2] -shl 8) -bor [int]$bytes[$at + 3] }
        [pscustomobject]@{ Width = & $word 16; Height = & $word 20; Length = $bytes.Length }
    }

    # Runs a script with `pwsh -File` in a child process; returns its exit code and its output and
    # errors as one text, without the colours the child's error view adds.
    function Invoke-Script([string] $Path, [string[]] $Arguments) {
        $output = & $pwsh -NoProfile -File $Path @Arguments 2>&1
        [pscustomobject]@{
            ExitCode = $LASTEXITCODE
            Text     = ($output | Out-String) -replace '\e\[[0-9;]*m'
        }
    }

    # Runs one example with -Quick and its own picture folder in TestDrive; adds the folder and the
    # names of the pictures it wrote.
    function Invoke-Example([string] $Name) {
        $folder = Join-Path $TestDrive (Split-Path $Name -LeafBase)
        $run = Invoke-Script (Join-Path $examples $Name) '-Quick', '-OutputFolder', $folder
        $pictures = @(Get-ChildItem -LiteralPath $folder -Filter '*.png' -File -ErrorAction Ignore | Select-Object -ExpandProperty Name)
        $run | Add-Member -NotePropertyMembers @{ Folder = $folder; Pictures = $pictures } -PassThru
    }
}

Describe 'Tutorial examples' {
    It 'runs <Name> with pwsh -File to its end, its checks passing, and writes its pictures' -ForEach @(
        @{
            Name     = '01-tensors-and-exp-regression.ps1'
            Expected = 'hand-derived gradients of W1, B1, W2, B2 equal autograd''s', 'stochastic gradient descent: MSE 0\.0'
            Pictures = '01-data.png', '01-random-parameters.png', '01-gradient-descent.png', '01-stochastic-gradient-descent.png'
        }
        @{
            Name     = '02-autograd-and-linear-regression.ps1'
            Expected = 'gradient descent found the closed-form optimum', 'grad w is OK', 'grad W is OK'
            Pictures = '02-linear-regression-loss.png', '02-linear-regression-weights.png', '02-gradient-check-readout.png',
                '02-gradient-check-first-layer.png', '02-outputs-untrained.png', '02-network-loss.png', '02-outputs-trained.png'
        }
        @{
            Name     = '03-modules-and-sgd.ps1'
            Expected = 'y\(2, 3, 5\) = tensor\(\[11\.\]', 'dg/dw = tensor\(\[9\.\]\), dg/dx = tensor\(\[12\.\]\)', 'loss after 100 steps'
            Pictures = , '03-training-loss.png'
        }
        @{
            Name     = '04-assignment-toy-network.ps1'
            Expected = 'ragged rows: .*RaggedInput', 'x.grad = tensor\(\[10\., 14\., 18\.\]\)', 'W1 grad distance: 0\.0000', 'mse_loss after \d+ steps: 0\.00'
            Pictures = , '04-toy-model-loss.png'
        }
        @{
            Name     = '05-logistic-regression-and-moons.ps1'
            Expected = 'allclose\(auto_grad_w, analytic_grad_w\): True', 'net\(randn\(20, 30, 100, 2\)\)\.shape = \[20, 30, 100, 1\]', 'MLP accuracy: (9[7-9]|100)'
            Pictures = '05-linear-regression-loss.png', '05-moons.png', '05-logistic-regression-loss.png',
                '05-logistic-regression-surface.png', '05-mlp-loss.png', '05-mlp-surface.png'
        }
        @{
            Name     = '06-digits-cnn.ps1'
            Expected = 'BatchNorm2d\(16, eps=1e-05', 'held-out accuracy: (9[7-9]|100)'
            Pictures = , '06-digits-cnn-loss.png'
        }
        @{
            Name     = '07-sequence-lstm.ps1'
            Expected = 'LSTM\(1, 32, batch_first=True\)', 'LastTimeStep\(dim=1\)', 'held-out MSE: LSTM 0\.0\d+, naive last value 0\.1\d+'
            Pictures = '07-sequence-lstm-loss.png', '07-sequence-lstm-forecast.png'
        }
    ) {
        $run = Invoke-Example $Name

        $run.ExitCode | Should -Be 0 -Because "the script should end without an error; it wrote:`n$($run.Text)"
        foreach ($line in $Expected) { $run.Text | Should -Match $line }
        $run.Text | Should -Match ([regex]::Escape("pictures in $($run.Folder)"))
        $run.Pictures | Should -HaveCount $Pictures.Count
        foreach ($picture in $Pictures) {
            $picture | Should -BeIn $run.Pictures
            $png = Get-PngSize (Join-Path $run.Folder $picture)
            $png.Width | Should -Be 640
            $png.Height | Should -Be 480
            $png.Length | Should -BeGreaterThan 5000 -Because "$picture should hold a drawing, not an empty canvas"
        }
    }

    # The run above proves 04 works with nothing imported beforehand; this proves why it does.
    It 'needs #Requires -Modules NNTools in 04, whose classes derive from NNTools.NN.Module: pwsh -File parses them before running a line' {
        $script = Join-Path $examples '04-assignment-toy-network.ps1'
        Select-String -LiteralPath $script -Pattern '^#Requires -Modules NNTools$' -Quiet | Should -BeTrue

        # The same script without its #Requires: the fresh pwsh finds NNTools on PSModulePath but
        # has not imported it when it parses the script, so the classes' base type is unknown.
        $withoutRequires = Join-Path $TestDrive 'without-requires.ps1'
        Get-Content -LiteralPath $script | Where-Object { $_ -notmatch '^#Requires' } | Set-Content -LiteralPath $withoutRequires
        $failed = Invoke-Script $withoutRequires '-Quick', '-OutputFolder', (Join-Path $TestDrive 'without-requires')
        $failed.ExitCode | Should -Not -Be 0
        $failed.Text | Should -Match 'Unable to find type \[NNTools\.NN\.Module\]'
    }

    It 'runs the wine table example end to end: trained, saved, scored in a fresh session, reported' {
        $run = Invoke-Script (Join-Path $examples '08-wine-table.ps1') '-Quick', '-OutputFolder', (Join-Path $TestDrive 'wine')
        $run.ExitCode | Should -Be 0 -Because "the script should end without an error; it wrote:`n$($run.Text)"
        $run.Text | Should -Match 'trained \d+ epochs \(early stopping\)'
        $run.Text | Should -Match 'scored in a fresh session: (1[89]|20) of 20 new wines named right'
        $run.Text | Should -Match 'actual \\ predicted\s+class_0\s+class_1\s+class_2'
        Test-Path (Join-Path $TestDrive 'wine' 'wine.onnx') | Should -BeTrue
        $png = Get-PngSize (Join-Path $TestDrive 'wine' 'wine-confusion.png')
        $png.Width | Should -Be 640
    }

    It 'runs the README''s moons classifier with pwsh -File to its held-out accuracy' {
        $run = Invoke-Script (Join-Path $examples 'moons.ps1') '-Epochs', '30'

        $run.ExitCode | Should -Be 0 -Because "the script should end without an error; it wrote:`n$($run.Text)"
        $run.Text | Should -Match 'Accuracy on \d+ held-out points: \d'
    }
}
