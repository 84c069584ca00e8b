BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Test-Model' {
    It 'measures the mean loss of a regression model, without accuracy' {
        $model = New-Layer Linear 1 1
        $x = [NNTools.Tensor]::Linspace(0, 1, 10).Unsqueeze(1)
        $result = Test-Model $model (New-Dataset $x $model.Forward($x).Detach()) MSE
        $result | Should -BeOfType ([NNTools.Training.EvaluationResult])
        $result.Loss | Should -Be 0
        $result.Count | Should -Be 10
        $result.Accuracy | Should -BeNullOrEmpty
        $result.Confusion | Should -BeNullOrEmpty
    }

    It 'counts right and wrong classes in a confusion matrix' {
        # Logits that always pick class 1: the true-0 items are all confused with 1.
        $model = New-Sequential (New-Layer Linear 1 2)
        $model[0].Weight.Detach().Zero_() | Out-Null
        $model[0].Bias.Detach().Copy_([NNTools.Tensor]::new(@(0.0, 1.0))) | Out-Null
        $data = New-Dataset ([NNTools.Tensor]::Zeros(4, 1)) ([NNTools.Tensor]::new(@(0, 1, 1, 1)))
        $result = Test-Model $model $data CrossEntropy -BatchSize 3
        $result.Accuracy | Should -Be 0.75
        $result.Confusion.ToInt64Array() | Should -Be @(0, 1, 0, 3)
    }

    It 'takes a loader and leaves the model''s mode as it was' {
        $model = New-Mlp 2, 4, 1 -OutputActivation Sigmoid -Dropout 0.5
        $moons = Get-Dataset moons -Samples 20 -Seed 0
        $loader = New-DataLoader (New-Dataset $moons.X $moons.Y.Float().Unsqueeze(1)) 5
        $result = $model | Test-Model -Data $loader -Loss BCE
        $result.Count | Should -Be 20
        $model.Training | Should -BeTrue
    }

    It 'refuses data that is neither a loader nor a data set' {
        { Test-Model (New-Mlp 2, 1) 42 MSE } | Should -Throw -ErrorId 'InvalidDataArgument,NNTools.Commands.TestModelCommand'
    }
}
