# Tables end to end: preprocessing learned by New-Dataset, kept by training and the model file,
# applied again when Invoke-Model scores objects; the confusion matrix of Test-Model; ONNX export.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools

    Set-RandomSeed 0
    $rows = @(1..60 | ForEach-Object {
            [pscustomobject]@{ a = [string]($_ % 7); b = [string](($_ * 3) % 11); colour = @('red', 'blue', 'green')[$_ % 3]; label = @('low', 'high')[[int](($_ % 7) -gt 3)] }
        })
    $data = $rows | New-Dataset -LabelProperty label -Standardize -CategoricalProperty colour
    $model = New-Mlp 5, 8, 2
    $null = Start-Training $model $data CrossEntropy -Optimizer (New-Optimizer Adam $model -LearningRate 0.05) -Epochs 40
}

Describe 'New-Dataset preprocessing' {
    It 'standardises numbers with the rows'' mean and population std and one-hot encodes categories' {
        $p = $data.Preprocessing
        $p.Columns.Name | Should -Be 'a', 'b', 'colour'
        $values = $rows | ForEach-Object { [double]$_.a }
        $mean = ($values | Measure-Object -Average).Average
        $p.Columns[0].Mean | Should -BeLessThan ($mean + 1e-12)
        $p.Columns[0].Mean | Should -BeGreaterThan ($mean - 1e-12)
        $std = [math]::Sqrt((($values | ForEach-Object { ($_ - $mean) * ($_ - $mean) }) | Measure-Object -Sum).Sum / $values.Count)
        [math]::Abs($p.Columns[0].Scale - $std) | Should -BeLessThan 1e-12
        $p.Columns[2].Categories | Should -Be 'blue', 'green', 'red'
        $data.FeatureNames | Should -Be 'a', 'b', 'colour=blue', 'colour=green', 'colour=red'
        $data.X.Shape | Should -Be @(60, 5)
        [math]::Abs($data.X.Select(1, 0).Mean().Item()) | Should -BeLessThan 1e-5
        $p.Classes | Should -Be 'high', 'low'
    }

    It 'reuses a stored preprocessing for other rows instead of learning a new one' {
        $test = $rows | Select-Object -First 3 | New-Dataset -LabelProperty label -Preprocessing $data.Preprocessing
        $test.X.Equal($data.X['0:3']) | Should -BeTrue
    }

    It 'refuses a learned and a stored preprocessing together' {
        { $rows | New-Dataset -LabelProperty label -Preprocessing $data.Preprocessing -Standardize } |
            Should -Throw -ErrorId 'PreprocessingConflict,NNTools.Commands.NewDatasetCommand'
    }
}

Describe 'Invoke-Model on objects' {
    It 'gives the model the training preprocessing and adds the class name and its probability' {
        $model.Preprocessing.Classes | Should -Be 'high', 'low'
        $scored = @($rows | Invoke-Model $model)
        $scored | Should -HaveCount 60
        $scored[0] | Should -Be $rows[0]
        $expected = $model.Forward($data.X).Softmax(1)
        for ($i = 0; $i -lt 60; $i += 7) {
            $k = $expected[$i].ArgMax().Item()
            $scored[$i].Prediction | Should -Be $model.Preprocessing.Classes[$k]
            [math]::Abs($scored[$i].Probability - $expected[$i][$k].Item()) | Should -BeLessThan 1e-5
        }
        @($scored | Where-Object { $_.Prediction -eq $_.label }).Count | Should -BeGreaterThan 50
    }

    It 'keeps the preprocessing in the model file' {
        $path = Join-Path $TestDrive 'table.safetensors'
        Export-Model -Path $path -Model $model
        $loaded = Import-Model -Path $path
        $loaded.Preprocessing.ToJson() | Should -Be $model.Preprocessing.ToJson()
        (@($rows | Invoke-Model $loaded).Prediction -join ',') | Should -Be (@($rows | Invoke-Model $model).Prediction -join ',')
    }

    It 'gives a regressor''s value as the prediction, scaled as in training, without a probability' {
        $points = 1..20 | ForEach-Object { [pscustomobject]@{ x = $_; y = 2 * $_ + 1 } }
        $regression = $points | New-Dataset -FeatureProperty x -LabelProperty y -Standardize
        $net = New-Layer Linear 1 1
        $null = Start-Training $net $regression MSE -Optimizer (New-Optimizer SGD $net -LearningRate 0.1) -Epochs 2
        $scored = @($points | Invoke-Model $net)
        $scored[3].PSObject.Properties.Name | Should -Not -Contain 'Probability'
        [math]::Abs($scored[3].Prediction - $net.Forward($regression.X)[3].Item()) | Should -BeLessThan 1e-6
    }

    It 'streams: the first answer comes out after one batch, before the input ends' {
        $script:made = 0
        $first = 1..5000 | ForEach-Object { $script:made++; [pscustomobject]@{ a = 1; b = 2; colour = 'red' } } |
            Invoke-Model $model -BatchSize 100 | Select-Object -First 1
        $first.Prediction | Should -BeIn 'high', 'low'
        $script:made | Should -BeLessThan 200
    }

    It 'reads named properties of any object, values unscaled, for a model without preprocessing' {
        $linear = New-Layer Linear 2 1
        $result = [pscustomobject]@{ x = '1.5'; y = 2 } | Invoke-Model $linear -FeatureProperty x, y
        $expected = $linear.Forward((New-Tensor -Data @(, @(1.5, 2.0)))).Item()
        [math]::Abs($result.Prediction - $expected) | Should -BeLessThan 1e-6
        { [pscustomobject]@{ x = 1 } | Invoke-Model $linear -ErrorAction Stop } |
            Should -Throw -ErrorId 'NoFeatureProperty,NNTools.Commands.InvokeModelCommand'
    }

    It 'reports an object it cannot score and goes on with the next' {
        $inputs = [pscustomobject]@{ a = 1; b = 2; colour = 'purple' }, [pscustomobject]@{ a = 1; b = 2 }, [pscustomobject]@{ a = 1; b = 2; colour = 'red' }
        $out = @($inputs | Invoke-Model $model -ErrorAction SilentlyContinue -ErrorVariable problems)
        $out | Should -HaveCount 1
        $problems.FullyQualifiedErrorId | Should -Be 'UnknownCategory,NNTools.Commands.InvokeModelCommand', 'MissingProperty,NNTools.Commands.InvokeModelCommand'
    }
}

Describe 'Test-Model confusion matrix' {
    It 'names the classes and gives per-class precision, recall and F1' {
        $report = Test-Model $model $data CrossEntropy
        $m = $report.ConfusionMatrix
        $m.Classes | Should -Be 'high', 'low'
        $m.Total | Should -Be 60
        $tp = $m.Count(0, 0); $fp = $m.Count(1, 0); $fn = $m.Count(0, 1)
        $high = $report.PerClass[0]
        $high.Precision | Should -Be ($tp / ($tp + $fp))
        $high.Recall | Should -Be ($tp / ($tp + $fn))
        $high.Support | Should -Be ($tp + $fn)
        ($m | Out-String) | Should -Match 'actual \\ predicted\s+high\s+low'
        ($report.PerClass | Out-String) | Should -Match 'Precision\s+Recall\s+F1\s+Support'
    }

    It 'is drawn by Export-Plot, from the Test-Model result piped in' {
        $file = Test-Model $model $data CrossEntropy | Export-Plot (Join-Path $TestDrive 'confusion.png') -ConfusionMatrix -Width 300 -Height 200
        $bytes = [IO.File]::ReadAllBytes($file.FullName)
        $bytes[1..3] | Should -Be 0x50, 0x4E, 0x47
        $regression = New-Dataset ([NNTools.Tensor]::Randn(4, 2)) ([NNTools.Tensor]::Randn(4, 1))
        { Test-Model (New-Mlp 2, 1) $regression MSE | Export-Plot (Join-Path $TestDrive 'none.png') -ConfusionMatrix -ErrorAction Stop } |
            Should -Throw -ErrorId 'NoConfusionMatrix,NNTools.Commands.ExportPlotCommand'
    }
}

Describe 'Export-Model -Format Onnx' {
    It 'writes an ONNX file, honouring -WhatIf and -Force' {
        $path = Join-Path $TestDrive 'm.onnx'
        Export-Model -Path $path -Model $model -Format Onnx -WhatIf
        Test-Path $path | Should -BeFalse
        Export-Model -Path $path -Model $model -Format Onnx
        (Get-Item $path).Length | Should -BeGreaterThan 100
        { Export-Model -Path $path -Model $model -Format Onnx -ErrorAction Stop } | Should -Throw -ErrorId 'FileExists,NNTools.Commands.ExportModelCommand'
        Export-Model -Path $path -Model $model -Format Onnx -Force
    }

    It 'refuses a layer ONNX export does not cover, by name' {
        { Export-Model -Path (Join-Path $TestDrive 'f.onnx') -Model (New-Sequential (New-Layer Linear 2 2), (New-Layer Flatten -StartDim 0 -EndDim 0)) -Format Onnx -ErrorAction Stop } |
            Should -Throw -ErrorId 'OnnxUnsupportedLayer,NNTools.Commands.ExportModelCommand'
    }
}
