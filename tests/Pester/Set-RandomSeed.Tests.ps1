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

# Each runspace has its own default generator, as each PyTorch process has: seeded runs repeat
# bit for bit under ForEach-Object -Parallel and in thread jobs, however the runspaces interleave.
Describe 'Set-RandomSeed in parallel runspaces' {
    BeforeAll {
        # A seeded training run: initial weights, shuffling and dropout all draw from the default generator.
        $run = {
            param([long] $Seed)
            Import-Module NNTools
            Set-RandomSeed $Seed
            $data = Get-Dataset moons -Samples 64 -Noise 0.2
            $model = New-Mlp 2, 16, 2 -Dropout 0.1
            $null = Start-Training $model $data CrossEntropy -Epochs 3 -BatchSize 8 -Shuffle
            ($model.Parameters() | ForEach-Object { $_.ToArray() -join ',' }) -join ';'
        }
        $seeds = 1..6
        $sequential = foreach ($seed in $seeds) { & $run $seed }
    }

    It 'repeats seeded runs under ForEach-Object -Parallel' {
        $source = $run.ToString()
        $parallel = $seeds | ForEach-Object -ThrottleLimit 6 -Parallel {
            [pscustomobject]@{ Seed = $_; Weights = & ([scriptblock]::Create($using:source)) $_ }
        } | Sort-Object Seed
        for ($i = 0; $i -lt $seeds.Count; $i++) { $parallel[$i].Weights | Should -BeExactly $sequential[$i] -Because "seed $($seeds[$i])" }
    }

    It 'repeats seeded runs in thread jobs' {
        $jobs = foreach ($seed in $seeds) { Start-ThreadJob -ScriptBlock $run -ArgumentList $seed }
        $results = $jobs | Wait-Job | Receive-Job
        $jobs | Remove-Job
        for ($i = 0; $i -lt $seeds.Count; $i++) { $results[$i] | Should -BeExactly $sequential[$i] -Because "seed $($seeds[$i])" }
    }

    It 'keeps this runspace''s sequence while other runspaces draw' {
        Set-RandomSeed 7
        $first = (New-Tensor -Rand -Shape 5).ToArray() -join ','
        Set-RandomSeed 7
        $null = 1..4 | ForEach-Object -Parallel { Import-Module NNTools; $null = New-Tensor -Rand -Shape 1000 }
        (New-Tensor -Rand -Shape 5).ToArray() -join ',' | Should -BeExactly $first
    }
}
