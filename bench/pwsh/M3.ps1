<#
.SYNOPSIS
    M3: W3 trained by Start-Training in this pwsh, as a user's script runs it: pwsh's own runtime
    settings, no warm-up. Prints one JSON line (steps, seconds, losses, peak working set).
#>
param([string] $Module = 'NNTools', [int] $Epochs = 1000)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Set-RandomSeed 0
$moons = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed 0
$x = $moons.X
$y = $moons.Y.Float().Unsqueeze(1)
$model = New-Mlp 2, 500, 500, 1 -OutputActivation Sigmoid
$optimizer = New-Optimizer SGD $model -LearningRate 0.5 -WeightDecay 0.01
$loader = New-DataLoader (New-Dataset $x $y) -BatchSize 50 -Shuffle
$init = Invoke-NoGrad { Measure-Loss BCE ($model.Forward($x)) $y }
$clock = [Diagnostics.Stopwatch]::StartNew()
$null = Start-Training $model $loader BCE -Optimizer $optimizer -Epochs $Epochs
$seconds = $clock.Elapsed.TotalSeconds
$final = Invoke-NoGrad { Measure-Loss BCE ($model.Forward($x)) $y }
[ordered]@{
    workload = 'M3'; steps = $Epochs * 4; seconds = $seconds; init_loss = $init.ToDouble(); final_loss = $final.ToDouble()
    peak_rss_bytes = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
} | ConvertTo-Json -Compress
