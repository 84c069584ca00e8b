BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'New-Mlp' {
    It 'builds Linear layers between the sizes with the activation between them' {
        $mlp = New-Mlp 2, 500, 500, 1 -OutputActivation Sigmoid
        $mlp | Should -BeOfType ([NNTools.NN.Sequential])
        $mlp.ToString() | Should -Be (@(
                'Sequential('
                '  (0): Linear(in_features=2, out_features=500, bias=True)'
                '  (1): ReLU()'
                '  (2): Linear(in_features=500, out_features=500, bias=True)'
                '  (3): ReLU()'
                '  (4): Linear(in_features=500, out_features=1, bias=True)'
                '  (5): Sigmoid()'
                ')') -join "`n")
    }

    It 'takes another activation and dropout after each hidden layer' {
        $mlp = New-Mlp 4, 8, 3 -Activation Tanh -Dropout 0.25
        $mlp.Count | Should -Be 4
        $mlp[1] | Should -BeOfType ([NNTools.NN.Tanh])
        $mlp[2].P | Should -Be 0.25
    }

    It 'needs an input and an output size' {
        { New-Mlp 3 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NNTools.Commands.NewMlpCommand'
    }

    It 'refuses an unknown activation with the names it knows' {
        { New-Mlp 2, 3, 1 -Activation Swish } | Should -Throw -ErrorId 'UnknownActivation,NNTools.Commands.NewMlpCommand' -ExpectedMessage '*ReLU*'
    }

    It 'completes activation names' {
        $line = 'New-Mlp 2, 3 -Activation Lea'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches |
            ForEach-Object { $_.CompletionText }
        $names | Should -Be @('LeakyReLU')
    }

    It 'draws its weights from -Generator, leaving the default generator alone' {
        Set-RandomSeed 5
        $expected = (New-Tensor -Rand -Shape 3).ToArray() -join ','
        Set-RandomSeed 5
        $a = New-Mlp 2, 4, 1 -Generator ([NNTools.Generator]::new(42))
        (New-Tensor -Rand -Shape 3).ToArray() -join ',' | Should -BeExactly $expected
        $b = New-Mlp 2, 4, 1 -Generator ([NNTools.Generator]::new(42))
        foreach ($key in $a.StateDict().Keys) { $a.StateDict()[$key].Equal($b.StateDict()[$key]) | Should -BeTrue -Because $key }
    }
}
