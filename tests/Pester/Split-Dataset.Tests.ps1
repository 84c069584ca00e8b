BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $ds = New-Dataset ([NNTools.Tensor]::Arange(10).Unsqueeze(1)) ([NNTools.Tensor]::Arange(10))
}

Describe 'Split-Dataset' {
    It 'splits by one fraction into it and the rest' {
        $train, $test = Split-Dataset $ds 0.8 -Seed 0
        $train.GetLength() | Should -Be 8
        $test.GetLength() | Should -Be 2
    }

    It 'splits by lengths, every item in exactly one subset' {
        $parts = @($ds | Split-Dataset -Length 5, 3, 2 -Seed 1)
        $parts | Should -HaveCount 3
        $seen = [System.Collections.Generic.HashSet[long]]::new()
        foreach ($part in $parts) { foreach ($i in $part.Indices) { [void]$seen.Add($i) } }
        $seen.Count | Should -Be 10
    }

    It 'repeats for the same seed' {
        $a = (Split-Dataset $ds 0.5 -Seed 4)[0].Indices
        $b = (Split-Dataset $ds 0.5 -Seed 4)[0].Indices
        $b | Should -Be $a
    }

    It 'refuses lengths that do not add up' {
        { Split-Dataset $ds -Length 5, 4 -ErrorAction Stop } | Should -Throw -ErrorId 'SplitLengths,NNTools.Commands.SplitDatasetCommand'
    }
}
