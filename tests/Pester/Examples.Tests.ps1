# Every script in examples/ runs to its end with -Quick, so every tutorial's own checks (each
# script throws when one fails) hold, and every picture it writes is a real PNG.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools

    $examples = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'examples'))
    $root = [System.IO.Directory]::CreateTempSubdirectory('nntools-examples-tests-').FullName

    # Width and height from the IHDR chunk that follows the 8-byte signature: length (4 bytes),
    # type (4), then width and height as big-endian 32-bit integers.
    function Get-PngSize([string] $Path) {
        $bytes = [System.IO.File]::ReadAllBytes($Path)
        $signature = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        for ($i = 0; $i -lt 8; $i++) { if ($bytes[$i] -ne $signature[$i]) { throw "$Path is not a PNG" } }
        if ([System.Text.Encoding]::ASCII.GetString($bytes, 12, 4) -ne 'IHDR') { throw "$Path has no IHDR chunk first" }
        $word = { param($at) ([int]$bytes[$at] -shl 24) -bor ([int]$bytes[$at + 1] -shl 16) -bor ([int]$bytes[$at + 2] -shl 8) -bor [int]$bytes[$at + 3] }
        [pscustomobject]@{ Width = & $word 16; Height = & $word 20; Length = $bytes.Length }
    }

    # Runs one example in a child scope with its own picture folder; returns its output as text
    # and the names of the pictures it wrote.
    function Invoke-Example([string] $Name) {
        $folder = [System.IO.Path]::Combine($root, [System.IO.Path]::GetFileNameWithoutExtension($Name))
        $output = & ([System.IO.Path]::Combine($examples, $Name)) -Quick -OutputFolder $folder
        [pscustomobject]@{
            Text     = ($output | ForEach-Object { "$_" }) -join "`n"
            Folder   = $folder
            Pictures = @([System.IO.Directory]::GetFiles($folder, '*.png') | ForEach-Object { [System.IO.Path]::GetFileName($_) })
        }
    }
}

AfterAll {
    [System.IO.Directory]::Delete($root, $true)
}

Describe 'Tutorial examples' {
    It 'runs <Name> to its end, its checks passing, and writes its pictures' -ForEach @(
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
    ) {
        $run = Invoke-Example $Name

        foreach ($line in $Expected) { $run.Text | Should -Match $line }
        $run.Pictures | Should -HaveCount $Pictures.Count
        foreach ($picture in $Pictures) {
            $picture | Should -BeIn $run.Pictures
            $png = Get-PngSize ([System.IO.Path]::Combine($run.Folder, $picture))
            $png.Width | Should -Be 640
            $png.Height | Should -Be 480
            $png.Length | Should -BeGreaterThan 5000 -Because "$picture should hold a drawing, not an empty canvas"
        }
    }

    It 'runs the README''s moons classifier to its held-out accuracy' {
        $output = & ([System.IO.Path]::Combine($examples, 'moons.ps1')) -Epochs 30
        (($output | ForEach-Object { "$_" }) -join "`n") | Should -Match 'Accuracy on \d+ held-out points: \d'
    }
}
