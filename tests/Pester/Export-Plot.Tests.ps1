# Export-Plot draws every picture kind through the module as PowerShell loads it, so these tests
# also prove that SkiaSharp's native library resolves from inside the module folder: it lies only
# in the module's <rid>/ folders, listed in no deps.json, while SkiaSharp itself loads in the
# module's own load context from dependencies/.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools

    # The pictures go to Pester's TestDrive, which it empties after each Context.
    function Get-PlotPath([string] $Name) { Join-Path $TestDrive $Name }

    # Width and height from the IHDR chunk, which follows the 8-byte signature: length (4 bytes),
    # type (4), then width and height as big-endian 32-bit integers.
    function Get-PngSize([string] $Path) {
        $bytes = Get-Content -Path $Path -AsByteStream -Raw
        $signature = [byte[]](0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)
        for ($i = 0; $i -lt 8; $i++) { if ($bytes[$i] -ne $signature[$i]) { throw "$Path is not a PNG" } }
        if ([System.Text.Encoding]::ASCII.GetString($bytes, 12, 4) -ne 'IHDR') { throw "$Path has no IHDR chunk first" }
        $word = { param($at) ([int]$bytes[$at] -shl 24) -bor ([int]$bytes[$at + 1] -shl 16) -bor ([int]$bytes[$at + 2] -shl 8) -bor [int]$bytes[$at + 3] }
        [pscustomobject]@{ Width = & $word 16; Height = & $word 20 }
    }

    # How many distinct colours the decoded picture holds: a blank image has one. SkiaSharp lives in
    # the module's own load context, out of reach of type literals, so its type is taken from there.
    function Get-ColourCount([string] $Path) {
        $skia = [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies | Where-Object { $_.GetName().Name -eq 'SkiaSharp' } | Select-Object -First 1
        $bitmap = $skia.GetType('SkiaSharp.SKBitmap')::Decode($Path)
        try { @($bitmap.Pixels | Select-Object -Unique).Count }
        finally { $bitmap.Dispose() }
    }

    function New-Record([int] $Epoch, [double] $Loss, [double] $ValidationLoss) {
        [NNTools.Training.EpochRecord]::new($Epoch, $Loss, $ValidationLoss, $null, $null, 0.01, [TimeSpan]::FromSeconds($Epoch))
    }

    $moons = [NNTools.Data.Datasets]::MakeMoons(100, 0.1, 0)
}

Describe 'Export-Plot' {
    Context 'loss curves' {
        It 'draws epoch records piped to it and returns the file' {
            $path = Get-PlotPath 'records.png'
            $file = 1..8 | ForEach-Object { New-Record $_ (1.0 / $_) (1.3 / $_) } |
                Export-Plot -LossCurve -Path $path -Title 'Training' -Width 320 -Height 200
            $file | Should -BeOfType ([System.IO.FileInfo])
            $file.FullName | Should -Be $path
            $size = Get-PngSize $path
            $size.Width | Should -Be 320
            $size.Height | Should -Be 200
            Get-ColourCount $path | Should -BeGreaterThan 10
        }

        It 'draws the history of a training run' {
            $data = [NNTools.Data.Datasets]::MakeNoisyRegression(64, 0.1, 1)
            $model = [NNTools.NN.Linear]::new(1, 1)
            $optimizer = [NNTools.Optim.SGD]::new($model.Parameters(), 0.1)
            $trainer = [NNTools.Training.Trainer]::new($model, [NNTools.NN.MSELoss]::new(), $optimizer)
            $loader = [NNTools.Data.DataLoader]::new([NNTools.Data.TensorDataset]::new($data.X, $data.Y), 16)
            $result = $trainer.Fit($loader, [NNTools.Training.TrainingOptions]@{ Epochs = 4 })
            $path = Get-PlotPath 'run.png'
            $null = $result.History | Export-Plot -LossCurve -Path $path -Width 300 -Height 300
            (Get-PngSize $path).Width | Should -Be 300
        }

        It 'draws loss values with a validation loss' {
            $path = Get-PlotPath 'values.png'
            $null = Export-Plot -LossCurve -Loss 3, 2, 1.5, 1.2 -ValidationLoss 3.5, 2.5, 2, 1.9 -Path $path
            $size = Get-PngSize $path
            $size.Width | Should -Be 640
            $size.Height | Should -Be 480
        }

        It 'fails with nothing piped' {
            { @() | Export-Plot -LossCurve -Path (Get-PlotPath 'none.png') } | Should -Throw -ErrorId 'PlotNoData,NNTools.Commands.ExportPlotCommand'
            Get-PlotPath 'none.png' | Should -Not -Exist
        }
    }

    Context 'data pictures' {
        It 'draws a scatter plot of [N, 2] points coloured by class' {
            $path = Get-PlotPath 'scatter.png'
            $null = Export-Plot -Scatter -X $moons.X -Label $moons.Y -Path $path -Width 400 -Height 300
            (Get-PngSize $path).Height | Should -Be 300
            Get-ColourCount $path | Should -BeGreaterThan 10
        }

        It 'draws a scatter plot of plain numbers' {
            $path = Get-PlotPath 'numbers.png'
            $null = Export-Plot -Scatter -X 1, 2, 3, 4 -Y 1, 4, 9, 16 -Path $path -XLabel 'n' -YLabel 'n squared'
            (Get-PngSize $path).Width | Should -Be 640
        }

        It 'draws a line given by its points over the data' {
            $x = [NNTools.Tensor]::Linspace(-1, 1, 20)
            $path = Get-PlotPath 'line.png'
            $null = Export-Plot -Line -X $x -Y ($x * 2 + 0.1) -LineY ($x * 2) -Path $path -Width 200 -Height 200
            (Get-PngSize $path).Width | Should -Be 200
            Get-ColourCount $path | Should -BeGreaterThan 10
        }

        It 'draws the curve a model gives over the data' {
            $x = [NNTools.Tensor]::Linspace(-1, 1, 20).Reshape(20, 1)
            $path = Get-PlotPath 'model-line.png'
            $null = Export-Plot -Line -X $x -Y $x.Pow(2) -Model ([NNTools.NN.Linear]::new(1, 1)) -Path $path -Width 200 -Height 160
            (Get-PngSize $path).Height | Should -Be 160
        }

        It 'draws histograms per class' {
            $path = Get-PlotPath 'hist.png'
            $values = [NNTools.Tensor]::Rand(200)
            $null = Export-Plot -Histogram -Values $values -Label ($values.Gt(0.5)) -Bins 10 -Path $path -Width 256 -Height 128
            $size = Get-PngSize $path
            $size.Width | Should -Be 256
            $size.Height | Should -Be 128
            Get-ColourCount $path | Should -BeGreaterThan 10
        }

        It 'draws a decision surface with the points on top' {
            $path = Get-PlotPath 'surface.png'
            $model = [NNTools.NN.Layers]::Mlp([int[]](2, 8, 1))
            $null = Export-Plot -DecisionSurface -Model $model -X $moons.X -Y $moons.Y -Resolution 30 -Path $path -Width 300 -Height 240
            $size = Get-PngSize $path
            $size.Width | Should -Be 300
            $size.Height | Should -Be 240
            Get-ColourCount $path | Should -BeGreaterThan 10
            $model.Training | Should -BeTrue
        }
    }

    Context 'files' {
        It 'writes nothing under -WhatIf' {
            $path = Get-PlotPath 'whatif.png'
            Export-Plot -LossCurve -Loss 1, 0.5 -Path $path -WhatIf | Should -BeNullOrEmpty
            $path | Should -Not -Exist
        }

        It 'keeps an existing file unless -Force is given' {
            $path = Get-PlotPath 'existing.png'
            Set-Content -Path $path -Value 'keep me' -NoNewline
            { Export-Plot -LossCurve -Loss 1, 0.5 -Path $path } | Should -Throw -ErrorId 'FileExists,NNTools.Commands.ExportPlotCommand'
            Get-Content -Path $path -Raw | Should -Be 'keep me'
            $null = Export-Plot -LossCurve -Loss 1, 0.5 -Path $path -Force -Width 100 -Height 100
            (Get-PngSize $path).Width | Should -Be 100
        }

        It 'resolves a relative path against the current location' {
            Push-Location -Path $TestDrive
            try {
                $file = Export-Plot -LossCurve -Loss 1, 0.5 -Path 'relative.png'
                $file.FullName | Should -Be (Get-PlotPath 'relative.png')
            }
            finally { Pop-Location }
        }

        It 'names a missing folder' {
            { Export-Plot -LossCurve -Loss 1 -Path (Get-PlotPath 'missing/plot.png') } | Should -Throw -ErrorId 'DirectoryNotFound,NNTools.Commands.ExportPlotCommand'
        }
    }

    Context 'bad input' {
        AfterEach {
            Get-PlotPath 'bad.png' | Should -Not -Exist
        }

        It 'rejects x and y of different lengths' {
            { Export-Plot -Scatter -X 1, 2, 3 -Y 1, 2 -Path (Get-PlotPath 'bad.png') } | Should -Throw -ErrorId 'PlotLengthMismatch,NNTools.Commands.ExportPlotCommand'
        }

        It 'rejects a decision surface over 3-D points' {
            $model = [NNTools.NN.Linear]::new(3, 1)
            { Export-Plot -DecisionSurface -Model $model -X ([NNTools.Tensor]::Zeros(4, 3)) -Y 0, 1, 0, 1 -Path (Get-PlotPath 'bad.png') } |
                Should -Throw -ErrorId 'PlotPointsShape,NNTools.Commands.ExportPlotCommand'
        }

        It 'rejects a width too small' {
            { Export-Plot -LossCurve -Loss 1 -Width 10 -Path (Get-PlotPath 'bad.png') } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NNTools.Commands.ExportPlotCommand'
        }

        It 'rejects zero bins' {
            { Export-Plot -Histogram -Values 1, 2 -Bins 0 -Path (Get-PlotPath 'bad.png') } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NNTools.Commands.ExportPlotCommand'
        }
    }
}
