BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'New-Optimizer' {
    BeforeEach {
        [void][NNTools.Tensor]::ManualSeed(0)
        $model = New-Mlp 3, 4, 2
    }

    It 'builds <Type> over the model''s parameters' -TestCases @(
        @{ Type = 'SGD'; Class = 'NNTools.Optim.SGD' }
        @{ Type = 'Adam'; Class = 'NNTools.Optim.Adam' }
        @{ Type = 'AdamW'; Class = 'NNTools.Optim.AdamW' }
        @{ Type = 'RMSprop'; Class = 'NNTools.Optim.RMSprop' }
        @{ Type = 'Adagrad'; Class = 'NNTools.Optim.Adagrad' }
    ) {
        $optimizer = New-Optimizer $Type -Model $model
        $optimizer.GetType().FullName | Should -Be $Class
        $optimizer.ParamGroups[0].Params | Should -HaveCount 4
    }

    It 'takes the model from the pipeline' {
        $optimizer = $model | New-Optimizer Adam -LearningRate 0.01
        $optimizer.ParamGroups[0].Lr | Should -Be 0.01
    }

    It 'passes SGD''s options as PyTorch names them' {
        $optimizer = New-Optimizer SGD $model -LearningRate 0.5 -Momentum 0.9 -Nesterov -WeightDecay 0.01
        $group = $optimizer.ParamGroups[0]
        $group['lr'] | Should -Be 0.5
        $group['momentum'] | Should -Be 0.9
        $group['nesterov'] | Should -BeTrue
        $group['weight_decay'] | Should -Be 0.01
    }

    It 'passes Adam''s betas' {
        $optimizer = New-Optimizer Adam $model -Betas 0.8, 0.99
        $optimizer.ToString() | Should -BeLike '*betas: (0.8, 0.99)*'
    }

    It 'uses each type''s PyTorch default learning rate' {
        (New-Optimizer RMSprop $model).ParamGroups[0].Lr | Should -Be 0.01
        (New-Optimizer Adam $model).ParamGroups[0].Lr | Should -Be 0.001
    }

    It 'takes tensors with -Parameters' {
        $w = [NNTools.Tensor]::Randn(3).RequiresGrad_()
        $optimizer = New-Optimizer SGD -Parameters $w -LearningRate 0.1
        $optimizer.ParamGroups[0].Params | Should -HaveCount 1
    }

    It 'refuses -Parameters tensors that do not require grad, naming which' {
        $w = [NNTools.Tensor]::Randn(3).RequiresGrad_()
        $frozen = [NNTools.Tensor]::Zeros(2)
        $e = { New-Optimizer SGD -Parameters $w, $frozen } | Should -Throw -ErrorId 'ParameterDoesNotRequireGrad,NNTools.Commands.NewOptimizerCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeLike '-Parameters tensor 1 (shape `[2`], torch.float32) does not require grad*'
    }

    It 'refuses a non-leaf tensor as PyTorch does' {
        $w = [NNTools.Tensor]::Randn(3).RequiresGrad_()
        $e = { New-Optimizer SGD -Parameters ($w * 2) } | Should -Throw -ErrorId 'NonLeafParameter,NNTools.Commands.NewOptimizerCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeLike 'can''t optimize a non-leaf Tensor: parameter 0 (shape `[3`]) was produced by MulBackward0*'
    }

    It 'refuses an option the type does not take' {
        { New-Optimizer Adam $model -Momentum 0.9 } | Should -Throw -ErrorId 'NamedParameterNotFound,NNTools.Commands.NewOptimizerCommand' -ExpectedMessage '*Momentum*'
    }

    It 'completes only the options a <Type> optimizer takes' -TestCases @(
        @{ Type = 'SGD'; Expected = 'Momentum', 'Dampening', 'Nesterov', 'Maximize' }
        @{ Type = 'Adam'; Expected = 'Betas', 'Eps', 'Amsgrad', 'Maximize' }
        @{ Type = 'RMSprop'; Expected = 'Alpha', 'Eps', 'Momentum', 'Centered', 'Maximize' }
        @{ Type = 'Adagrad'; Expected = 'LrDecay', 'InitialAccumulatorValue', 'Eps', 'Maximize' }
        @{ Type = 'NAdam'; Expected = 'Betas', 'Eps', 'MomentumDecay' }
    ) {
        $line = "New-Optimizer $Type `$model -"
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            ForEach-Object { $_.TrimStart('-') } | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }
        @($offered) | Should -Be @(@('LearningRate', 'WeightDecay') + $Expected)
    }

    It 'uses PyTorch''s default learning rate of each type, the same one Start-Training uses' -TestCases @(
        @{ Type = 'SGD'; Lr = 0.001 }, @{ Type = 'Adam'; Lr = 0.001 }, @{ Type = 'AdamW'; Lr = 0.001 }
        @{ Type = 'RMSprop'; Lr = 0.01 }, @{ Type = 'Adagrad'; Lr = 0.01 }, @{ Type = 'Adadelta'; Lr = 1.0 }
        @{ Type = 'Adamax'; Lr = 0.002 }, @{ Type = 'NAdam'; Lr = 0.002 }, @{ Type = 'RAdam'; Lr = 0.001 }
    ) {
        (New-Optimizer $Type $model).ParamGroups[0].Options['lr'] | Should -Be $Lr
        $x = New-Tensor -Randn -Shape 4, 3
        $record = Start-Training (New-Mlp 3, 1) (New-Dataset -Input $x -Target $x.Sum(1, $true)) MSE -OptimizerType $Type -Epochs 1
        $record.LearningRate | Should -Be $Lr
    }

    It 'reports the engine''s check of nesterov without momentum' {
        { New-Optimizer SGD $model -Nesterov } | Should -Throw -ErrorId 'NesterovRequiresMomentum,NNTools.Commands.NewOptimizerCommand'
    }

    It 'completes optimizer types' {
        $line = 'New-Optimizer Ad'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches |
            ForEach-Object { $_.CompletionText }
        $names | Should -Be @('Adadelta', 'Adagrad', 'Adam', 'Adamax', 'AdamW')
    }
}
