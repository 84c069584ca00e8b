# Set-RandomSeed: torch.manual_seed, with PyTorch's own numbers.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Set-RandomSeed' {
    It 'gives PyTorch''s randn after seed 0' {
        Set-RandomSeed -Seed 0
        $t = New-Tensor -Randn -Shape 3, 4
        $t.ToString() | Should -BeExactly ("tensor([[ 1.5410, -0.2934, -2.1788,  0.5684],`n" +
            "        [-1.0845, -1.3986,  0.4033,  0.8380],`n" +
            "        [-0.7193, -0.4033, -0.5966,  0.1820]])")
    }

    It 'repeats a run exactly' {
        Set-RandomSeed 123
        $a = New-Tensor -Rand -Shape 10
        Set-RandomSeed 123
        $b = New-Tensor -Rand -Shape 10
        $a.Eq($b).All().Item() | Should -BeTrue
    }

    It 'returns the default generator with -PassThru' {
        $g = Set-RandomSeed 42 -PassThru
        [object]::ReferenceEquals($g, [NNTools.Generator]::Default) | Should -BeTrue
        $g.InitialSeed | Should -Be 42
    }

    It 'writes nothing without -PassThru' {
        Set-RandomSeed 1 | Should -BeNullOrEmpty
    }
}
