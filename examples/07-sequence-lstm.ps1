#Requires -Modules NNTools

<#
.SYNOPSIS
    An LSTM forecasting a noisy seasonal series one step ahead from a window of its past values.

.DESCRIPTION
    Makes a series of two seasons (periods 24 and 7) plus Gaussian noise, cuts it into windows of
    24 values, each labelled with the value that follows, and holds out the last fifth in time
    order. The model is New-Layer LSTM (batch first) -> LastTimeStep -> Linear, trained with Adam
    by Start-Training. The held-out MSE must be well below the naive forecast's (tomorrow equals
    today), which the script prints beside it. Predictions against the truth go to -OutputFolder as
    a PNG, with the loss curve.

.PARAMETER OutputFolder
    Where the pictures go; a new temporary folder by default.

.PARAMETER Quick
    Fewer epochs (for the test suite); the check against the naive forecast still holds.

.EXAMPLE
    pwsh -File examples/07-sequence-lstm.ps1 -OutputFolder ./pictures
#>
[CmdletBinding()]
param(
    [string] $OutputFolder = (Join-Path Temp: "nntools-examples-$(New-Guid)"),
    [switch] $Quick
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$OutputFolder = (New-Item -ItemType Directory -Path $OutputFolder -Force).FullName
Set-RandomSeed 0

# y_t = sin(2 pi t / 24) + 0.5 sin(2 pi t / 7) + noise, t = 0 .. 599.
$length = 600
$window = 24
$t = New-Tensor -Arange -End $length -DType Float32
$series = $t.Mul(2 * [math]::PI / 24).Sin() + $t.Mul(2 * [math]::PI / 7).Sin().Mul(0.5) + (New-Tensor -Randn $length).Mul(0.1)

# Row i of the index matrix is i, i+1, ..., i+23: the window whose next value, at i+24, is its target.
$count = $length - $window
$index = (New-Tensor -Arange -End $window).Unsqueeze(0) + (New-Tensor -Arange -End $count).Unsqueeze(1)
$windows = $series.IndexSelect(0, $index.Reshape(-1)).View($count, $window, 1)
$targets = $series.Narrow(0, $window, $count).Unsqueeze(1)

# In time order: the model is judged on the future it has not seen.
$split = [int]($count * 0.8)
$held = $count - $split
$train = New-Dataset -Input $windows.Narrow(0, 0, $split) -Target $targets.Narrow(0, 0, $split)
$test = New-Dataset -Input $windows.Narrow(0, $split, $held) -Target $targets.Narrow(0, $split, $held)
"series: $count windows of $window steps, $split to train on, the last $held held out"

$model = New-Sequential @(
    New-Layer LSTM -InputSize 1 -HiddenSize 32 -BatchFirst
    New-Layer LastTimeStep
    New-Layer Linear 32 1
)
$model

$epochs = if ($Quick) { 8 } else { 25 }
$records = @(Start-Training $model $train MSE -ValidationData $test -OptimizerType Adam -LearningRate 0.01 `
        -BatchSize 32 -Shuffle -Epochs $epochs)
$records | Select-Object -Last 3
$null = $records | Export-Plot (Join-Path $OutputFolder '07-sequence-lstm-loss.png') -LossCurve -Title 'LSTM forecaster, Adam' -Force

$heldWindows = $windows.Narrow(0, $split, $held)
$truth = $targets.Narrow(0, $split, $held)
$predictions = Invoke-NoGrad { Invoke-Model $model.Eval() $heldWindows }
$mse = ($predictions - $truth).Pow(2).Mean().ToDouble()
# The naive forecast repeats the window's last value.
$naive = ($heldWindows.Select(1, $window - 1) - $truth).Pow(2).Mean().ToDouble()
"held-out MSE: LSTM $($mse.ToString('F4')), naive last value $($naive.ToString('F4'))"
if ($mse -gt 0.5 * $naive) { throw "the LSTM's held-out MSE $mse should be under half the naive forecast's $naive" }

$steps = New-Tensor -Arange -Start ($split + $window) -End $length -DType Float32
$null = Export-Plot (Join-Path $OutputFolder '07-sequence-lstm-forecast.png') -Line -X $steps -Y $truth -LineX $steps -LineY $predictions `
    -Title 'Held-out series (points) and the LSTM''s one-step forecasts (line)' -XLabel 't' -YLabel 'y' -Force
"pictures in $OutputFolder"
