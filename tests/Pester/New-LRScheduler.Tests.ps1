BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'New-LRScheduler' {
    BeforeEach {
        $optimizer = New-Optimizer SGD -Parameters ([NNTools.Tensor]::Zeros(2).RequiresGrad_()) -LearningRate 1.0
    }

    It 'builds StepLR: the rate times gamma every StepSize steps' {
        $schedule = New-LRScheduler StepLR $optimizer -StepSize 2 -Gamma 0.5
        $schedule.Step(); $schedule.Step()
        $optimizer.ParamGroups[0].Lr | Should -Be 0.5
    }

    It 'builds ExponentialLR' {
        $schedule = $optimizer | New-LRScheduler ExponentialLR -Gamma 0.9
        $schedule.Step()
        $optimizer.ParamGroups[0].Lr | Should -Be 0.9
    }

    It 'builds CosineAnnealingLR' {
        $schedule = New-LRScheduler CosineAnnealingLR $optimizer -TMax 2
        $schedule.Step()
        $optimizer.ParamGroups[0].Lr | Should -BeLessThan 0.5000001
        $optimizer.ParamGroups[0].Lr | Should -BeGreaterThan 0.4999999
    }

    It 'builds ReduceLROnPlateau' {
        $schedule = New-LRScheduler ReduceLROnPlateau $optimizer -Patience 0 -Factor 0.5
        $schedule.Step(1.0); $schedule.Step(1.0)
        $optimizer.ParamGroups[0].Lr | Should -Be 0.5
    }

    It 'says what <Type> needs' -TestCases @(
        @{ Type = 'StepLR'; Missing = 'StepSize' }
        @{ Type = 'ExponentialLR'; Missing = 'Gamma' }
        @{ Type = 'CosineAnnealingLR'; Missing = 'TMax' }
    ) {
        { New-LRScheduler $Type $optimizer } | Should -Throw -ErrorId 'MissingMandatoryParameter,NNTools.Commands.NewLRSchedulerCommand' -ExpectedMessage "*$Missing*"
    }

    It 'refuses a parameter the schedule does not take' {
        { New-LRScheduler StepLR $optimizer -StepSize 1 -TMax 3 } | Should -Throw -ErrorId 'NamedParameterNotFound,NNTools.Commands.NewLRSchedulerCommand'
    }

    It 'completes only the arguments of <Type>' -TestCases @(
        @{ Type = 'StepLR'; Expected = 'StepSize', 'Gamma' }
        @{ Type = 'CosineAnnealingLR'; Expected = 'TMax', 'EtaMin' }
        @{ Type = 'ReduceLROnPlateau'; Expected = 'Mode', 'Factor', 'Patience', 'Threshold', 'ThresholdMode', 'Cooldown', 'MinLr' }
    ) {
        $line = "New-LRScheduler $Type `$optimizer -"
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            ForEach-Object { $_.TrimStart('-') } | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }
        @($offered) | Should -Be @($Expected)
    }

    It 'runs a LambdaLR scriptblock with the epoch, as torch''s lr_lambda' {
        $optimizer.ParamGroups[0].Lr = 0.1
        $schedule = New-LRScheduler LambdaLR $optimizer -Lambda { param($epoch) [Math]::Pow(0.5, $epoch) }
        $schedule.Step(); $schedule.Step()
        $optimizer.ParamGroups[0].Lr | Should -Be 0.025
        { New-LRScheduler LambdaLR $optimizer -Lambda { 'x' } } | Should -Throw -ErrorId 'LambdaResult,NNTools.Commands.NewLRSchedulerCommand' -ExpectedMessage '*epoch 0*String*'
    }

    It 'builds MultiStepLR, LinearLR and CosineAnnealingWarmRestarts by name' {
        (New-LRScheduler MultiStepLR $optimizer -Milestones 2, 4).GetType().Name | Should -Be 'MultiStepLR'
        (New-LRScheduler LinearLR $optimizer -StartFactor 0.5).GetType().Name | Should -Be 'LinearLR'
        (New-LRScheduler CosineAnnealingWarmRestarts $optimizer -T0 3 -TMult 2).GetType().Name | Should -Be 'CosineAnnealingWarmRestarts'
    }

    It 'takes -Mode Max and an absolute -ThresholdMode, in any case' {
        $schedule = New-LRScheduler ReduceLROnPlateau $optimizer -Mode max -ThresholdMode ABS -Threshold 0.5 -Patience 0 -Factor 0.5
        $schedule.Step(1.0); $schedule.Step(1.4)
        $optimizer.ParamGroups[0].Lr | Should -Be 0.5 -Because '1.4 is not above the best 1.0 by the absolute threshold 0.5'
    }
}
