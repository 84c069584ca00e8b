#Requires -Modules NNTools

<#
.SYNOPSIS
    Tutorial 000 "PyTorch": tensors, indexing and broadcasting; fitting e^x + noise with a
    hand-written 1-4-1 MLP, manual gradients, gradient descent, then SGD with a shuffled DataLoader.

.DESCRIPTION
    Follows the notebook section by section. Each result the notebook shows is written to the
    pipeline; what it only shows as a picture is checked: the hand-derived gradients equal
    autograd's, and both trainings fit the noisy curve to a mean squared error below 0.02.
    Pictures (the data, the random and the trained fits) go to -OutputFolder as PNG.

.PARAMETER OutputFolder
    Where the pictures go; a new temporary folder by default.

.PARAMETER Quick
    Fewer epochs (for the test suite); the fits still reach the bar.

.EXAMPLE
    pwsh -File examples/01-tensors-and-exp-regression.ps1 -OutputFolder ./pictures
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

#region Messing with Tensors
# torch.tensor from tuples: New-Tensor takes PowerShell arrays, nested for more dims.
$a = New-Tensor (1, 2, 3, 4)
$b = New-Tensor ((5, 6, 7, 8), (-5, -6, -7, -8))
"a.shape = [$($a.Shape -join ', ')], b.shape = [$($b.Shape -join ', ')]"
"a + a = $($a + $a)"
"a - a = $($a - $a)"
# Broadcasting: a [4] against b [2, 4].
"a + b = $($a + $b)"
# b @ a: PowerShell has no @ operator; MatMul is PyTorch's matmul.
"b @ a = $($b.MatMul($a))"
"a * b = $($a * $b)"
# Indexing takes numpy's syntax as a string.
"b[0, 0] = $($b['0, 0'])"
$index = '0, 0'
"b[index] = $($b[$index])"
"b[1, :] = $($b['1, :'])"
"b[:, 1] = $($b[':, 1'])"
"b[:, :2] = $($b[':, :2'])"
if (($b.MatMul($a).ToArray() -join ',') -ne '70,-70') { throw "b @ a should be [70, -70], got $($b.MatMul($a))" }
#endregion

#region Gradient descent
# f(x) = e^x + some random noise, seen only through 100 examples.
Set-RandomSeed 0
function Invoke-F([NNTools.Tensor] $x) { $x.Exp() + 0.1 * (New-Tensor -Randn $x.Shape) }
$x = New-Tensor -Linspace -1 1 100
$y = Invoke-F $x
$null = Export-Plot (Get-PicturePath '01-data.png') -Scatter -X $x -Y $y -Title 'e^x + noise' -XLabel x -YLabel y -Force
#endregion

#region Let's write it: a 1-4-1 MLP for a batch [N, 1]
"x.shape = [$($x.Shape -join ', ')], y.shape = [$($y.Shape -join ', ')]"
$x = $x[':, None']
$y = $y[':, None']
"x.shape = [$($x.Shape -join ', ')], y.shape = [$($y.Shape -join ', ')]"

function Invoke-Linear1($x, $w1, $b1) { $x.MatMul($w1) + $b1 }
function Invoke-Nonlinear($z) { $z.Relu() }
function Invoke-Linear2($a, $w2, $b2) { $a.MatMul($w2) + $b2 }
# f_hat returns z and a too: the backward pass needs them.
function Invoke-FHat($x, $w1, $b1, $w2, $b2) {
    $z = Invoke-Linear1 $x $w1 $b1
    $a = Invoke-Nonlinear $z
    [pscustomobject]@{ Z = $z; A = $a; YHat = (Invoke-Linear2 $a $w2 $b2) }
}
function Measure-Mse($yHat, $y) { ($yHat - $y).Pow(2).Mean() }
#endregion

#region Backpropagation
# Per-example derivatives, averaged over the batch by the update: the derivative of a mean is
# the mean derivative. (The notebook's solution shortcuts d_y_hat_wrt_w2 as a.sum(0),
# d_y_hat_wrt_a as w2.sum() and d_z_wrt_w1 as x.mean(); those are not the gradient, and
# autograd below would disagree with them. These are the chain rule's own terms.)
function Get-DLossWrtYHat($yHat, $y) { 2 * ($yHat - $y) }
function Get-DYHatWrtW2($a) { $a }
function Get-DYHatWrtB2 { 1 }
function Get-DYHatWrtA($w2) { $w2.T }
function Get-DAWrtZ($z) { $z.Gt(0).Float() }
function Get-DZWrtW1($x) { $x }
function Get-DZWrtB1 { 1 }

function Get-Gradients($x, $y, $forward, $w2) {
    $dYHat = Get-DLossWrtYHat $forward.YHat $y
    $dZ = $dYHat * (Get-DYHatWrtA $w2) * (Get-DAWrtZ $forward.Z)
    [pscustomobject]@{
        W2 = ($dYHat * (Get-DYHatWrtW2 $forward.A)).Mean(0)[':, None']
        B2 = ($dYHat * (Get-DYHatWrtB2)).Mean(0)
        W1 = ($dZ * (Get-DZWrtW1 $x)).Mean(0)['None, :']
        B1 = ($dZ * (Get-DZWrtB1)).Mean(0)
    }
}

$LearningRate = 0.2
function Update-Parameters($x, $y, $p) {
    $g = Get-Gradients $x $y (Invoke-FHat $x $p.W1 $p.B1 $p.W2 $p.B2) $p.W2
    [pscustomobject]@{
        W1 = $p.W1 - $LearningRate * $g.W1
        B1 = $p.B1 - $LearningRate * $g.B1
        W2 = $p.W2 - $LearningRate * $g.W2
        B2 = $p.B2 - $LearningRate * $g.B2
    }
}

# Random weights, zero biases.
$HiddenUnits = 4
function New-Parameters {
    [pscustomobject]@{
        W1 = New-Tensor -Randn 1, $HiddenUnits
        B1 = New-Tensor -Zeros $HiddenUnits
        W2 = New-Tensor -Randn $HiddenUnits, 1
        B2 = New-Tensor -Zeros 1
    }
}
$p = New-Parameters

# The chain rule written out must agree with autograd on the same parameters.
$leaves = @{}
foreach ($name in 'W1', 'B1', 'W2', 'B2') { $leaves[$name] = $p.$name.Clone().RequiresGrad_() }
$forward = Invoke-FHat $x $leaves.W1 $leaves.B1 $leaves.W2 $leaves.B2
Invoke-Backward (Measure-Mse $forward.YHat $y)
$manual = Invoke-NoGrad { Get-Gradients $x $y (Invoke-FHat $x $p.W1 $p.B1 $p.W2 $p.B2) $p.W2 }
foreach ($name in 'W1', 'B1', 'W2', 'B2') {
    if (-not $manual.$name.AllClose($leaves[$name].Grad, 1e-4, 1e-6)) {
        throw "d loss / d $name by hand $($manual.$name) differs from autograd's $($leaves[$name].Grad)"
    }
}
'hand-derived gradients of W1, B1, W2, B2 equal autograd''s'
#endregion

#region Gradient descent loop, with a progress bar
$Epochs = if ($Quick) { 300 } else { 5000 }
function Invoke-GradientDescent($p, [scriptblock] $Step, [string] $Activity) {
    for ($epoch = 1; $epoch -le $Epochs; $epoch++) {
        $p = & $Step $p
        if ($epoch % 250 -eq 0) {
            $loss = (Measure-Mse (Invoke-FHat $x $p.W1 $p.B1 $p.W2 $p.B2).YHat $y).Item()
            Write-Progress -Activity $Activity -Status "loss: $($loss.ToString('F5'))" -PercentComplete (100 * $epoch / $Epochs)
        }
    }
    Write-Progress -Activity $Activity -Completed
    $p
}

$random = Invoke-FHat $x $p.W1 $p.B1 $p.W2 $p.B2
$null = Export-Plot (Get-PicturePath '01-random-parameters.png') -Line -X $x -Y $y -LineY $random.YHat -Title 'random parameters' -Force

$p = Invoke-GradientDescent $p { param($p) Update-Parameters $x $y $p } 'gradient descent'
$gdLoss = (Measure-Mse (Invoke-FHat $x $p.W1 $p.B1 $p.W2 $p.B2).YHat $y).Item()
"gradient descent: MSE $($gdLoss.ToString('F5')) after $Epochs epochs"
$null = Export-Plot (Get-PicturePath '01-gradient-descent.png') -Line -X $x -Y $y -LineY (Invoke-FHat $x $p.W1 $p.B1 $p.W2 $p.B2).YHat -Title 'trained parameters (gradient descent)' -Force
if ($gdLoss -ge 0.02) { throw "gradient descent should fit e^x + noise to MSE < 0.02, got $gdLoss" }
#endregion

#region Stochastic gradient descent: minibatches of 32 from a shuffled DataLoader
$BatchSize = 32
$loader = New-DataLoader (New-Dataset $x $y) -BatchSize $BatchSize -Shuffle
$Epochs = if ($Quick) { 100 } else { 2000 }
$p = Invoke-GradientDescent (New-Parameters) {
    param($p)
    foreach ($batch in $loader) { $p = Update-Parameters $batch.Input $batch.Target $p }
    $p
} 'stochastic gradient descent'
$sgdLoss = (Measure-Mse (Invoke-FHat $x $p.W1 $p.B1 $p.W2 $p.B2).YHat $y).Item()
"stochastic gradient descent: MSE $($sgdLoss.ToString('F5')) after $Epochs epochs"
$null = Export-Plot (Get-PicturePath '01-stochastic-gradient-descent.png') -Line -X $x -Y $y -LineY (Invoke-FHat $x $p.W1 $p.B1 $p.W2 $p.B2).YHat -Title 'trained parameters (SGD)' -Force
if ($sgdLoss -ge 0.02) { throw "SGD should fit e^x + noise to MSE < 0.02, got $sgdLoss" }
#endregion

"pictures in $OutputFolder"
