BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools

    function New-Problem {
        [void][NNTools.Tensor]::ManualSeed(0)
        $x = [NNTools.Tensor]::Linspace(-1, 1, 40).Unsqueeze(1)
        [pscustomobject]@{
            Model = New-Sequential (New-Layer Linear 1 8), (New-Layer Tanh), (New-Layer Linear 8 1)
            Data  = New-Dataset $x (2 * $x + 1)
        }
    }
}

Describe 'Start-Training' {
    BeforeEach {
        $problem = New-Problem
    }

    It 'clips the gradients'' total norm before each step with -ClipGradNorm' {
        Set-RandomSeed 1
        $x = New-Tensor -Randn -Shape 8, 3
        $data = New-Dataset -Input $x -Target ($x.Sum(1, $true) * 100)
        $steps = foreach ($clip in $null, 0.01) {
            $model = New-Mlp 3, 1
            $optimizer = New-Optimizer SGD $model -LearningRate 1.0
            $before = @($model.Parameters() | ForEach-Object { $_.Clone() })
            $options = @{ Optimizer = $optimizer; Epochs = 1; BatchSize = 8 }
            if ($clip) { $options.ClipGradNorm = $clip }
            $null = Start-Training $model $data MSE @options
            # SGD with lr 1 moves the weights by exactly the gradient: its total norm.
            $squares = 0.0
            for ($i = 0; $i -lt $before.Count; $i++) { $squares += ($model.Parameters()[$i] - $before[$i]).Pow(2).Sum().Item() }
            [Math]::Sqrt($squares)
        }
        $steps[0] | Should -BeGreaterThan 1
        $steps[1] | Should -BeLessOrEqual 0.0100001
        $steps[1] | Should -BeGreaterThan 0.0099
    }

    It 'writes one EpochRecord per epoch, in order' {
        $records = @(Start-Training $problem.Model $problem.Data MSE -Epochs 5 -LearningRate 0.05)
        $records | Should -HaveCount 5
        $records[0] | Should -BeOfType ([NNTools.Training.EpochRecord])
        @($records | ForEach-Object { $_.Epoch }) | Should -Be @(1, 2, 3, 4, 5)
    }

    It 'fills the record''s columns' {
        $record = @(Start-Training $problem.Model $problem.Data MSE -Epochs 1 -ValidationData $problem.Data -LearningRate 0.05)[0]
        @($record.PSObject.Properties | ForEach-Object { $_.Name }) |
            Should -Be @('Epoch', 'Loss', 'ValidationLoss', 'Accuracy', 'ValidationAccuracy', 'LearningRate', 'Elapsed')
        $record.ValidationLoss | Should -BeGreaterThan 0
        $record.Accuracy | Should -BeNullOrEmpty
        $record.LearningRate | Should -Be 0.05
        $record.Elapsed | Should -BeOfType ([timespan])
    }

    It 'lowers the loss' {
        $records = @(Start-Training $problem.Model $problem.Data MSE -Epochs 30 -LearningRate 0.05 -BatchSize 8 -Shuffle)
        $records[-1].Loss | Should -BeLessThan ($records[0].Loss / 2)
    }

    It 'writes every Nth record and always the last' {
        $records = @(Start-Training $problem.Model $problem.Data MSE -Epochs 7 -RecordEvery 3)
        @($records | ForEach-Object { $_.Epoch }) | Should -Be @(3, 6, 7)
    }

    It 'takes an optimizer, a loader and a schedule' {
        $optimizer = New-Optimizer SGD $problem.Model -LearningRate 0.1
        $schedule = New-LRScheduler StepLR $optimizer -StepSize 1 -Gamma 0.5
        $loader = New-DataLoader $problem.Data -BatchSize 10 -Shuffle -Seed 0
        $records = @(Start-Training $problem.Model $loader MSE -Optimizer $optimizer -Scheduler $schedule -Epochs 3)
        @($records | ForEach-Object { $_.LearningRate }) | Should -Be @(0.1, 0.05, 0.025)
    }

    It 'refuses a schedule of another optimizer' {
        $schedule = New-LRScheduler StepLR (New-Optimizer SGD $problem.Model) -StepSize 1
        { Start-Training $problem.Model $problem.Data MSE -Scheduler $schedule -Epochs 1 } | Should -Throw -ErrorId 'SchedulerOptimizerMismatch,NNTools.Commands.StartTrainingCommand'
    }

    It 'refuses an optimizer of another model' {
        $other = New-Optimizer SGD (New-Mlp 1, 1)
        { Start-Training $problem.Model $problem.Data MSE -Optimizer $other -Epochs 1 } | Should -Throw -ErrorId 'OptimizerModelMismatch,NNTools.Commands.StartTrainingCommand'
    }

    It 'adds the TrainingResult with -PassThru' {
        $out = @(Start-Training $problem.Model $problem.Data MSE -Epochs 2 -PassThru)
        $out | Should -HaveCount 3
        $out[2] | Should -BeOfType ([NNTools.Training.TrainingResult])
        $out[2].Reason | Should -Be 'Completed'
    }

    It 'measures accuracy for a classification loss' {
        $moons = Get-Dataset moons -Samples 40 -Seed 0
        $record = @(Start-Training (New-Mlp 2, 8, 2) $moons CrossEntropy -Epochs 1)[0]
        $record.Accuracy | Should -BeGreaterOrEqual 0
        $record.Accuracy | Should -BeLessOrEqual 1
    }

    It 'stops early when the validation loss stops improving' {
        # A learning rate of zero never improves: patience 2 stops after epoch 3, best epoch 1.
        $out = @(Start-Training $problem.Model $problem.Data MSE -OptimizerType SGD -LearningRate 0 -Epochs 50 -ValidationData $problem.Data -Patience 2 -PassThru)
        $result = $out[-1]
        $result.Reason | Should -Be 'EarlyStopped'
        $result.BestEpoch | Should -Be 1
        $out | Should -HaveCount 4
    }

    It 'saves checkpoints that Import-Model loads' {
        $path = Join-Path $TestDrive 'checkpoint.safetensors'
        $records = @(Start-Training $problem.Model $problem.Data MSE -Epochs 4 -CheckpointPath $path -CheckpointEvery 2)
        $path | Should -Exist
        $loaded = Import-Model $path
        $loaded.ToString() | Should -Be $problem.Model.ToString()
        $loaded[0].Weight.Equal($problem.Model[0].Weight) | Should -BeTrue
    }

    It 'refuses to replace an existing file as checkpoint without -Force' {
        $path = Join-Path $TestDrive 'existing.safetensors'
        Set-Content -Path $path -Value 'keep me' -NoNewline
        { Start-Training $problem.Model $problem.Data MSE -Epochs 1 -CheckpointPath $path } | Should -Throw -ErrorId 'FileExists,NNTools.Commands.StartTrainingCommand'
        Get-Content -Path $path -Raw | Should -Be 'keep me'
        Start-Training $problem.Model $problem.Data MSE -Epochs 1 -CheckpointPath $path -Force | Should -HaveCount 1
        Get-Content -Path $path -Raw | Should -Not -Be 'keep me'
    }

    It 'stops on a NaN loss with a NonFiniteLoss error and the weights from before it' {
        $out = @(Start-Training $problem.Model $problem.Data MSE -OptimizerType SGD -LearningRate 1e12 -Epochs 20 -ErrorAction SilentlyContinue -ErrorVariable problems -PassThru)
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'NonFiniteLoss*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $out[-1].Reason | Should -Be 'NonFiniteLoss'
        $problems[0].Exception.Message | Should -Be $out[-1].Message
    }

    It 'trains nothing with -WhatIf' {
        $before = $problem.Model[0].Weight.Clone()
        Start-Training $problem.Model $problem.Data MSE -Epochs 3 -WhatIf | Should -BeNullOrEmpty
        $problem.Model[0].Weight.Equal($before) | Should -BeTrue
    }

    It 'refuses data that is neither a loader nor a data set' {
        { Start-Training $problem.Model 'data.csv' MSE } | Should -Throw -ErrorId 'InvalidDataArgument,NNTools.Commands.StartTrainingCommand'
    }

    It 'refuses an unknown loss name' {
        { Start-Training $problem.Model $problem.Data Hinge } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,NNTools.Commands.StartTrainingCommand'
    }

    It 'reports a loss that does not fit the model''s output by the engine''s ErrorId' {
        { Start-Training $problem.Model (New-Dataset ([NNTools.Tensor]::Zeros(4, 1)) ([NNTools.Tensor]::Zeros(4))) MSE } |
            Should -Throw -ErrorId 'LossShapeMismatch,NNTools.Commands.StartTrainingCommand'
    }

    It 'completes loss names for -Loss' {
        $line = 'Start-Training -Loss Cr'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches |
            ForEach-Object { $_.CompletionText }
        $names | Should -Be @('CrossEntropy')
    }
}
