BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Get-Dataset' {
    It 'makes moons: [n, 2] features, labels 0 and 1' {
        $moons = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed 0
        $moons | Should -BeOfType ([NNTools.Data.LabeledDataset])
        $moons.X.Shape | Should -Be @(200, 2)
        $moons.Y.Shape | Should -Be @(200)
        $moons.Y.Sum().Item() | Should -Be 100
    }

    It 'repeats exactly for the same seed' {
        $a = Get-Dataset circles -Samples 50 -Noise 0.05 -Seed 7
        $b = Get-Dataset circles -Samples 50 -Noise 0.05 -Seed 7
        $a.X.Equal($b.X) | Should -BeTrue
    }

    It 'makes <Name> with <Features> features' -TestCases @(
        @{ Name = 'blobs'; Features = 2; Count = 100 }
        @{ Name = 'regression'; Features = 1; Count = 100 }
        @{ Name = 'iris'; Features = 4; Count = 150 }
        @{ Name = 'digits'; Features = 64; Count = 1797 }
    ) {
        $ds = Get-Dataset $Name
        $ds.X.Shape | Should -Be @($Count, $Features)
        $ds.GetLength() | Should -Be $Count
    }

    It 'keeps iris''s class and feature names' {
        $iris = Get-Dataset iris
        $iris.Classes | Should -Be @('setosa', 'versicolor', 'virginica')
        $iris.FeatureNames | Should -HaveCount 4
    }

    It 'refuses an unknown name with the names it knows' {
        { Get-Dataset mnist } | Should -Throw -ErrorId 'UnknownDataset,NNTools.Commands.GetDatasetCommand' -ExpectedMessage '*moons*'
    }

    It 'refuses noise for a real data set' {
        { Get-Dataset iris -Noise 0.1 } | Should -Throw -ErrorId 'OptionNotApplicable,NNTools.Commands.GetDatasetCommand'
    }

    It 'completes data set names' {
        $line = 'Get-Dataset ci'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches |
            ForEach-Object { $_.CompletionText }
        $names | Should -Be @('circles')
    }
}
