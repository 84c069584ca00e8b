#Requires -Modules NNTools

<#
.SYNOPSIS
    Tutorial 003 "CSE447/517 Assignment 0": tensor creation, dtypes, the ragged-input error,
    arange/view/reshape, sums and std over dims, sigmoid/relu; a 3-4-2 network with a hand-written
    forward and backward pass checked against autograd; nn.Module subclasses; an optimization loop
    to an MSE below 0.01.

.DESCRIPTION
    Follows the assignment part by part and checks its results: ragged data fails with an error
    record, the hand-written backward pass equals autograd's gradients, a gradient-descent step
    lowers the loss, gradients accumulate across backward calls, the convolutional and the
    flattening example networks produce the shapes they should, and the toy model written as a
    PowerShell class is optimized below an MSE of 0.01. The optimization's loss curve goes to
    -OutputFolder as PNG.

.PARAMETER OutputFolder
    Where the pictures go; a new temporary folder by default.

.PARAMETER Quick
    Stop the optimization as soon as the MSE is below 0.01 (for the test suite) instead of
    running all its steps.

.EXAMPLE
    pwsh -File examples/04-assignment-toy-network.ps1 -OutputFolder ./pictures
#>
[CmdletBinding()]
param(
    [string] $OutputFolder = (Join-Path Temp: "nntools-examples-$(New-Guid)"),
    [switch] $Quick
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Made if missing; from here on its full path, with no PowerShell drive (Temp:) or relative part.
$OutputFolder = (New-Item -ItemType Directory -Path $OutputFolder -Force).FullName
function Get-PicturePath([string] $Name) { Join-Path $OutputFolder $Name }
function Format-Shape([NNTools.Tensor] $Tensor) { "[$($Tensor.Shape -join ', ')]" }

#region Part 1: Tensors
$listOfLists = @(@(1, 2, 3), @(4, 5, 6))
"list: $($listOfLists | ForEach-Object { "[$($_ -join ', ')]" })"
"tensor: $(New-Tensor $listOfLists)"
"tensor: $(New-Tensor ((0, 1), (2, 3), (4, 5)))"

# Rows of different lengths cannot make a tensor.
try {
    $null = New-Tensor ((0, 1), (2, 3, 4))
    throw 'ragged rows should not make a tensor'
}
catch {
    if ($_.FullyQualifiedErrorId -notlike 'RaggedInput,*') { throw }
    "ragged rows: $($_.Exception.Message) ($($_.FullyQualifiedErrorId))"
}

# Data types: explicit, or inferred from the data.
$data = New-Tensor ((0, 1), (2, 3), (4, 5)) -DType Float32
"explicit float32: $data"
$data = New-Tensor ((0.11111111, 1), (2, 3), (4, 5))
"inferred: $data $($data.DTypeName)"
$data = New-Tensor ((0, 1), (2, 3), (4, 5))
"inferred: $data $($data.DTypeName)"
if ($data.DTypeName -ne 'int64') { throw "whole numbers should make an int64 tensor, got $($data.DTypeName)" }

"zeros(2, 5) = $(New-Tensor -Zeros 2, 5)"
"ones(3, 4) = $(New-Tensor -Ones 3, 4)"
"rand(3, 3) = $(New-Tensor -Rand 3, 3)"
$rr = New-Tensor -Arange -Start 1 -End 10
"arange(1, 10) = $rr"
"rr + 2 = $($rr + 2)"
"rr * 2 = $($rr * 2)"
"rr ** 2 = $($rr.Pow(2))"
"rr % 3 = $($rr % 3)"

$a = New-Tensor ((1, 2), (2, 3), (4, 5))           # (3, 2)
$b = New-Tensor ((1, 2, 3, 4), (5, 6, 7, 8))       # (2, 4)
"a.matmul(b) is $($a.MatMul($b))"

$matr2d = New-Tensor ((1, 2, 3), (4, 5, 6))
"$(Format-Shape $matr2d) $matr2d"
$matr3d = New-Tensor (((1, 2, 3, 4), (-2, 5, 6, 9)), ((5, 6, 7, 2), (8, 9, 10, 4)), ((-3, 2, 2, 1), (4, 6, 5, 9)))
"$matr3d $(Format-Shape $matr3d)"

# Reshaping keeps the elements' order.
$rr = New-Tensor -Arange -Start 1 -End 16
"$rr $(Format-Shape $rr)"
$rr = $rr.View(5, 3)
"$rr $(Format-Shape $rr)"

# Tensors to .NET arrays and back (numpy's role).
$arr = [long[,]]::new(1, 3)
$arr[0, 0] = 1; $arr[0, 2] = 5
$data = New-Tensor $arr
"This is a $($data.GetType().Name) $data"
$newArr = ConvertFrom-Tensor $data -AsArray
"This is a $($newArr.GetType().Name) $($newArr[0, 0]) $($newArr[0, 1]) $($newArr[0, 2])"

# Vectorized operations over a dimension.
$data = (New-Tensor -Arange -Start 1 -End 36 -DType Float32).Reshape(5, 7)
"Data is: $data"
"Taking the sum over columns: $($data.Sum(0))"
"Taking the sum over rows: $($data.Sum(1))"
"Taking the stdev over rows: $($data.Std(1))"
"sum: $($data.Sum())"
if ($data.Sum().Item() -ne 630) { throw "1 + ... + 35 should be 630, got $($data.Sum())" }

# Indexing.
$x = New-Tensor (((1, 2), (3, 4)), ((5, 6), (7, 8)), ((9, 10), (11, 12))) -DType Float32
"$x $(Format-Shape $x)"
"x[0] = $($x[0])"
"x[:, 0] = $($x[':, 0'])"
"x[1, :, 0] = $($x['1, :, 0'])"

# Built-in functions.
$x = New-Tensor (-1.5330, 0.4530, -0.7361, -0.3403, 2.4078)
"sigmoid: $($x.Sigmoid())"
"relu: $($x.Relu())"
#endregion

#region Part 2: Implementing a neural network by hand
# generate_data(N): a fixed function from 3-d inputs to two binary outputs.
function New-ToyData([int] $Count) {
    $X = New-Tensor -Randn $Count, 3
    $first = ($X[':, 0'] + $X[':, 1']) * $X[':, 2'].Gt(0) + ($X[':, 0'] - $X[':, 1']) * $X[':, 2'].Lt(0)
    $Y = [NNTools.Tensor]::Stack(@($first, $X.Norm(2, 1))).T.Abs().Gt(1.33).Float()
    [pscustomobject]@{ X = $X; Y = $Y }
}

Set-RandomSeed 0
$toy = New-ToyData 20
$X = $toy.X
$Y = $toy.Y
"X = $X"
"Y = $Y"

# Random weights and biases, 3 -> 4 -> 2.
$W1 = (New-Tensor -Randn 3, 4) * 0.2
$B1 = (New-Tensor -Randn 1, 4) * 0.2
$W2 = (New-Tensor -Randn 4, 2) * 0.2
$B2 = (New-Tensor -Randn 1, 2) * 0.2

# Exercise 1: z1 = x W1 + B1, h = relu(z1), z2 = h W2 + B2, y_hat = sigmoid(z2).
function Invoke-Forward($x) {
    $z1 = $x.MatMul($W1) + $B1
    $h = $z1.Relu()
    $z2 = $h.MatMul($W2) + $B2
    $z2.Sigmoid()
}
$yHat = Invoke-Forward $X
"y_hat = $yHat"
$loss = ($yHat - $Y).Pow(2).Sum()
"loss = $loss, mse_loss(reduction='sum') = $(Measure-Loss MSE $yHat $Y -Reduction Sum)"

# Exercise 2: the backward pass by the chain rule.
function Get-Backprop($x) {
    $z1 = $x.MatMul($W1) + $B1
    $h = $z1.Relu()
    $z2 = $h.MatMul($W2) + $B2
    $yHat = $z2.Sigmoid()

    $yHatGrad = 2 * ($yHat - $Y)
    $z2Grad = $yHatGrad * $yHat * (1 - $yHat)
    $hGrad = $z2Grad.MatMul($W2.T)
    $z1Grad = $hGrad * $z1.Ge(0).Float()

    # Bias gradients sum the node gradients; weight gradients are outer products summed over the batch.
    [pscustomobject]@{
        W1 = ($x[':, :, None'] * $z1Grad[':, None, :']).Sum(0)
        B1 = $z1Grad.Sum(0)
        W2 = ($h[':, :, None'] * $z2Grad[':, None, :']).Sum(0)
        B2 = $z2Grad.Sum(0)
    }
}
$before = (Invoke-Forward $X).Sub($Y).Pow(2).Sum().Item()
"loss before a step: $before"

# One step of gradient descent.
$lr = 0.01
$grad = Get-Backprop $X
$W1 = $W1 - $grad.W1 * $lr
$B1 = $B1 - $grad.B1 * $lr
$W2 = $W2 - $grad.W2 * $lr
$B2 = $B2 - $grad.B2 * $lr
$after = (Invoke-Forward $X).Sub($Y).Pow(2).Sum().Item()
"loss after a step: $after"
if ($after -ge $before) { throw "a gradient-descent step should lower the loss: $before -> $after" }
#endregion

#region Part 3: autograd
# PowerShell's names ignore case: the notebook's x and y here would replace the toy data X and Y.
$xExample = (New-Tensor (2.0, 3.0, 4.0)).RequiresGrad_($true)
"x.grad before backward: $(if ($null -eq $xExample.Grad) { 'None' } else { $xExample.Grad })"
$yExample = ($xExample.Pow(2) + $xExample).Sum()
"y = $yExample"
Invoke-Backward $yExample
"x.grad = $($xExample.Grad)"
# The same calculation again: backward adds to the gradients instead of replacing them.
$yExample = ($xExample.Pow(2) + $xExample).Sum()
Invoke-Backward $yExample
"x.grad = $($xExample.Grad)"
if (-not $xExample.Grad.Equal((New-Tensor (10.0, 14.0, 18.0)))) { throw "two backward calls should accumulate 2 (2x + 1) = [10, 14, 18], got $($xExample.Grad)" }

# Autograd on the toy network: the forward pass alone gives the gradients.
foreach ($p in $W1, $B1, $W2, $B2) { $null = $p.RequiresGrad_($true) }
Clear-Gradient $W1, $B1, $W2, $B2
$yHat = Invoke-Forward $X
$loss = Measure-Loss MSE $yHat $Y -Reduction Sum
Invoke-Backward $loss
"PyTorch Autograd: $($W1.Grad)"
$manual = Invoke-NoGrad { Get-Backprop $X }
"Manually calculated gradient: $($manual.W1)"
$autogradGrads = @{ W1 = $W1.Grad; B1 = $B1.Grad; W2 = $W2.Grad; B2 = $B2.Grad }
foreach ($name in 'W1', 'B1', 'W2', 'B2') {
    $autograd = $autogradGrads[$name]
    $distance = ($manual.$name - $autograd).Norm().Item()
    "$name grad distance: $($distance.ToString('F10'))"
    if (-not $manual.$name.AllClose($autograd, 1e-4, 1e-6)) { throw "the hand-written gradient of $name differs from autograd's by $distance" }
}
#endregion

#region Neural network modules
# The assignment's first example: two convolutions, each followed by a ReLU.
class ConvModel : NNTools.NN.Module {
    [NNTools.NN.Module] $conv1
    [NNTools.NN.Module] $conv2

    ConvModel() {
        $this.conv1 = New-Layer Conv2d -InChannels 1 -OutChannels 20 -KernelSize 5
        $this.conv2 = New-Layer Conv2d -InChannels 20 -OutChannels 20 -KernelSize 5
    }

    [NNTools.Tensor] Forward([NNTools.Tensor] $x) {
        $x = $this.conv1.Forward($x).Relu()
        return $this.conv2.Forward($x).Relu()
    }
}
$convOut = Invoke-Model ([ConvModel]::new()) (New-Tensor -Randn 1, 1, 12, 12) -NoGrad
"Model()(randn(1, 1, 12, 12)).shape = $(Format-Shape $convOut)"
if ((Format-Shape $convOut) -ne '[1, 20, 4, 4]') { throw "two 5x5 convolutions should take 12x12 to 4x4, got $(Format-Shape $convOut)" }

# The second: nn.Sequential inside a module.
class ExampleNetwork : NNTools.NN.Module {
    [NNTools.NN.Module] $main

    ExampleNetwork() {
        $this.main = New-Sequential (New-Layer Flatten), (New-Layer Linear 784 128), (New-Layer ReLU),
            (New-Layer Linear 128 64), (New-Layer ReLU), (New-Layer Linear 64 10)
    }

    [NNTools.Tensor] Forward([NNTools.Tensor] $x) { return $this.main.Forward($x) }
}
$model = [ExampleNetwork]::new()
"$model"
$logits = Invoke-Model $model (New-Tensor -Randn 1, 28, 28)
"model(randn(1, 28, 28)) = $logits"
if ((Format-Shape $logits) -ne '[1, 10]') { throw "ExampleNetwork should give [1, 10], got $(Format-Shape $logits)" }

# Exercise 4: the toy network from modules.
class ToyModel : NNTools.NN.Module {
    [NNTools.NN.Module] $layers

    ToyModel() {
        $this.layers = New-Sequential (New-Layer Linear 3 4), (New-Layer ReLU), (New-Layer Linear 4 2), (New-Layer Sigmoid)
    }

    [NNTools.Tensor] Forward([NNTools.Tensor] $x) { return $this.layers.Forward($x) }
}
$model = [ToyModel]::new()
"$model"
"mse_loss(model(X), Y) = $(Measure-Loss MSE (Invoke-Model $model $X) $Y)"
#endregion

#region Exercise 5: optimize the toy model to an MSE below 0.01
$model = [ToyModel]::new()
$optimizer = New-Optimizer Adam $model -LearningRate 0.01
$steps = 3000
$losses = [System.Collections.Generic.List[double]]::new()
for ($step = 0; $step -lt $steps; $step++) {
    Clear-Gradient $model
    $loss = Measure-Loss MSE (Invoke-Model $model $X) $Y
    $losses.Add($loss.Item())
    Invoke-Backward $loss
    Step-Optimizer $optimizer
    if ($Quick -and $losses[-1] -lt 0.01) { break }
}
$null = Export-Plot (Get-PicturePath '04-toy-model-loss.png') -LossCurve -Loss $losses -Title 'ToyModel, Adam' -XLabel step -Force

$yHat = Invoke-Model $model $X -NoGrad
$loss = (Measure-Loss MSE $yHat $Y).Item()
"mse_loss after $($losses.Count) steps: $loss"
if ($loss -ge 0.01) { throw "the toy model should be optimized below an MSE of 0.01, got $loss" }

# Different data from the same distribution: the model overfit its 20 points.
$fresh = New-ToyData 100
"mse_loss on 100 new points: $(Measure-Loss MSE (Invoke-Model $model $fresh.X -NoGrad) $fresh.Y)"
#endregion

"pictures in $OutputFolder"
