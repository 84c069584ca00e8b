<#
.SYNOPSIS
    C3: a cold start as a user meets it: this process starts, imports the module, builds W3 and runs
    100 training steps (25 epochs of 4 batches). The bench times the whole process from outside.
#>
param([string] $Module = 'NNTools')
$ErrorActionPreference = 'Stop'
Import-Module $Module
Set-RandomSeed 0
$moons = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed 0
$data = New-Dataset $moons.X $moons.Y.Float().Unsqueeze(1)
$model = New-Mlp 2, 500, 500, 1 -OutputActivation Sigmoid
$optimizer = New-Optimizer SGD $model -LearningRate 0.5 -WeightDecay 0.01
$loader = New-DataLoader $data -BatchSize 50 -Shuffle
$last = Start-Training $model $loader BCE -Optimizer $optimizer -Epochs 25 | Select-Object -Last 1
[ordered]@{ workload = 'C3'; steps = 100; final_loss = $last.Loss; peak_rss_bytes = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 } |
    ConvertTo-Json -Compress
