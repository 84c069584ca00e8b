<#
.SYNOPSIS
    P4: W4's loop (raw tensors, y_pred = tanh(X W) w, a manual update under no-grad) written in
    PowerShell in method form. Prints one JSON line.
#>
param([string] $Module = 'NNTools', [int] $Steps = 5000, [double] $LearningRate = 0.1)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Set-RandomSeed 0
$x = [NNTools.Tensor]::Randn(100, 50)
$y = [NNTools.Tensor]::Randint(0, 2, [int[]] @(100)).Float().Mul(2).Sub(1)
$w1 = [NNTools.Tensor]::Randn(50, 11).RequiresGrad_()
$w2 = [NNTools.Tensor]::Randn(11).RequiresGrad_()
$init = Invoke-NoGrad { $x.MatMul($w1).Tanh().MatMul($w2).Sub($y).Pow(2).Mean().Mul(0.5) }
$clock = [Diagnostics.Stopwatch]::StartNew()
for ($i = 0; $i -lt $Steps; $i++) {
    $loss = $x.MatMul($w1).Tanh().MatMul($w2).Sub($y).Pow(2).Mean().Mul(0.5)
    $loss.Backward()
    $noGrad = [NNTools.Autograd.GradMode]::NoGrad()
    try {
        $null = $w1.Sub_($w1.Grad.Mul($LearningRate))
        $null = $w2.Sub_($w2.Grad.Mul($LearningRate))
        $null = $w1.Grad.Zero_()
        $null = $w2.Grad.Zero_()
    } finally { $noGrad.Dispose() }
}
$seconds = $clock.Elapsed.TotalSeconds
[ordered]@{
    workload = 'P4'; steps = $Steps; seconds = $seconds; init_loss = $init.ToDouble(); final_loss = $loss.ToDouble()
    peak_rss_bytes = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
} | ConvertTo-Json -Compress
