# The tutorials' trainings written with the module, reaching the results the tutorials state.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/ToyModel.ps1"
}

Describe 'Tutorial trainings' {
    It 'trains the assignment''s 3-4-2 toy model to MSE below 0.01 with Adam' {
        [void][NNTools.Tensor]::ManualSeed(0)
        $data = New-ToyData 20
        $model = New-Sequential (New-Layer Linear 3 4), (New-Layer ReLU), (New-Layer Linear 4 2), (New-Layer Sigmoid)
        $optimizer = New-Optimizer Adam $model -LearningRate 0.01
        $records = Start-Training $model (New-Dataset $data.X $data.Y) MSE -Optimizer $optimizer -BatchSize 20 -Epochs 1000 -RecordEvery 1000
        $records.Loss | Should -BeLessThan 0.01
        (Measure-Loss MSE (Invoke-Model $model $data.X) $data.Y).Item() | Should -BeLessThan 0.01
    }

    It 'trains the same model written as a PowerShell class' {
        [void][NNTools.Tensor]::ManualSeed(0)
        $data = New-ToyData 20
        $model = [ToyModel]::new()
        $records = Start-Training $model (New-Dataset $data.X $data.Y) MSE -OptimizerType Adam -LearningRate 0.01 -BatchSize 20 -Epochs 1000 -RecordEvery 1000
        $records.Loss | Should -BeLessThan 0.01
    }

    It 'classifies moons with the 2-500-500-1 MLP to at least 97% accuracy' {
        [void][NNTools.Tensor]::ManualSeed(0)
        $moons = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed 0
        $data = New-Dataset $moons.X $moons.Y.Float().Unsqueeze(1)
        $model = New-Mlp 2, 500, 500, 1 -OutputActivation Sigmoid
        $optimizer = New-Optimizer SGD $model -LearningRate 0.5 -WeightDecay 0.01
        $loader = New-DataLoader $data -BatchSize 50 -Shuffle
        $records = @(Start-Training $model $loader BCE -Optimizer $optimizer -Epochs 30)
        $records | Should -HaveCount 30
        $records[-1].Accuracy | Should -BeGreaterOrEqual 0.97
        (Test-Model $model $data BCE).Accuracy | Should -BeGreaterOrEqual 0.97
    }

    It 'fits the noisy e^x regression to MSE below 0.02' {
        [void][NNTools.Tensor]::ManualSeed(0)
        $data = Get-Dataset regression -Samples 100 -Noise 0.1
        $model = New-Sequential (New-Layer Linear 1 4), (New-Layer ReLU), (New-Layer Linear 4 1)
        $null = Start-Training $model $data MSE -OptimizerType SGD -LearningRate 0.05 -BatchSize 10 -Shuffle -Epochs 200
        (Test-Model $model $data MSE).Loss | Should -BeLessThan 0.02
    }
}
