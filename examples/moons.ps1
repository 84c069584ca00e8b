<#
.SYNOPSIS
    The tutorial's moons classifier: a 2-500-500-1 MLP trained with SGD and weight decay.
#>
param([int] $Epochs = 30)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

[NNTools.Tensor]::ManualSeed(0) | Out-Null
$moons = [NNTools.Data.Datasets]::MakeMoons(200, 0.1, 0)
$labels = $moons.Y.Float().Unsqueeze(1)
$data = [NNTools.Data.TensorDataset]::new([NNTools.Tensor[]]@($moons.X, $labels))
$loader = [NNTools.Data.DataLoader]::new($data, 50, $true)
$model = [NNTools.NN.Layers]::Mlp([int[]](2, 500, 500, 1), 'ReLU', 'Sigmoid')
$optimizer = [NNTools.Optim.SGD]::new($model.Parameters(), 0.5, 0, 0, 0.01)
$trainer = [NNTools.Training.Trainer]::new($model, [NNTools.NN.BCELoss]::new(), $optimizer)
$options = [NNTools.Training.TrainingOptions]@{ Epochs = $Epochs }
$result = $trainer.Fit($loader, $options, [System.Threading.CancellationToken]::None)
$result.History
"Stopped: $($result.Message)"
