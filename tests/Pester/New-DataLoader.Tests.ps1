BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $ds = New-Dataset ([NNTools.Tensor]::Arange(10).Unsqueeze(1)) ([NNTools.Tensor]::Arange(10))
}

Describe 'New-DataLoader' {
    It 'writes the loader as one object, not its batches' {
        # @() would unroll the loader itself; the next command in a pipeline sees what the cmdlet wrote.
        $written = New-DataLoader $ds -BatchSize 4 | ForEach-Object { $_.GetType().FullName }
        $written | Should -Be 'NNTools.Data.DataLoader'
    }

    It 'batches in order, the last batch partial' {
        $loader = New-DataLoader $ds -BatchSize 4
        $loader.Count | Should -Be 3
        $sizes = foreach ($batch in $loader) { $batch.Size }
        $sizes | Should -Be @(4, 4, 2)
    }

    It 'drops the partial batch with -DropLast' {
        $loader = $ds | New-DataLoader -BatchSize 4 -DropLast
        @(foreach ($batch in $loader) { $batch.Size }) | Should -Be @(4, 4)
    }

    It 'shuffles in the same order for the same -Seed' {
        $first = foreach ($batch in (New-DataLoader $ds 10 -Shuffle -Seed 3)) { $batch.Target.ToInt64Array() }
        $again = foreach ($batch in (New-DataLoader $ds 10 -Shuffle -Seed 3)) { $batch.Target.ToInt64Array() }
        $again | Should -Be $first
        $first | Should -Not -Be @(0..9)
    }

    It 'refuses a batch size below one' {
        { New-DataLoader $ds -BatchSize 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NNTools.Commands.NewDataLoaderCommand'
    }

    It 'refuses -Seed with -Generator' {
        { New-DataLoader $ds -Seed 1 -Generator ([NNTools.Generator]::new(1)) } | Should -Throw -ErrorId 'SeedAndGenerator,NNTools.Commands.NewDataLoaderCommand'
    }
}
