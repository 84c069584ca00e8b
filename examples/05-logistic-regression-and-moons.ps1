#Requires -Modules NNTools

<#
.SYNOPSIS
    Tutorial 004 "Neural Networks with PyTorch": tensors from arrays, dtype, randn_like,
    transpose/matmul; autograd of sigmoid(w.x) against the analytic gradient; linear and logistic
    regression modules; batching over leading dimensions; make_moons, BCE, a 2-500-500-1 MLP
    with a custom Dataset, a DataLoader and weight decay; decision-surface plots.

.DESCRIPTION
    Follows the notebook section by section and checks what it shows: autograd equals
    sigma(w.x)(1 - sigma(w.x)) x, modules batch over leading dimensions, linear regression
    recovers the weights and bias that made the data, logistic regression draws a linear
    boundary that classifies most of the moons, and the MLP separates them (accuracy of at
    least 97%). Loss curves, the moons and both decision surfaces go to -OutputFolder as PNG.

.PARAMETER OutputFolder
    Where the pictures go; a new temporary folder by default.

.PARAMETER Quick
    Fewer epochs (for the test suite); every check still holds.

.EXAMPLE
    pwsh -File examples/05-logistic-regression-and-moons.ps1 -OutputFolder ./pictures
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
Set-RandomSeed 0

#region PyTorch tensors
# From a .NET array of doubles (numpy's np.random.randn(5, 3) there), converted to float32.
$random = [System.Random]::new(0)
$rows = foreach ($i in 1..5) { , [double[]](1..3 | ForEach-Object { $random.NextDouble() * 2 - 1 }) }
$x = (New-Tensor $rows).Float()
"shape $(Format-Shape $x), dtype $($x.DTypeName), device cpu (NNTools computes on the CPU)"
"x = $x"
"x[0] = $($x[0])"
"x[:2, :2] = $($x[':2, :2'])"

$y = New-Tensor -Randn -Like $x
"x * y = $($x * $y)"
# Z = X^T Y, 3 x 3, by chaining.
$z = $x.Transpose(1, 0).MatMul($y)
"z.shape = $(Format-Shape $z)"
"as an array: $((ConvertFrom-Tensor $z -AsArray).GetType().Name)"
"z = $z"
#endregion

#region Automatic differentiation
# f(w) = sigmoid(w . x); df/dw = f (1 - f) x.
$w = (2.0 * (New-Tensor -Randn 2)).Float().RequiresGrad_($true)
$x = (2.0 * (New-Tensor -Randn 2)).Float()
$f = $w.Dot($x).Sigmoid()
"f = $f"
Invoke-Backward $f
$autoGradW = $w.Grad
$analyticGradW = Invoke-NoGrad { $f * (1 - $f) * $x }
"allclose(auto_grad_w, analytic_grad_w): $($autoGradW.AllClose($analyticGradW))"
if (-not $autoGradW.AllClose($analyticGradW)) { throw "autograd's $autoGradW should equal the analytic gradient $analyticGradW" }
#endregion

#region Linear regression as a module
class LinearRegression : NNTools.NN.Module {
    # Scalar-valued regression: the output size is always 1.
    [NNTools.NN.Module] $fc

    LinearRegression([int] $inSize) { $this.fc = New-Layer Linear $inSize 1 }

    [NNTools.Tensor] Forward([NNTools.Tensor] $x) { return $this.fc.Forward($x) }
}

$net = [LinearRegression]::new(2)
foreach ($p in $net.Parameters()) { "$(Format-Shape $p) $p requires_grad=$($p.RequiresGrad)" }

# Batching: every dimension but the last is a batch dimension.
$out = Invoke-Model $net (New-Tensor -Randn 100, 2)
"net(randn(100, 2)).shape = $(Format-Shape $out)"
$outBatched = Invoke-Model $net (New-Tensor -Randn 20, 30, 100, 2)
"net(randn(20, 30, 100, 2)).shape = $(Format-Shape $outBatched)"
if ((Format-Shape $outBatched) -ne '[20, 30, 100, 1]') { throw "a Linear layer should batch over leading dims, got $(Format-Shape $outBatched)" }

# A dummy regression data set: y = x w + 2 plus unit noise.
$dummy = Invoke-NoGrad {
    $trainX = 5.0 * (New-Tensor -Randn 100, 2)
    $realW = New-Tensor -Randn 2, 1
    $realB = 2.0
    $clean = $trainX.MatMul($realW) + $realB
    [pscustomobject]@{ X = $trainX; Y = $clean + (New-Tensor -Randn -Like $clean); W = $realW; B = $realB }
}
"$(Format-Shape $dummy.X) $(Format-Shape $dummy.Y)"
"real_w = $($dummy.W), real_b = $($dummy.B)"

$net = [LinearRegression]::new($dummy.X.Size(-1))
$optim = New-Optimizer SGD $net -LearningRate 1e-2
$epochs = if ($Quick) { 200 } else { 500 }
$lossTrace = [System.Collections.Generic.List[double]]::new()
for ($e = 0; $e -lt $epochs; $e++) {
    Clear-Gradient $net   # clear the gradients left by the previous step
    $loss = Measure-Loss MSE (Invoke-Model $net $dummy.X) $dummy.Y
    $lossTrace.Add($loss.Item())
    if (($e + 1) % 50 -eq 0) { "[Epoch $($e + 1)] Loss: $($lossTrace[-1])" }
    Invoke-Backward $loss
    Step-Optimizer $optim
}
foreach ($p in $net.Parameters()) { "$p" }
$null = Export-Plot (Get-PicturePath '05-linear-regression-loss.png') -LossCurve -Loss $lossTrace -XLabel Epochs -YLabel 'MSE Loss' -Force
$learnedW = $net.fc.Weight.Detach().T
$learnedB = $net.fc.Bias.Item()
if (-not $learnedW.AllClose($dummy.W, 0, 0.1) -or [math]::Abs($learnedB - $dummy.B) -gt 0.3) {
    throw "linear regression should recover w = $($dummy.W) and b = $($dummy.B), got $learnedW and $learnedB"
}
#endregion

#region Logistic regression: a sigmoid on top of the linear layer
class LogisticRegression : NNTools.NN.Module {
    [NNTools.NN.Module] $fc

    LogisticRegression([int] $inSize) { $this.fc = New-Sequential (New-Layer Linear $inSize 1), (New-Layer Sigmoid) }

    [NNTools.Tensor] Forward([NNTools.Tensor] $x) { return $this.fc.Forward($x) }
}

# Two moons: make_moons(200, noise=0.1), points as float, labels as int.
$moons = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed 0
$trainX = $moons.X.Float()
$trainY = $moons.Y
$null = Export-Plot (Get-PicturePath '05-moons.png') -Scatter -X $trainX -Label $trainY -XLabel x -YLabel y -Force

# Training with the binary cross-entropy.
$net = [LogisticRegression]::new($trainX.Size(-1))
$optim = New-Optimizer SGD $net -LearningRate 5e-1
$epochs = if ($Quick) { 300 } else { 1000 }
$lossTrace = [System.Collections.Generic.List[double]]::new()
for ($e = 0; $e -lt $epochs; $e++) {
    Clear-Gradient $net
    $pY = (Invoke-Model $net $trainX).Squeeze(-1)
    $loss = Measure-Loss BCE $pY $trainY.Float()
    $lossTrace.Add($loss.Item())
    if (($e + 1) % 50 -eq 0) { "[Epoch $($e + 1)] Loss: $($lossTrace[-1])" }
    Invoke-Backward $loss
    Step-Optimizer $optim
}
$null = Export-Plot (Get-PicturePath '05-logistic-regression-loss.png') -LossCurve -Loss $lossTrace -XLabel Epochs -YLabel 'BCE Loss' -Force

# The predictive surface, over a 100 x 100 grid: the model batches over both grid dims.
$grid = [NNTools.Tensor]::Meshgrid((New-Tensor -Linspace -1.5 2.5 100), (New-Tensor -Linspace -1.0 1.5 100))
$meshX = [NNTools.Tensor]::Cat(@($grid[0].Unsqueeze(-1), $grid[1].Unsqueeze(-1)), -1)
$pMesh = Invoke-Model $net $meshX -NoGrad
"p_mesh.shape = $(Format-Shape $pMesh)"
$null = Export-Plot (Get-PicturePath '05-logistic-regression-surface.png') -DecisionSurface -Model $net -X $trainX -Y $trainY -XLabel x -YLabel y -Force
$linearAccuracy = (Invoke-Model $net $trainX -NoGrad).Squeeze(-1).Gt(0.5).Long().Eq($trainY).Float().Mean().Item()
"logistic regression accuracy: $($linearAccuracy.ToString('P1')) (a linear boundary)"
if ($linearAccuracy -lt 0.8) { throw "a linear boundary should still classify most moons, got $linearAccuracy" }
#endregion

#region Logistic regression with a non-linear neural network
class MlpClassifier : NNTools.NN.Module {
    [NNTools.NN.Module] $fc

    MlpClassifier([int] $inSize) {
        $this.fc = New-Sequential (New-Layer Linear $inSize 500), (New-Layer ReLU), (New-Layer Linear 500 500),
            (New-Layer ReLU), (New-Layer Linear 500 1), (New-Layer Sigmoid)
    }

    [NNTools.Tensor] Forward([NNTools.Tensor] $x) { return $this.fc.Forward($x) }
}

# A custom data set: the length and one item by index.
class MoonsDataset : NNTools.Data.Dataset {
    hidden [NNTools.Tensor] $X
    hidden [NNTools.Tensor] $Y

    MoonsDataset([int] $n, [double] $noise) {
        $sample = Get-Dataset moons -Samples $n -Noise $noise -Seed 0
        $this.X = $sample.X.Float()
        # BCE compares a probability with a 0/1 target of the same shape: each label a float [1],
        # as the model's output per point (the notebook squeezes the output instead).
        $this.Y = $sample.Y.Float().Unsqueeze(1)
    }

    [int] GetLength() { return $this.X.Size(0) }

    [NNTools.Tensor[]] GetItem([int] $i) { return @($this.X[$i], $this.Y[$i]) }
}

$moonsData = [MoonsDataset]::new(200, 0.1)
$loader = New-DataLoader $moonsData -BatchSize 50 -Shuffle
$net = [MlpClassifier]::new($trainX.Size(-1))
# Weight decay regularizes: each step also shrinks the weights by lr * 0.01.
$optim = New-Optimizer SGD $net -LearningRate 5e-1 -WeightDecay 1e-2

$epochs = if ($Quick) { 30 } else { 1000 }
$records = @(Start-Training $net $loader BCE -Optimizer $optim -Epochs $epochs -RecordEvery ([math]::Max(1, $epochs / 10)))
foreach ($r in $records) { "[Epoch $($r.Epoch)] Loss: $($r.Loss)" }
$null = $records | Export-Plot (Get-PicturePath '05-mlp-loss.png') -LossCurve -Title '2-500-500-1 MLP, SGD with weight decay' -Force

# Each grid point goes through the 500-500 network: a coarser grid keeps -Quick quick.
$resolution = if ($Quick) { 40 } else { 100 }
$null = Export-Plot (Get-PicturePath '05-mlp-surface.png') -DecisionSurface -Model $net -X $trainX -Y $trainY -Resolution $resolution -XLabel x -YLabel y -Force
$accuracy = (Test-Model $net $moonsData BCE).Accuracy
"MLP accuracy: $($accuracy.ToString('P1'))"
if ($accuracy -lt 0.97) { throw "the MLP should separate the moons with at least 97% accuracy, got $accuracy" }
#endregion

"pictures in $OutputFolder"
