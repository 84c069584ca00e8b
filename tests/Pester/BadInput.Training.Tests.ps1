# Bad-input catalogue, training: New-Optimizer, Step-Optimizer, New-LRScheduler, New-Dataset,
# New-DataLoader, Get-Dataset, Split-Dataset, Start-Training, Set-RandomSeed and Export-Plot, and
# the optimizers' and data sets' own members called from a script.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/BadInput.ps1"

    $mlp = New-Mlp 2, 4, 1
    $x = New-Tensor -Randn -Shape 6, 2
    $y = New-Tensor -Zeros -Shape 6, 1
    $data = New-Dataset $x $y
    $opt = New-Optimizer SGD $mlp -LearningRate 0.1
    $w = New-Tensor 1., 2 -RequiresGrad
}

Describe 'New-Optimizer refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'an unknown optimizer'; Script = { New-Optimizer Foo $mlp }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = '"Foo"', 'SGD,Adam' }
        @{ Name = 'a hyper-parameter the optimizer lacks'; Script = { New-Optimizer SGD $mlp -Betas 0.9, 0.99 }; Id = 'NamedParameterNotFound'; Category = 'InvalidArgument'; Names = "'Betas'" }
        @{ Name = 'Nesterov without momentum'; Script = { New-Optimizer SGD $mlp -Nesterov }; Id = 'NesterovRequiresMomentum'; Category = 'InvalidArgument'; Names = 'momentum=0', 'dampening=0' }
        @{ Name = 'a negative learning rate'; Script = { New-Optimizer SGD $mlp -LearningRate -1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'LearningRate'", '-1' }
        @{ Name = 'one beta'; Script = { New-Optimizer Adam $mlp -Betas 0.9 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Betas'", '1 value(s)' }
        @{ Name = 'a negative eps'; Script = { New-Optimizer Adam -Parameters $w -Eps -1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Eps'", '-1' }
        @{ Name = 'no parameters'; Script = { New-Optimizer SGD -Parameters @() }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Parameters'" }
        @{ Name = 'text for the model'; Script = { New-Optimizer SGD 'x' }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = '"x"', 'NNTools.NN.Module' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.NewOptimizerCommand" $Category $Names
    }
}

Describe 'Optimizer members refuse' {
    It '<Name>' -ForEach @(
        @{ Name = 'SGD of no parameters'; Script = { [NNTools.Optim.SGD]::new([NNTools.Tensor[]]@(), 0.1) }; Id = 'EmptyParameterList'; Category = 'InvalidArgument'; Names = 'empty parameter list' }
        @{ Name = 'SGD of a computed tensor'; Script = { [NNTools.Optim.SGD]::new([NNTools.Tensor[]]@(($w * 2)), 0.1) }; Id = 'NonLeafParameter'; Category = 'InvalidArgument'; Names = 'parameter 0', '[2]', 'MulBackward0' }
        @{ Name = 'SGD of one tensor twice'; Script = { [NNTools.Optim.SGD]::new([NNTools.Tensor[]]@($w, $w), 0.1) }; Id = 'DuplicateParameter'; Category = 'InvalidArgument'; Names = 'parameter 1' }
        @{ Name = 'Adam with a beta above 1'; Script = { [NNTools.Optim.Adam]::new([NNTools.Tensor[]]@($w), 0.1, [ValueTuple[double, double]]::new(1.5, 0.9)) }; Id = 'InvalidBeta'; Category = 'InvalidArgument'; Names = 'index 0', '1.5' }
        @{ Name = 'a hyper-parameter the group lacks'; Script = { $opt.ParamGroups[0]['foo'] }; Id = 'UnknownHyperParameter'; Category = 'InvalidArgument'; Names = "'foo'", 'lr', 'momentum' }
        @{ Name = 'a negative learning rate set on a group'; Script = { $opt.ParamGroups[0].Lr = -1 }; Id = 'InvalidLearningRate'; Category = 'InvalidArgument'; Names = '-1' }
        @{ Name = 'a learning rate of text'; Script = { $opt.ParamGroups[0]['lr'] = 'fast' }; Id = 'InvalidHyperParameter'; Category = 'InvalidArgument'; Names = "'lr'", "'fast'" }
        @{ Name = 'a $null learning rate'; Script = { $opt.ParamGroups[0]['lr'] = $null }; Id = 'InvalidHyperParameter'; Category = 'InvalidArgument'; Names = "'lr'", 'null' }
    ) {
        Assert-BadInput $Script $Id $Category $Names
    }
}

Describe 'Step-Optimizer refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'text'; Script = { Step-Optimizer 'x' }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = '"x"', 'NNTools.Optim.Optimizer' }
        @{ Name = '$null'; Script = { Step-Optimizer $null }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Optimizer'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.StepOptimizerCommand" $Category $Names
    }
}

Describe 'New-LRScheduler refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'an unknown schedule'; Script = { New-LRScheduler Foo $opt }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = '"Foo"', 'StepLR' }
        @{ Name = 'StepLR without a step size'; Script = { New-LRScheduler StepLR $opt }; Id = 'MissingMandatoryParameter'; Category = 'InvalidArgument'; Names = 'StepSize' }
        @{ Name = 'StepLR with -TMax'; Script = { New-LRScheduler StepLR $opt -StepSize 2 -TMax 3 }; Id = 'NamedParameterNotFound'; Category = 'InvalidArgument'; Names = "'TMax'" }
        @{ Name = 'CosineAnnealingLR without -TMax'; Script = { New-LRScheduler CosineAnnealingLR $opt }; Id = 'MissingMandatoryParameter'; Category = 'InvalidArgument'; Names = 'TMax' }
        @{ Name = 'a negative gamma'; Script = { New-LRScheduler ExponentialLR $opt -Gamma -1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Gamma'", '-1' }
        @{ Name = 'a plateau factor of 1'; Script = { New-LRScheduler ReduceLROnPlateau $opt -Factor 1 }; Id = 'InvalidFactor'; Category = 'InvalidArgument'; Names = 'got 1' }
        @{ Name = 'an unknown plateau mode'; Script = { New-LRScheduler ReduceLROnPlateau $opt -Mode foo }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = '"foo"', 'Min,Max' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.NewLRSchedulerCommand" $Category $Names
    }
}

Describe 'New-Dataset refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'tensors of different lengths'; Script = { New-Dataset (New-Tensor -Zeros -Shape 3, 2) (New-Tensor -Zeros -Shape 4) }; Id = 'SizeMismatchBetweenTensors'; Category = 'InvalidArgument'; Names = '[3, 2]', '[4]' }
        @{ Name = 'a 0-d tensor'; Script = { New-Dataset (New-Tensor 2.5) }; Id = 'DatasetTensorRank'; Category = 'InvalidArgument'; Names = '0-d', 'value 2.5' }
        @{ Name = 'a feature that is not a number'; Script = { [pscustomobject]@{ a = 'x'; b = 1 } | New-Dataset -LabelProperty b }; Id = 'InvalidFeatureValue'; Category = 'InvalidData'; Names = 'row 0', "'a'", "'x'" }
        @{ Name = 'a $null feature'; Script = { [pscustomobject]@{ a = $null; b = 1 } | New-Dataset -LabelProperty b }; Id = 'InvalidFeatureValue'; Category = 'InvalidData'; Names = "feature 'a'" }
        @{ Name = 'a feature property the rows lack'; Script = { [pscustomobject]@{ a = 1; b = 1 } | New-Dataset -FeatureProperty c -LabelProperty b }; Id = 'MissingProperty'; Category = 'InvalidData'; Names = "'c'", 'a, b' }
        @{ Name = 'a label property the rows lack'; Script = { [pscustomobject]@{ a = 1; b = 1 } | New-Dataset -LabelProperty z }; Id = 'MissingProperty'; Category = 'InvalidData'; Names = "'z'", 'a, b' }
        @{ Name = 'a label outside -Classes'; Script = { [pscustomobject]@{ a = 1; b = 'cat' } | New-Dataset -LabelProperty b -Classes dog }; Id = 'UnknownClass'; Category = 'InvalidArgument'; Names = "'cat'", '[dog]' }
        @{ Name = 'a $null row'; Script = { @($null) | New-Dataset }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'InputObject'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.NewDatasetCommand" $Category $Names
    }
}

Describe 'Data set members refuse' {
    It '<Name>' -ForEach @(
        @{ Name = 'an item past the end'; Script = { $data.GetItem(10) }; Id = 'DatasetIndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index 10', '6 items' }
        @{ Name = 'an item before the start'; Script = { $data.GetItem(-7) }; Id = 'DatasetIndexOutOfRange'; Category = 'InvalidArgument'; Names = 'index -7' }
        @{ Name = 'a loader of $null'; Script = { [NNTools.Data.DataLoader]::new($null, 2) }; Id = 'NullArgument'; Category = 'InvalidArgument'; Names = "'dataset'", 'DataLoader' }
    ) {
        Assert-BadInput $Script $Id $Category $Names
    }
}

Describe 'New-DataLoader refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'a batch size of 0'; Script = { New-DataLoader $data 0 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'BatchSize'", '0' }
        @{ Name = 'a seed and a generator'; Script = { New-DataLoader $data -Seed 1 -Generator ([NNTools.Generator]::new()) }; Id = 'SeedAndGenerator'; Category = 'InvalidArgument'; Names = '-Seed', '-Generator' }
        @{ Name = 'text for the data set'; Script = { New-DataLoader 'x' }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = '"x"', 'NNTools.Data.Dataset' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.NewDataLoaderCommand" $Category $Names
    }
}

Describe 'Get-Dataset refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'an unknown data set'; Script = { Get-Dataset foo }; Id = 'UnknownDataset'; Category = 'InvalidArgument'; Names = "'foo'", 'moons, circles' }
        @{ Name = 'noise for iris'; Script = { Get-Dataset iris -Noise 0.1 }; Id = 'OptionNotApplicable'; Category = 'InvalidArgument'; Names = 'iris', 'noise' }
        @{ Name = 'a sample count for iris'; Script = { Get-Dataset iris -Samples 10 }; Id = 'OptionNotApplicable'; Category = 'InvalidArgument'; Names = 'iris data set takes no sample count' }
        @{ Name = 'noise for digits'; Script = { Get-Dataset digits -Noise 0.1 }; Id = 'OptionNotApplicable'; Category = 'InvalidArgument'; Names = 'digits' }
        @{ Name = 'noise for blobs'; Script = { Get-Dataset blobs -Noise 0.1 }; Id = 'OptionNotApplicable'; Category = 'InvalidArgument'; Names = 'blobs' }
        @{ Name = 'no samples'; Script = { Get-Dataset moons -Samples 0 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Samples'", '0' }
        @{ Name = 'negative noise'; Script = { Get-Dataset moons -Noise -1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Noise'", '-1' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.GetDatasetCommand" $Category $Names
    }
}

Describe 'Split-Dataset refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'fractions that add up past 1'; Script = { Split-Dataset $data 0.5, 0.6 }; Id = 'SplitFractions'; Category = 'InvalidArgument'; Names = '[0.5, 0.6]' }
        @{ Name = 'lengths that do not add up'; Script = { Split-Dataset $data -Length 2, 2 }; Id = 'SplitLengths'; Category = 'InvalidArgument'; Names = '2 + 2 = 4', '(6)' }
        @{ Name = 'a fraction above 1'; Script = { Split-Dataset $data 1.5 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Fraction'", '1.5' }
        @{ Name = 'a negative length'; Script = { Split-Dataset $data -Length 7, -1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Length'", '-1' }
        @{ Name = 'a seed and a generator'; Script = { Split-Dataset $data 0.5, 0.5 -Seed 1 -Generator ([NNTools.Generator]::new()) }; Id = 'SeedAndGenerator'; Category = 'InvalidArgument'; Names = '-Seed', '-Generator' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.SplitDatasetCommand" $Category $Names
    }
}

Describe 'Start-Training refuses' {
    BeforeAll {
        $existing = Join-Path $TestDrive 'checkpoint.safetensors'
        Set-Content -Path $existing -Value 'x'
    }

    It '<Name>' -ForEach @(
        @{ Name = 'a model of the wrong width'; Script = { Start-Training (New-Mlp 3, 1) $data MSE -Epochs 1 }; Id = 'LinearInputShape'; Category = 'InvalidArgument'; Names = '(6x2 and 3x1)', 'in_features=3' }
        @{ Name = 'targets of the wrong shape'; Script = { Start-Training $mlp (New-Dataset $x (New-Tensor -Zeros -Shape 6, 3)) MSE -Epochs 1 }; Id = 'LossShapeMismatch'; Category = 'InvalidArgument'; Names = '[6, 3]', '[6, 1]' }
        @{ Name = 'float labels for cross-entropy'; Script = { Start-Training (New-Mlp 2, 3) (New-Dataset $x (New-Tensor -Zeros -Shape 6)) CrossEntropy -Epochs 1 }; Id = 'LossShapeMismatch'; Category = 'InvalidArgument'; Names = '[6]', '[6, 3]' }
        @{ Name = 'validation data of the wrong width'; Script = { Start-Training $mlp $data MSE -Epochs 1 -ValidationData (New-Dataset (New-Tensor -Zeros -Shape 3, 5) (New-Tensor -Zeros -Shape 3, 1)) }; Id = 'LinearInputShape'; Category = 'InvalidArgument'; Names = '[3, 5]' }
        @{ Name = 'a data set without targets'; Script = { Start-Training $mlp (New-Dataset $x) MSE -Epochs 1 }; Id = 'MissingTarget'; Category = 'InvalidArgument'; Names = '(input, target) pairs' }
        @{ Name = 'inputs of NaN'; Script = { Start-Training $mlp (New-Dataset ($x * [double]::NaN) $y) MSE -Epochs 1 }; Id = 'NonFiniteLoss'; Category = 'InvalidData'; Names = 'NaN', 'epoch 1' }
        @{ Name = 'an empty data set'; Script = { Start-Training $mlp (New-Dataset (New-Tensor -Zeros -Shape 0, 2) (New-Tensor -Zeros -Shape 0, 1)) MSE -Epochs 1 }; Id = 'EmptyDataset'; Category = 'InvalidArgument'; Names = 'no batches', '0 items' }
        @{ Name = 'a step that overflows the weights'; Script = { Start-Training (New-Mlp 2, 4, 1) (New-Dataset ($x * 100) ($y + 1000)) MSE -OptimizerType SGD -LearningRate 1e37 -Epochs 2 }; Id = 'NonFiniteWeights'; Category = 'InvalidData'; Names = 'epoch 1', 'start of epoch 1' }
        @{ Name = 'validation inputs of NaN'; Script = { Start-Training $mlp $data MSE -Epochs 3 -ValidationData (New-Dataset ($x * [double]::NaN) $y) }; Id = 'NonFiniteValidationLoss'; Category = 'InvalidData'; Names = 'after epoch 1', 'contains NaN' }
        @{ Name = 'an unknown loss'; Script = { Start-Training $mlp $data Foo -Epochs 1 }; Id = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Names = "'Foo'" }
        @{ Name = 'a number for the loss'; Script = { Start-Training $mlp $data 5 -Epochs 1 }; Id = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Names = 'Int32' }
        @{ Name = 'text for the data'; Script = { Start-Training $mlp 'x' MSE -Epochs 1 }; Id = 'InvalidDataArgument'; Category = 'InvalidArgument'; Names = 'System.String' }
        @{ Name = 'an array for the data'; Script = { Start-Training $mlp @(1, 2) MSE -Epochs 1 }; Id = 'InvalidDataArgument'; Category = 'InvalidArgument'; Names = 'System.Object[]' }
        @{ Name = 'text for the validation data'; Script = { Start-Training $mlp $data MSE -Epochs 1 -ValidationData 'x' }; Id = 'InvalidDataArgument'; Category = 'InvalidArgument'; Names = '-ValidationData', 'System.String' }
        @{ Name = 'an optimizer of another model'; Script = { Start-Training $mlp $data MSE -Optimizer (New-Optimizer SGD (New-Mlp 2, 1)) -Epochs 1 }; Id = 'OptimizerModelMismatch'; Category = 'InvalidArgument'; Names = '-Optimizer' }
        @{ Name = 'a schedule of another optimizer'; Script = { Start-Training $mlp $data MSE -Optimizer $opt -Scheduler (New-LRScheduler StepLR (New-Optimizer SGD $mlp) -StepSize 1) -Epochs 1 }; Id = 'SchedulerOptimizerMismatch'; Category = 'InvalidArgument'; Names = '-Scheduler' }
        @{ Name = 'an existing checkpoint without -Force'; Script = { Start-Training $mlp $data MSE -Epochs 1 -CheckpointPath $existing }; Id = 'FileExists'; Category = 'InvalidOperation'; Names = 'checkpoint.safetensors' }
        @{ Name = 'a checkpoint on the variable: drive'; Script = { Start-Training $mlp $data MSE -Epochs 1 -CheckpointPath 'variable:ck' }; Id = 'PathNotFileSystem'; Category = 'InvalidArgument'; Names = "'variable:ck'" }
        @{ Name = 'negative epochs'; Script = { Start-Training $mlp $data MSE -Epochs -1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Epochs'", '-1' }
        @{ Name = 'a batch size of 0'; Script = { Start-Training $mlp $data MSE -BatchSize 0 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'BatchSize'", '0' }
        @{ Name = 'an unknown optimizer'; Script = { Start-Training $mlp $data MSE -OptimizerType Foo }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = '"Foo"' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.StartTrainingCommand" $Category $Names
    }
}

Describe 'Set-RandomSeed refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'text'; Script = { Set-RandomSeed 'abc' }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = '"abc"', 'System.Int64' }
        @{ Name = 'a seed beyond int64'; Script = { Set-RandomSeed 1e30 }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = '1E+30' }
        @{ Name = '$null'; Script = { Set-RandomSeed $null }; Id = 'ParameterArgumentValidationErrorNullNotAllowed'; Category = 'InvalidData'; Names = "'Seed'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.SetRandomSeedCommand" $Category $Names
    }
}

Describe 'Export-Plot refuses' {
    BeforeAll {
        $existing = Join-Path $TestDrive 'existing.png'
        Set-Content -Path $existing -Value 'x'
    }

    It '<Name>' -ForEach @(
        @{ Name = 'a path on the variable: drive'; Script = { Export-Plot 'variable:p' -LossCurve -Loss 1, 2 }; Id = 'PlotPathNotFileSystem'; Category = 'InvalidArgument'; Names = "'variable:p'" }
        @{ Name = 'an existing file without -Force'; Script = { Export-Plot $existing -LossCurve -Loss 1, 2 }; Id = 'FileExists'; Category = 'InvalidOperation'; Names = 'existing.png' }
        @{ Name = 'x and y of different lengths'; Script = { Export-Plot (Join-Path $TestDrive 's.png') -Scatter -X (New-Tensor 1., 2, 3) -Y (New-Tensor 1., 2) }; Id = 'PlotLengthMismatch'; Category = 'InvalidArgument'; Names = 'x has 3 values', 'y has 2' }
        @{ Name = 'labels of another length'; Script = { Export-Plot (Join-Path $TestDrive 'l.png') -Scatter -X (New-Tensor -Zeros -Shape 3, 2) -Label (New-Tensor 1, 2) }; Id = 'PlotLengthMismatch'; Category = 'InvalidArgument'; Names = 'x has 3 values', 'labels has 2' }
        @{ Name = 'text for the points'; Script = { Export-Plot (Join-Path $TestDrive 't.png') -Scatter -X 'a', 'b' }; Id = 'InvalidElement'; Category = 'InvalidArgument'; Names = "'a'" }
        @{ Name = '3-d points'; Script = { Export-Plot (Join-Path $TestDrive 'p.png') -Scatter -X (New-Tensor -Zeros -Shape 2, 2, 2) }; Id = 'PlotPointsShape'; Category = 'InvalidArgument'; Names = '[N, 2]', '[2, 2, 2]' }
        @{ Name = 'a line of another length'; Script = { Export-Plot (Join-Path $TestDrive 'n.png') -Line -X (New-Tensor 1., 2) -Y (New-Tensor 1., 2) -LineY (New-Tensor 1., 2, 3) }; Id = 'PlotLengthMismatch'; Category = 'InvalidArgument'; Names = 'line x has 2 values', 'line y has 3' }
        @{ Name = 'a fitted line of a model of the wrong width'; Script = { Export-Plot (Join-Path $TestDrive 'm.png') -Line -X (New-Tensor 1., 2) -Y (New-Tensor 1., 2) -Model (New-Mlp 3, 1) }; Id = 'LinearInputShape'; Category = 'InvalidArgument'; Names = 'in_features=3' }
        @{ Name = 'a histogram of a matrix'; Script = { Export-Plot (Join-Path $TestDrive 'h.png') -Histogram -Values (New-Tensor -Zeros -Shape 2, 2) }; Id = 'PlotDataShape'; Category = 'InvalidArgument'; Names = '[2, 2]' }
        @{ Name = 'a decision surface of 3-d points'; Script = { Export-Plot (Join-Path $TestDrive 'd.png') -DecisionSurface -X (New-Tensor -Zeros -Shape 3, 3) -Y (New-Tensor 0, 1, 0) -Model $mlp }; Id = 'PlotPointsShape'; Category = 'InvalidArgument'; Names = '[3, 3]' }
        @{ Name = 'validation losses of another length'; Script = { Export-Plot (Join-Path $TestDrive 'v.png') -LossCurve -Loss 1, 2 -ValidationLoss 1 }; Id = 'PlotLengthMismatch'; Category = 'InvalidArgument'; Names = 'loss has 2 values', 'validation loss has 1' }
        @{ Name = 'zero bins'; Script = { Export-Plot (Join-Path $TestDrive 'b.png') -Histogram -Values 1, 2 -Bins 0 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Bins'", '0' }
        @{ Name = 'a width of 1 pixel'; Script = { Export-Plot (Join-Path $TestDrive 'w.png') -LossCurve -Loss 1, 2 -Width 1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Width'", '64' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.ExportPlotCommand" $Category $Names
    }
}
