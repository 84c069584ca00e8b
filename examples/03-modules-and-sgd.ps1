#Requires -Modules NNTools

<#
.SYNOPSIS
    Tutorial 002 "Exercise 0: Basic pytorch": tensor exercises (3x3x3 stacks, long tensors),
    gradients of w*x+b, Linear / Sigmoid / ReLU / Sequential, MSE and SGD on random 3->2 data.

.DESCRIPTION
    Follows the exercise sheet section by section and checks the values it prints: the stacked
    tensors, the long-tensor difference, y = w*x + b and its gradients (and those of
    g = w*x^2 + b), Sequential equal to composing the layers by hand, one SGD step lowering the
    loss, and longer training lowering it further. The training's loss curve goes to
    -OutputFolder as PNG.

.PARAMETER OutputFolder
    Where the pictures go; a new temporary folder by default.

.PARAMETER Quick
    Fewer epochs for the open-ended training (for the test suite).

.EXAMPLE
    pwsh -File examples/03-modules-and-sgd.ps1 -OutputFolder ./pictures
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
function Confirm-Values([NNTools.Tensor] $Actual, $Expected, [string] $What) {
    if (-not $Actual.Equal((New-Tensor $Expected -DType $Actual.DType))) { throw "$What should be $(New-Tensor $Expected), got $Actual" }
}
Set-RandomSeed 0

#region 1.1 Tensor manipulation (numpy's part, with tensors)
# x_1 and x_2 (named v here: PowerShell names ignore case, and X_1 comes below).
$v1 = New-Tensor (1, 2, 3)
"x_1 = $v1"
$v2 = $v1 * 3
"x_2 = $v2"
$A1 = New-Tensor ((1, 2, 3), (2, 3, 4), (4, 5, 6))
"A_1 = $A1, shape [$($A1.Shape -join ', ')]"
# Three A_1 stacked together: a 3 x 3 x 3 tensor.
$A2 = [NNTools.Tensor]::Stack(@($A1, $A1, $A1))
"A_2 shape [$($A2.Shape -join ', ')]"

# Exercise 1.1: (3 A_1, 2 A_1 + A_1, 10 A_1 - 2), scalars broadcast to every element.
$T0 = [NNTools.Tensor]::Stack(@((3 * $A1), (2 * $A1 + $A1), (10 * $A1 - 2)))
"T_0 = $T0"
Confirm-Values $T0[2] ((8, 18, 28), (18, 28, 38), (38, 48, 58)) 'T_0[2] = 10 A_1 - 2'
#endregion

#region 1.2 Tensor manipulation with pytorch
$X1 = New-Tensor ((1, 2, 3), (2, 3, 4), (3, 4, 5)) -DType Int64
"X_1 = $X1, shape [$($X1.Shape -join ', ')]"
# The notebook's X_2 = torch.from_numpy(A_1): here A_1 is already a tensor.
$X2 = $A1
"X_1 - X_2 = $($X1 - $X2)"
Confirm-Values ($X1 - $X2) ((0, 0, 0), (0, 0, 0), (-1, -1, -1)) 'X_1 - X_2'

# Exercise 1.2
$TTorch = 10 * $T0
"T_torch = $TTorch"
Confirm-Values $TTorch['2, 2'] (380, 480, 580) 'T_torch[2, 2]'
#endregion

#region 2. Computational graphs and gradient computation
$w = New-Tensor @(1.0) -RequiresGrad
$x = New-Tensor @(2.0) -RequiresGrad
$b = New-Tensor @(3.0) -RequiresGrad
$y = $w * $x + $b
"y(1, 2, 3) = $y"

# Exercise 2.1: the same graph at (2, 3, 5).
$w = New-Tensor @(2.0) -RequiresGrad
$x = New-Tensor @(3.0) -RequiresGrad
$b = New-Tensor @(5.0) -RequiresGrad
$y = $w * $x + $b
"y(2, 3, 5) = $y"
Confirm-Values $y @(11) 'y(2, 3, 5)'

# Gradient (x, w, 1) at (2, 3, 5).
Invoke-Backward $y
"df/dw = $($w.Grad), df/dx = $($x.Grad), df/db = $($b.Grad)"
Confirm-Values ([NNTools.Tensor]::Cat(@($w.Grad, $x.Grad, $b.Grad))) (3, 2, 1) 'the gradient of w*x + b'

# Exercise 2.2: g = w x^2 + b, gradient (x^2, 2wx, 1). Gradients accumulate: clear them first.
Clear-Gradient $w, $x, $b
$g = $w * $x * $x + $b
"g(2, 3, 5) = $g"
Confirm-Values $g @(23) 'g(2, 3, 5)'
Invoke-Backward $g
"dg/dw = $($w.Grad), dg/dx = $($x.Grad), dg/db = $($b.Grad)"
Confirm-Values ([NNTools.Tensor]::Cat(@($w.Grad, $x.Grad, $b.Grad))) (9, 12, 1) 'the gradient of w*x^2 + b'
#endregion

#region 3. Training a simple neural network
# A linear layer R^3 -> R^2 and a sigmoid.
$linear = New-Layer Linear 3 2
"weight = $($linear.Weight)"
"bias = $($linear.Bias)"
$sigmoid = New-Layer Sigmoid

$X3 = New-Tensor -Randn 5, 3
"turning $X3"
$composed = Invoke-Model $sigmoid (Invoke-Model $linear $X3)
"into $composed"

# Sequential composes the modules: net(X) = sigmoid(linear(X)).
$net = New-Sequential $linear, $sigmoid
$sequential = Invoke-Model $net $X3
if (-not $sequential.Equal($composed)) { throw "Sequential(linear, sigmoid) should equal sigmoid(linear(X)): $sequential vs $composed" }

# Exercise 3.1: ReLU after the same linear layer.
$reluNet = New-Sequential $linear, (New-Layer ReLU)
"relu_net(X_3) = $(Invoke-Model $reluNet $X3)"

# 1000 random samples of a function R^3 -> R^2 (the sheet's INPUT and OUTPUT: $input is taken in PowerShell).
$inputData = New-Tensor -Randn 1000, 3
$outputData = New-Tensor -Randn 1000, 2
$optimizer = New-Optimizer SGD $net -LearningRate 0.01

# Forward propagation, loss, backpropagation, parameter update.
$prediction = Invoke-Model $net $inputData
$loss = Measure-Loss MSE $prediction $outputData
"loss: $($loss.Item())"
Invoke-Backward $loss
"weight grad = $($linear.Weight.Grad)"
"bias grad = $($linear.Bias.Grad)"
Step-Optimizer $optimizer
$lossAfterOneEpoch = Measure-Loss MSE (Invoke-Model $net $inputData -NoGrad) $outputData
"loss after 1 epoch of optimization: $($lossAfterOneEpoch.Item())"
if ($lossAfterOneEpoch.Item() -ge $loss.Item()) { throw "one SGD step should lower the loss: $($loss.Item()) -> $($lossAfterOneEpoch.Item())" }
#endregion

#region Exercise 3.2: train for more epochs until the loss converges
$newNet = New-Sequential (New-Layer Linear 3 2), (New-Layer Sigmoid)
$newInput = New-Tensor -Randn 1000, 3
$newOutput = New-Tensor -Randn 1000, 2
$newOptimizer = New-Optimizer SGD $newNet -LearningRate 0.01

# 100 steps of the loop above, clearing the gradients each time (the sheet's update_net never
# does, so its gradients pile up from step to step).
'starting training for 100 steps'
$first = (Measure-Loss MSE (Invoke-Model $newNet $newInput -NoGrad) $newOutput).Item()
for ($step = 0; $step -lt 100; $step++) {
    Invoke-Backward (Measure-Loss MSE (Invoke-Model $newNet $newInput) $newOutput)
    Step-Optimizer $newOptimizer -ClearGradient
}
$after100 = (Measure-Loss MSE (Invoke-Model $newNet $newInput -NoGrad) $newOutput).Item()
"loss after 100 steps: $after100"
if ($after100 -ge $first) { throw "100 SGD steps should lower the loss: $first -> $after100" }

# Open-ended training: the sheet loops until the loss is below 0.05, which random N(0, 1)
# targets never allow (a sigmoid's output in (0, 1) cannot follow them; the floor is near their
# variance). Start-Training stops instead once the loss no longer improves.
'starting open-ended training'
$epochs = if ($Quick) { 200 } else { 5000 }
$records = @(Start-Training $newNet (New-Dataset $newInput $newOutput) MSE -Optimizer $newOptimizer -BatchSize 1000 -Epochs $epochs -Patience 5 -MinDelta 1e-5)
$final = $records[-1].Loss
"loss after $($records.Count) more steps: $final (the targets' variance: $($newOutput.Var().Item().ToString('F4')))"
$null = $records | Export-Plot (Get-PicturePath '03-training-loss.png') -LossCurve -Title 'open-ended training' -Force
if ($final -ge $after100) { throw "longer training should lower the loss further: $after100 -> $final" }
#endregion

"pictures in $OutputFolder"
