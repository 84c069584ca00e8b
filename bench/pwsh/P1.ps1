<#
.SYNOPSIS
    P1: W1's training loop written in PowerShell in method form, as the tutorials' loops are
    (`$opt.ZeroGrad(); $loss = ...; $loss.Backward(); $opt.Step()`). Prints one JSON line.
#>
param([string] $Module = 'NNTools', [int] $Steps = 50000)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Set-RandomSeed 0
$x = [NNTools.Tensor]::Linspace(-1, 1, 100).Unsqueeze(1)
$y = $x.Exp().Add([NNTools.Tensor]::Randn($x.Shape).Mul(0.1))
$model = New-Mlp 1, 4, 1
$opt = New-Optimizer SGD $model -LearningRate 0.01
$init = Invoke-NoGrad { $model.Forward($x).Sub($y).Pow(2).Mean() }
$clock = [Diagnostics.Stopwatch]::StartNew()
for ($i = 0; $i -lt $Steps; $i++) {
    $opt.ZeroGrad()
    $loss = $model.Forward($x).Sub($y).Pow(2).Mean()
    $loss.Backward()
    $opt.Step()
}
$seconds = $clock.Elapsed.TotalSeconds
[ordered]@{
    workload = 'P1'; steps = $Steps; seconds = $seconds; init_loss = $init.ToDouble(); final_loss = $loss.ToDouble()
    peak_rss_bytes = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
} | ConvertTo-Json -Compress
