#Requires -Modules NNTools

<#
.SYNOPSIS
    A small convolutional network on the 8x8 handwritten digits that scikit-learn ships: Conv2d,
    BatchNorm2d, ReLU and max pooling twice, then a linear classifier.

.DESCRIPTION
    Reshapes the 1,797 digits to [N, 1, 8, 8] images scaled to [0, 1], holds out a fifth of them,
    trains with Adam and validation, and checks that the network classifies at least 97% of the
    held-out digits. In eval mode BatchNorm2d normalises with the running statistics it gathered in
    training. The loss curve goes to -OutputFolder as a PNG.

.PARAMETER OutputFolder
    Where the picture goes; a new temporary folder by default.

.PARAMETER Quick
    Fewer epochs (for the test suite); the 97% check still holds.

.EXAMPLE
    pwsh -File examples/06-digits-cnn.ps1 -OutputFolder ./pictures
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

# Pixels are 0..16: scaled to [0, 1] and laid out as one-channel 8x8 images, as a CNN takes them.
$digits = Get-Dataset digits
$images = New-Dataset -Input ($digits.X.Div(16.0).View(-1, 1, 8, 8)) -Target $digits.Y
$train, $test = Split-Dataset $images -Fraction 0.8 -Seed 0
"digits: $($train.Count) to train on, $($test.Count) held out"

# 8x8 -> conv 3x3 (padding 1) -> 8x8 -> pool -> 4x4 -> conv -> 4x4 -> pool -> 2x2, 32 channels.
$model = New-Sequential @(
    New-Layer Conv2d 1 16 3 -Padding 1
    New-Layer BatchNorm2d 16
    New-Layer ReLU
    New-Layer MaxPool2d 2
    New-Layer Conv2d 16 32 3 -Padding 1
    New-Layer BatchNorm2d 32
    New-Layer ReLU
    New-Layer MaxPool2d 2
    New-Layer Flatten
    New-Layer Linear 128 10
)
$model

$epochs = if ($Quick) { 4 } else { 20 }
$records = @(Start-Training $model $train CrossEntropy -ValidationData $test -OptimizerType Adam -LearningRate 0.01 `
        -BatchSize 64 -Shuffle -Epochs $epochs)
$records
$null = $records | Export-Plot (Join-Path $OutputFolder '06-digits-cnn-loss.png') -LossCurve -Title 'Digits CNN, Adam' -Force

$result = Test-Model $model $test CrossEntropy
"held-out accuracy: $($result.Accuracy.ToString('P1'))"
if ($result.Accuracy -lt 0.97) { throw "the CNN should classify at least 97% of the held-out digits, got $($result.Accuracy)" }
"pictures in $OutputFolder"
