# Bad-input catalogue, models and gradients: New-Layer, New-Mlp, New-Sequential, Invoke-Model,
# Export-Model, Import-Model, Test-Model, Test-Gradient, Invoke-Backward, Clear-Gradient,
# Measure-Loss and Invoke-NoGrad, and the layers' own members called from a script.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/BadInput.ps1"
    . "$PSScriptRoot/Support/ToyModel.ps1"

    $mlp = New-Mlp 2, 4, 1
    $x = New-Tensor -Randn -Shape 3, 2
    $x5 = New-Tensor -Randn -Shape 3, 5
    $w = New-Tensor 1., 2 -RequiresGrad
    $w64 = New-Tensor 1., 2 -DType float64 -RequiresGrad
}

Describe 'New-Layer refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'Linear without sizes'; Script = { New-Layer Linear }; Id = 'MissingMandatoryParameter'; Category = 'InvalidArgument'; Names = 'InFeatures', 'OutFeatures' }
        @{ Name = 'Linear of size 0'; Script = { New-Layer Linear 0 2 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'InFeatures'", '0' }
        @{ Name = 'Linear with a kernel size'; Script = { New-Layer Linear 2 3 -KernelSize 3 }; Id = 'NamedParameterNotFound'; Category = 'InvalidArgument'; Names = 'KernelSize' }
        @{ Name = 'Conv2d without output channels'; Script = { New-Layer Conv2d -InChannels 1 }; Id = 'MissingMandatoryParameter'; Category = 'InvalidArgument'; Names = 'OutChannels' }
        @{ Name = 'Conv2d without a kernel size'; Script = { New-Layer Conv2d -InChannels 1 -OutChannels 2 }; Id = 'MissingMandatoryParameter'; Category = 'InvalidArgument'; Names = 'KernelSize' }
        @{ Name = 'Conv2d with three paddings'; Script = { New-Layer Conv2d -InChannels 3 -OutChannels 2 -KernelSize 3 -Padding 1, 2, 3 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Padding'", '3 value(s)' }
        @{ Name = 'MaxPool2d without a kernel size'; Script = { New-Layer MaxPool2d }; Id = 'MissingMandatoryParameter'; Category = 'InvalidArgument'; Names = 'KernelSize' }
        @{ Name = 'Dropout with p 2'; Script = { New-Layer Dropout -Probability 2 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Probability'", '2' }
        @{ Name = 'ReLU with a size'; Script = { New-Layer ReLU 3 }; Id = 'PositionalParameterNotFound'; Category = 'InvalidArgument'; Names = "'3'" }
        @{ Name = 'LeakyReLU with -Probability'; Script = { New-Layer LeakyReLU -Probability 0.3 }; Id = 'NamedParameterNotFound'; Category = 'InvalidArgument'; Names = "'Probability'" }
        @{ Name = 'an unknown layer'; Script = { New-Layer Foo }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = '"Foo"' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.NewLayerCommand" $Category $Names
    }
}

Describe 'New-Mlp refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'one size'; Script = { New-Mlp 3 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Size'", '1 value(s)' }
        @{ Name = 'a size of 0'; Script = { New-Mlp 3, 0, 1 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Size'", '0' }
        @{ Name = 'an unknown activation'; Script = { New-Mlp 3, 2, 1 -Activation Foo }; Id = 'UnknownActivation'; Category = 'InvalidArgument'; Names = "'Foo'", 'ReLU, LeakyReLU' }
        @{ Name = 'an unknown activation without hidden layers'; Script = { New-Mlp 3, 1 -Activation Foo }; Id = 'UnknownActivation'; Category = 'InvalidArgument'; Names = "'Foo'" }
        @{ Name = 'an unknown output activation'; Script = { New-Mlp 3, 1 -OutputActivation Bar }; Id = 'UnknownActivation'; Category = 'InvalidArgument'; Names = "'Bar'" }
        @{ Name = 'dropout 1.5'; Script = { New-Mlp 3, 1 -Dropout 1.5 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Dropout'", '1.5' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.NewMlpCommand" $Category $Names
    }
}

Describe 'New-Sequential refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'numbers for layers'; Script = { New-Sequential 1, 2 }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = "'Layer'", '"1"', 'NNTools.NN.Module' }
        @{ Name = 'a $null layer'; Script = { New-Sequential $null }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Layer'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.NewSequentialCommand" $Category $Names
    }
}

Describe 'Invoke-Model refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'an input of the wrong width'; Script = { Invoke-Model $mlp $x5 }; Id = 'LinearInputShape'; Category = 'InvalidArgument'; Names = '(3x5 and 2x4)', 'in_features=2', '[3, 5]' }
        @{ Name = 'int64 input'; Script = { Invoke-Model $mlp (New-Tensor -Data @(, @(1, 2))) }; Id = 'MatMulDType'; Category = 'InvalidArgument'; Names = 'Long', 'Float' }
        @{ Name = 'text for the input'; Script = { Invoke-Model $mlp 'x' }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = '"x"', 'NNTools.Tensor' }
        @{ Name = 'a PowerShell class model fed the wrong width'; Script = { Invoke-Model ([ToyModel]::new()) $x5 }; Id = 'LinearInputShape'; Category = 'InvalidArgument'; Names = 'in_features=3', '[3, 5]' }
        @{ Name = 'a matrix for Conv2d'; Script = { Invoke-Model (New-Layer Conv2d -InChannels 1 -OutChannels 2 -KernelSize 3) $x }; Id = 'ConvInputRank'; Category = 'InvalidArgument'; Names = '[3, 2]' }
        @{ Name = 'the wrong channel count for Conv2d'; Script = { Invoke-Model (New-Layer Conv2d -InChannels 3 -OutChannels 2 -KernelSize 3) (New-Tensor -Zeros -Shape 1, 1, 5, 5) }; Id = 'ConvChannels'; Category = 'InvalidArgument'; Names = '[2, 3, 3, 3]', '[1, 1, 5, 5]', '3 channels', '1 channels' }
        @{ Name = 'an image smaller than the kernel'; Script = { Invoke-Model (New-Layer Conv2d -InChannels 1 -OutChannels 2 -KernelSize 3) (New-Tensor -Zeros -Shape 1, 1, 2, 2) }; Id = 'ConvInputTooSmall'; Category = 'InvalidArgument'; Names = '(2 x 2)', '(3 x 3)' }
        @{ Name = 'a matrix for MaxPool2d'; Script = { Invoke-Model (New-Layer MaxPool2d -KernelSize 2) (New-Tensor -Zeros -Shape 2, 3) }; Id = 'PoolInputRank'; Category = 'InvalidArgument'; Names = '[2, 3]' }
        @{ Name = 'an image smaller than the pool'; Script = { Invoke-Model (New-Layer MaxPool2d -KernelSize 5) (New-Tensor -Zeros -Shape 1, 2, 2) }; Id = 'PoolOutputTooSmall'; Category = 'InvalidArgument'; Names = '(1x2x2)', '(1x0x0)' }
        @{ Name = 'Flatten past the last dim'; Script = { Invoke-Model (New-Layer Flatten -StartDim 3) $x }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = 'got 3' }
        @{ Name = 'Flatten with start after end'; Script = { Invoke-Model (New-Layer Flatten -StartDim 1 -EndDim 0) (New-Tensor -Zeros -Shape 2, 3, 4) }; Id = 'FlattenDims'; Category = 'InvalidArgument'; Names = 'start_dim (1)', 'end_dim (0)' }
        @{ Name = 'Softmax over a dim past the end'; Script = { Invoke-Model (New-Layer Softmax -Dim 4) $x }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = 'got 4' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.InvokeModelCommand" $Category $Names
    }
}

Describe 'Layer members refuse' {
    It '<Name>' -ForEach @(
        @{ Name = 'Linear with a negative size'; Script = { [NNTools.NN.Linear]::new(-1, 1) }; Id = 'InvalidFeatures'; Category = 'InvalidArgument'; Names = 'in_features=-1', 'out_features=1' }
        @{ Name = 'Dropout with p 1.5'; Script = { [NNTools.NN.Dropout]::new(1.5) }; Id = 'InvalidProbability'; Category = 'InvalidArgument'; Names = 'got 1.5' }
        @{ Name = 'Forward of $null'; Script = { $mlp.Forward($null) }; Id = 'NullArgument'; Category = 'InvalidArgument'; Names = "'input'", 'Forward' }
        @{ Name = 'Forward of int64 through Linear'; Script = { (New-Layer Linear 2 1).Forward((New-Tensor -Data @(, @(1, 2)))) }; Id = 'MatMulDType'; Category = 'InvalidArgument'; Names = 'Long', 'Float' }
        @{ Name = 'Softmax over a dim past the end'; Script = { [NNTools.NN.Softmax]::new(1).Forward((New-Tensor 1., 2)) }; Id = 'DimOutOfRange'; Category = 'InvalidArgument'; Names = '[-1, 0]', 'got 1' }
    ) {
        Assert-BadInput $Script $Id $Category $Names
    }
}

Describe 'Export-Model and Import-Model refuse' {
    BeforeAll {
        $saved = Join-Path $TestDrive 'saved.safetensors'
        Export-Model $saved $mlp
        $weights = Join-Path $TestDrive 'weights.safetensors'
        Export-Tensor $weights -Name a -Tensor (New-Tensor 1.)
        $badArchitecture = Join-Path $TestDrive 'dropout2.safetensors'
        Export-Tensor $badArchitecture -Name a -Tensor (New-Tensor 1.) -Metadata @{ 'nntools.architecture' = '{"type":"Dropout","p":2}' }
        $wider = Join-Path $TestDrive 'wider.safetensors'
        Export-Model $wider (New-Mlp 2, 5, 1)
    }

    It 'Export-Model: <Name>' -ForEach @(
        @{ Name = 'an existing file without -Force'; Script = { Export-Model $saved $mlp }; Id = 'FileExists'; Category = 'InvalidOperation'; Names = 'saved.safetensors', '-Force' }
        @{ Name = 'a path on the variable: drive'; Script = { Export-Model 'variable:m' $mlp }; Id = 'PathNotFileSystem'; Category = 'InvalidArgument'; Names = "'variable:m'", 'Variable provider' }
        @{ Name = 'text for the model'; Script = { Export-Model (Join-Path $TestDrive 'n.safetensors') 'x' }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = '"x"', 'NNTools.NN.Module' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.ExportModelCommand" $Category $Names
    }

    It 'Import-Model: <Name>' -ForEach @(
        @{ Name = 'a missing file'; Script = { Import-Model (Join-Path $TestDrive 'none.safetensors') }; Id = 'FileNotFound'; Category = 'ObjectNotFound'; Names = 'none.safetensors' }
        @{ Name = 'weights without an architecture'; Script = { Import-Model $weights }; Id = 'NoArchitecture'; Category = 'InvalidData'; Names = 'weights.safetensors', 'nntools.architecture' }
        @{ Name = 'an architecture whose layer refuses its arguments'; Script = { Import-Model $badArchitecture }; Id = 'InvalidArchitecture'; Category = 'InvalidData'; Names = 'dropout probability', 'got 2' }
        @{ Name = 'weights of other shapes'; Script = { Import-Model $wider -Model $mlp }; Id = 'StateDictShape'; Category = 'InvalidData'; Names = '0.weight', '[5, 2]', '[4, 2]' }
        @{ Name = 'a path on the variable: drive'; Script = { Import-Model 'variable:m' }; Id = 'PathNotFileSystem'; Category = 'InvalidArgument'; Names = "'variable:m'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.ImportModelCommand" $Category $Names
    }
}

Describe 'Test-Model refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'inputs of the wrong width'; Script = { Test-Model $mlp (New-Dataset $x5 (New-Tensor -Zeros -Shape 3, 1)) MSE }; Id = 'LinearInputShape'; Category = 'InvalidArgument'; Names = '[3, 5]' }
        @{ Name = 'a data set without targets'; Script = { Test-Model $mlp (New-Dataset $x) MSE }; Id = 'MissingTarget'; Category = 'InvalidArgument'; Names = '(input, target) pairs' }
        @{ Name = 'targets of the wrong shape'; Script = { Test-Model $mlp (New-Dataset $x (New-Tensor -Zeros -Shape 3, 7)) MSE }; Id = 'LossShapeMismatch'; Category = 'InvalidArgument'; Names = '[3, 7]', '[3, 1]' }
        @{ Name = 'a class past the last'; Script = { Test-Model (New-Mlp 2, 3) (New-Dataset $x (New-Tensor 0, 1, 5)) CrossEntropy }; Id = 'TargetOutOfBounds'; Category = 'InvalidArgument'; Names = 'Target 5', '3 classes' }
        @{ Name = 'an unknown loss'; Script = { Test-Model $mlp (New-Dataset $x (New-Tensor -Zeros -Shape 3, 1)) Foo }; Id = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Names = "'Foo'", 'MSE, L1' }
        @{ Name = 'text for the data'; Script = { Test-Model $mlp 'x' MSE }; Id = 'InvalidDataArgument'; Category = 'InvalidArgument'; Names = 'System.String' }
        @{ Name = 'a batch size of 0'; Script = { Test-Model $mlp (New-Dataset $x (New-Tensor -Zeros -Shape 3, 1)) MSE -BatchSize 0 }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'BatchSize'", '0' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.TestModelCommand" $Category $Names
    }
}

Describe 'Test-Gradient refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'tensors that do not require grad'; Script = { Test-Gradient { param($t) $t.Sum() } (New-Tensor 1., 2) }; Id = 'NothingToCheck'; Category = 'InvalidArgument'; Names = '-RequiresGrad' }
        @{ Name = 'a block that returns nothing'; Script = { Test-Gradient { param($t) } $w64 }; Id = 'NotOneTensor'; Category = 'InvalidResult'; Names = 'returned 0 object(s)' }
        @{ Name = 'a block that returns text'; Script = { Test-Gradient { param($t) 'x' } $w64 }; Id = 'NotOneTensor'; Category = 'InvalidResult'; Names = 'returned 1 object(s)' }
        @{ Name = 'a block whose tensor code fails'; Script = { Test-Gradient { param($t) $t.View(7) } $w64 }; Id = 'ViewShape'; Category = 'InvalidArgument'; Names = "'[7]'", 'size 2' }
        @{ Name = 'a model fed the wrong width'; Script = { Test-Gradient $mlp $x5 3> $null }; Id = 'LinearInputShape'; Category = 'InvalidArgument'; Names = '[3, 5]' }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.TestGradientCommand" $Category $Names
    }
}

Describe 'Invoke-Backward refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'a tensor without grad'; Script = { Invoke-Backward (New-Tensor 1., 2).Sum() }; Id = 'NoGradFn'; Category = 'InvalidOperation'; Names = 'element 0' }
        @{ Name = 'a vector without a gradient'; Script = { Invoke-Backward ($w * 2) }; Id = 'ImplicitGradNonScalar'; Category = 'InvalidOperation'; Names = 'shape [2]' }
        @{ Name = 'a gradient of the wrong shape'; Script = { Invoke-Backward ($w * 2) -Gradient (New-Tensor 1., 2, 3) }; Id = 'GradientShapeMismatch'; Category = 'InvalidArgument'; Names = 'shape of [3]', 'shape of [2]' }
        @{ Name = 'a graph already freed'; Script = { $l = ($w * $w).Sum(); Invoke-Backward $l; Invoke-Backward $l }; Id = 'BackwardTwice'; Category = 'InvalidOperation'; Names = 'a second time' }
        @{ Name = 'text'; Script = { Invoke-Backward 'x' }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = '"x"' }
        @{ Name = '$null'; Script = { Invoke-Backward $null }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Tensor'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.InvokeBackwardCommand" $Category $Names
    }
}

Describe 'Clear-Gradient refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'text'; Script = { Clear-Gradient 'x' }; Id = 'NotTensorOrModule'; Category = 'InvalidArgument'; Names = 'String' }
        @{ Name = 'a number'; Script = { Clear-Gradient 5 }; Id = 'NotTensorOrModule'; Category = 'InvalidArgument'; Names = 'Int32' }
        @{ Name = 'a $null among tensors'; Script = { Clear-Gradient @($null, $w) }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'InputObject'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.ClearGradientCommand" $Category $Names
    }
}

Describe 'Measure-Loss refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'MSE of different shapes'; Script = { Measure-Loss MSE (New-Tensor 1., 2) (New-Tensor 1., 2, 3) }; Id = 'LossShapeMismatch'; Category = 'InvalidArgument'; Names = 'mse_loss', '([3])', '([2])' }
        @{ Name = 'L1 of transposed shapes'; Script = { Measure-Loss L1 (New-Tensor -Zeros -Shape 2, 3) (New-Tensor -Zeros -Shape 3, 2) }; Id = 'LossShapeMismatch'; Category = 'InvalidArgument'; Names = 'l1_loss', '[3, 2]', '[2, 3]' }
        @{ Name = 'Huber against a scalar'; Script = { Measure-Loss Huber (New-Tensor 1., 2) (New-Tensor 1.) }; Id = 'LossShapeMismatch'; Category = 'InvalidArgument'; Names = 'huber_loss', '([])' }
        @{ Name = 'BCE of a value above 1'; Script = { Measure-Loss BCE (New-Tensor 1.5, 0.5) (New-Tensor 1., 0) }; Id = 'BceInputRange'; Category = 'InvalidArgument'; Names = 'found 1.5', 'Sigmoid()' }
        @{ Name = 'BCE of different lengths'; Script = { Measure-Loss BCE (New-Tensor 0.5, 0.5) (New-Tensor 1., 0, 1) }; Id = 'LossShapeMismatch'; Category = 'InvalidArgument'; Names = '([3])', '([2])' }
        @{ Name = 'BCE with logits of different lengths'; Script = { Measure-Loss BCEWithLogits (New-Tensor 1., 2) (New-Tensor 1., 0, 1) }; Id = 'LossShapeMismatch'; Category = 'InvalidArgument'; Names = 'binary_cross_entropy_with_logits' }
        @{ Name = 'CrossEntropy of a class past the last'; Script = { Measure-Loss CrossEntropy (New-Tensor -Randn -Shape 2, 3) (New-Tensor 0, 5) }; Id = 'TargetOutOfBounds'; Category = 'InvalidArgument'; Names = 'Target 5', '3 classes' }
        @{ Name = 'CrossEntropy with more targets than rows'; Script = { Measure-Loss CrossEntropy (New-Tensor -Randn -Shape 2, 3) (New-Tensor 0, 1, 2) }; Id = 'LossShapeMismatch'; Category = 'InvalidArgument'; Names = 'input [2, 3]', 'target [3]' }
        @{ Name = 'NLL of a negative class'; Script = { Measure-Loss NLL (New-Tensor -Randn -Shape 2, 3) (New-Tensor 0, -1) }; Id = 'TargetOutOfBounds'; Category = 'InvalidArgument'; Names = 'Target -1' }
        @{ Name = 'NLL of float labels'; Script = { Measure-Loss NLL (New-Tensor -Randn -Shape 2, 3) (New-Tensor 0., 1) }; Id = 'TargetDType'; Category = 'InvalidArgument'; Names = 'torch.int64', 'torch.float32' }
        @{ Name = 'MSE of int64 tensors'; Script = { Measure-Loss MSE (New-Tensor 1, 2) (New-Tensor 1, 2) }; Id = 'MeanDType'; Category = 'InvalidArgument'; Names = 'Got: Long' }
        @{ Name = 'an unknown loss'; Script = { Measure-Loss Foo (New-Tensor 1., 2) (New-Tensor 1., 2) }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = '"Foo"' }
        @{ Name = 'an unknown reduction'; Script = { Measure-Loss MSE (New-Tensor 1., 2) (New-Tensor 1., 2) -Reduction Foo }; Id = 'CannotConvertArgumentNoMessage'; Category = 'InvalidArgument'; Names = '"Foo"', 'Reduction' }
        @{ Name = 'a $null prediction'; Script = { Measure-Loss MSE $null (New-Tensor 1.) }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Prediction'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.MeasureLossCommand" $Category $Names
    }
}

Describe 'Invoke-NoGrad refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'a block whose tensor code fails'; Script = { Invoke-NoGrad { (New-Tensor 1., 2).View(7) } }; Id = 'ViewShape'; Category = 'InvalidArgument'; Names = "'[7]'" }
        @{ Name = 'a backward pass inside the block'; Script = { Invoke-NoGrad { ($w * 2).Sum().Backward() } }; Id = 'NoGradFn'; Category = 'InvalidOperation'; Names = 'element 0' }
        @{ Name = 'a $null block'; Script = { Invoke-NoGrad $null }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'ScriptBlock'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.InvokeNoGradCommand" $Category $Names
    }
}

Describe 'Register-TensorHook refuses' {
    It '<Name>' -ForEach @(
        @{ Name = 'a tensor that does not require grad'; Script = { Register-TensorHook (New-Tensor 1., 2) { $args[0] } }; Id = 'HookNoGrad'; Category = 'InvalidOperation'; Names = "doesn't require gradient" }
        @{ Name = 'a $null tensor'; Script = { Register-TensorHook $null { $args[0] } }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'Tensor'" }
        @{ Name = 'a $null block'; Script = { Register-TensorHook $w $null }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Names = "'ScriptBlock'" }
    ) {
        Assert-BadInput $Script "$Id,NNTools.Commands.RegisterTensorHookCommand" $Category $Names
    }
}
