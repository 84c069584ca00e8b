# A model written as a PowerShell class deriving from NNTools.NN.Module works with the cmdlets.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/ToyModel.ps1"
    . "$PSScriptRoot/Support/BrokenModels.ps1"
}

Describe 'A PowerShell class deriving from NNTools.NN.Module' {
    BeforeEach {
        [void][NNTools.Tensor]::ManualSeed(0)
        $model = [ToyModel]::new()
    }

    It 'finds the layers held in its properties as parameters, with PyTorch key names' {
        $names = @($model.NamedParameters() | ForEach-Object { $_.Item1 })
        $names | Should -Be @('fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias')
    }

    It 'prints like print(model)' {
        $model.ToString() | Should -Be "ToyModel(`n  (fc1): Linear(in_features=3, out_features=4, bias=True)`n  (fc2): Linear(in_features=4, out_features=2, bias=True)`n)"
    }

    It 'runs its own Forward through Invoke-Model' {
        $y = Invoke-Model $model ([NNTools.Tensor]::Randn(5, 3))
        $y.Shape | Should -Be @(5, 2)
        $y.RequiresGrad | Should -BeTrue
    }

    It 'gets its parameters into New-Optimizer' {
        $optimizer = New-Optimizer Adam $model -LearningRate 0.01
        $optimizer.ParamGroups[0].Params | Should -HaveCount 4
    }

    It 'trains with Start-Training and keeps the trained weights' {
        $data = New-ToyData 20
        $before = (Measure-Loss MSE (Invoke-Model $model $data.X) $data.Y).Item()
        $records = Start-Training $model (New-Dataset $data.X $data.Y) MSE -OptimizerType Adam -LearningRate 0.01 -BatchSize 20 -Epochs 50
        $records | Should -HaveCount 50
        $after = (Measure-Loss MSE (Invoke-Model $model $data.X) $data.Y).Item()
        $after | Should -BeLessThan $before
    }

    It 'reports an engine error raised inside its Forward with the engine''s ErrorId' {
        { Invoke-Model $model ([NNTools.Tensor]::Randn(5, 2)) -ErrorAction Stop } | Should -Throw -ErrorId 'LinearInputShape,NNTools.Commands.InvokeModelCommand'
    }
}

Describe 'A PowerShell model class with a mistake' {
    BeforeAll {
        [void][NNTools.Tensor]::ManualSeed(0)
        $x = [NNTools.Tensor]::Randn(4, 2)
        $data = New-Dataset $x ([NNTools.Tensor]::Randn(4, 1))
    }

    It 'whose Forward returns $null: Invoke-Model reports ForwardReturnedNull instead of nothing' {
        $e = { Invoke-Model ([NullForwardModel]::new()) $x -ErrorAction Stop } |
            Should -Throw -ErrorId 'ForwardReturnedNull,NNTools.Commands.InvokeModelCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $e.Exception.Message | Should -Be 'NullForwardModel.Forward returned null for an input of shape [4, 2]; Forward must return a tensor'
    }

    It 'whose Forward returns $null: Start-Training reports ForwardReturnedNull' {
        $e = { Start-Training ([NullForwardModel]::new()) $data MSE -Epochs 1 } |
            Should -Throw -ErrorId 'ForwardReturnedNull,NNTools.Commands.StartTrainingCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $e.Exception.Message | Should -BeLike 'NullForwardModel.Forward returned null*'
    }

    It 'without parameters: Start-Training reports EmptyParameterList, as New-Optimizer does' {
        $e = { Start-Training ([ParameterlessModel]::new()) $data MSE -Epochs 1 } |
            Should -Throw -ErrorId 'EmptyParameterList,NNTools.Commands.StartTrainingCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeLike 'the model ParameterlessModel has no parameters*nothing to train'
        { New-Optimizer Adam ([ParameterlessModel]::new()) -ErrorAction Stop } | Should -Throw -ErrorId 'EmptyParameterList,NNTools.Commands.NewOptimizerCommand'
    }
}
