#Requires -Modules NNTools

<#
.SYNOPSIS
    The PyTorch tutorial's moons classifier, in NNTools PowerShell.
.DESCRIPTION
    Two interleaving half circles (scikit-learn's make_moons, 200 points, noise 0.1), a
    2-500-500-1 perceptron with a sigmoid output, binary cross-entropy, SGD with learning rate 0.5
    and weight decay 0.01, batches of 50. Prints the model, the loss table as training goes, and
    the accuracy on points held out of training.
.PARAMETER Epochs
    How many passes over the training points (30 takes a few seconds).
.PARAMETER Seed
    Seeds the data, the initial weights and the shuffling: one seed repeats the whole run.
.EXAMPLE
    pwsh -File examples/moons.ps1 -Epochs 60
#>
param(
    [ValidateRange(1, 100000)]
    [int] $Epochs = 30,
    [long] $Seed = 0
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Set-RandomSeed $Seed
$moons = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed $Seed
# BCE compares a probability per point with a 0/1 target of the same shape: labels as a float column.
$points = New-Dataset $moons.X $moons.Y.Float().Unsqueeze(1)
$train, $test = Split-Dataset $points 0.8 -Seed $Seed

$model = New-Mlp 2, 500, 500, 1 -OutputActivation Sigmoid
$model

$optimizer = New-Optimizer SGD $model -LearningRate 0.5 -WeightDecay 0.01
$loader = New-DataLoader $train -BatchSize 50 -Shuffle
Start-Training $model $loader BCE -Optimizer $optimizer -Epochs $Epochs -ValidationData $test

$result = Test-Model $model $test BCE
'Accuracy on {0} held-out points: {1:P1}' -f $result.Count, $result.Accuracy
