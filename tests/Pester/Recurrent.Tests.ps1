# Recurrent layers and ConvTranspose2d as a script meets them: New-Layer with their per-type
# parameters, a Sequential that ends a sequence model with LastTimeStep, training, model files,
# the states reached through a layer's own Forward, ONNX export, and the errors of bad calls.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/BadInput.ps1"
}

Describe 'New-Layer for sequences and transposed convolutions' {
    It 'builds a <Type> layer printed as <Text>' -TestCases @(
        @{ Type = 'LSTM'; Arguments = @{ InputSize = 3; HiddenSize = 4 }; Text = 'LSTM(3, 4)' }
        @{ Type = 'LSTM'; Arguments = @{ InputSize = 3; HiddenSize = 4; NumLayers = 2; BatchFirst = $true; Dropout = 0.5; Bidirectional = $true; NoBias = $true }
            Text = 'LSTM(3, 4, num_layers=2, bias=False, batch_first=True, dropout=0.5, bidirectional=True)' }
        @{ Type = 'GRU'; Arguments = @{ InputSize = 2; HiddenSize = 8; BatchFirst = $true }; Text = 'GRU(2, 8, batch_first=True)' }
        @{ Type = 'RNN'; Arguments = @{ InputSize = 2; HiddenSize = 8; Nonlinearity = 'relu' }; Text = 'RNN(2, 8)' }
        @{ Type = 'LastTimeStep'; Arguments = @{}; Text = 'LastTimeStep(dim=1)' }
        @{ Type = 'LastTimeStep'; Arguments = @{ Dim = 0 }; Text = 'LastTimeStep(dim=0)' }
        @{ Type = 'ConvTranspose2d'; Arguments = @{ InChannels = 4; OutChannels = 2; KernelSize = 3; Stride = 2; Padding = 1; OutputPadding = 1 }
            Text = 'ConvTranspose2d(4, 2, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))' }
        @{ Type = 'ConvTranspose2d'; Arguments = @{ InChannels = 4; OutChannels = 6; KernelSize = 3, 2; Groups = 2; Dilation = 2; NoBias = $true }
            Text = 'ConvTranspose2d(4, 6, kernel_size=(3, 2), stride=(1, 1), dilation=(2, 2), groups=2, bias=False)' }
    ) {
        (New-Layer $Type @Arguments).ToString() | Should -Be $Text
    }

    It 'takes the sizes by position and names the parameters as PyTorch names them' {
        $lstm = New-Layer LSTM 3 5 2 -Bidirectional
        $lstm.HiddenSize | Should -Be 5
        $names = $lstm.NamedParameters() | ForEach-Object Item1
        $names | Should -Be @('weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0', 'weight_ih_l0_reverse', 'weight_hh_l0_reverse',
            'bias_ih_l0_reverse', 'bias_hh_l0_reverse', 'weight_ih_l1', 'weight_hh_l1', 'bias_ih_l1', 'bias_hh_l1', 'weight_ih_l1_reverse',
            'weight_hh_l1_reverse', 'bias_ih_l1_reverse', 'bias_hh_l1_reverse')
        $lstm.StateDict()['weight_ih_l1'].Shape | Should -Be @(20, 10)
    }

    It 'offers only each type''s own parameters' {
        $lstm = (Get-Command New-Layer -ArgumentList LSTM).Parameters.Keys
        $lstm | Should -Contain 'BatchFirst'
        $lstm | Should -Contain 'Bidirectional'
        $lstm | Should -Not -Contain 'Nonlinearity'
        (Get-Command New-Layer -ArgumentList RNN).Parameters.Keys | Should -Contain 'Nonlinearity'
        (Get-Command New-Layer -ArgumentList ConvTranspose2d).Parameters.Keys | Should -Contain 'OutputPadding'
    }

    It 'draws the same weights from the same seed' {
        Set-RandomSeed 3
        $a = New-Layer GRU 2 4
        Set-RandomSeed 3
        $b = New-Layer GRU 2 4
        $a.StateDict()['weight_hh_l0'].Equal($b.StateDict()['weight_hh_l0']) | Should -BeTrue
    }
}

Describe 'Sequence models' {
    It 'passes an LSTM''s output sequence on, and LastTimeStep its last step' {
        $model = New-Sequential (New-Layer LSTM 2 6 -BatchFirst), (New-Layer LastTimeStep), (New-Layer Linear 6 1)
        $x = New-Tensor -Randn 5, 7, 2
        (Invoke-Model $model $x).Shape | Should -Be @(5, 1)
        (Invoke-Model $model[0] $x).Shape | Should -Be @(5, 7, 6)
    }

    It 'returns h_n and c_n from a layer''s own Forward, given initial states' {
        $lstm = New-Layer LSTM 2 3 -NumLayers 2
        $h0 = New-Tensor -Randn 2, 4, 3
        $c0 = New-Tensor -Randn 2, 4, 3
        $result = $lstm.Forward((New-Tensor -Randn 6, 4, 2), $h0, $c0)
        $result.Output.Shape | Should -Be @(6, 4, 3)
        $result.HN.Shape | Should -Be @(2, 4, 3)
        $result.CN.Shape | Should -Be @(2, 4, 3)
        $result.Output.Select(0, 5).Equal($result.HN.Select(0, 1)) | Should -BeTrue
    }

    It 'trains a GRU to sum a sequence, its loss falling well below where it started' {
        Set-RandomSeed 0
        $x = New-Tensor -Rand 256, 5, 1
        $data = New-Dataset -Input $x -Target $x.Sum(1)
        $model = New-Sequential (New-Layer GRU 1 16 -BatchFirst), (New-Layer LastTimeStep), (New-Layer Linear 16 1)
        $records = @(Start-Training $model $data MSE -OptimizerType Adam -LearningRate 0.02 -BatchSize 32 -Epochs 15)
        $records[-1].Loss | Should -BeLessThan (0.1 * $records[0].Loss)
        # Predicting the mean sum would leave the targets' variance (5/12 for five uniform values).
        $records[-1].Loss | Should -BeLessThan (0.15 * $x.Sum(1).Var().ToDouble())
    }

    It 'saves and loads a sequence model with Export-Model and Import-Model' {
        $model = New-Sequential (New-Layer LSTM 2 4 -BatchFirst -Bidirectional), (New-Layer LastTimeStep), (New-Layer Linear 8 1)
        $path = Join-Path $TestDrive 'sequence.safetensors'
        Export-Model -Path $path -Model $model
        $loaded = Import-Model -Path $path
        $loaded.ToString() | Should -Be $model.ToString()
        $x = New-Tensor -Randn 3, 5, 2
        (Invoke-Model $loaded $x).Equal((Invoke-Model $model $x)) | Should -BeTrue
    }

    It 'exports a sequence model to ONNX' {
        $model = New-Sequential (New-Layer GRU 2 4 -BatchFirst -NumLayers 2), (New-Layer LastTimeStep), (New-Layer Linear 4 1)
        $path = Join-Path $TestDrive 'sequence.onnx'
        Export-Model -Path $path -Model $model -Format Onnx
        (Get-Item $path).Length | Should -BeGreaterThan 100
    }

    It 'upsamples with ConvTranspose2d and exports it to ONNX' {
        $model = New-Sequential (New-Layer ConvTranspose2d 3 2 4 -Stride 2 -Padding 1), (New-Layer Tanh)
        (Invoke-Model $model (New-Tensor -Randn 1, 3, 5, 5)).Shape | Should -Be @(1, 2, 10, 10)
        $path = Join-Path $TestDrive 'upsample.onnx'
        Export-Model -Path $path -Model $model -Format Onnx
        (Get-Item $path).Length | Should -BeGreaterThan 100
    }
}

Describe 'Sequence layers refuse' {
    It '<Name>' -ForEach @(
        @{ Name = 'an LSTM without a hidden size'; Script = { New-Layer LSTM -InputSize 3 }; Id = 'MissingMandatoryParameter,NNTools.Commands.NewLayerCommand'; Category = 'InvalidArgument'; Names = 'HiddenSize' }
        @{ Name = 'a GRU with dropout 2'; Script = { New-Layer GRU 3 4 -Dropout 2 }; Id = 'ParameterArgumentValidationError,NNTools.Commands.NewLayerCommand'; Category = 'InvalidData'; Names = "'Dropout'", '2' }
        @{ Name = 'an RNN with a sigmoid'; Script = { New-Layer RNN 3 4 -Nonlinearity sigmoid }; Id = 'ParameterArgumentValidationError,NNTools.Commands.NewLayerCommand'; Category = 'InvalidData'; Names = 'sigmoid' }
        @{ Name = 'an LSTM fed the wrong feature count'; Script = { Invoke-Model (New-Layer LSTM 3 4) (New-Tensor -Zeros -Shape 5, 2, 2) }
            Id = 'RnnInputSize,NNTools.Commands.InvokeModelCommand'; Category = 'InvalidArgument'; Names = 'Expected 3, got 2' }
        @{ Name = 'an LSTM fed a 4-d tensor'; Script = { Invoke-Model (New-Layer LSTM 3 4) (New-Tensor -Zeros -Shape 5, 2, 2, 3) }
            Id = 'RnnInputRank,NNTools.Commands.InvokeModelCommand'; Category = 'InvalidArgument'; Names = '[5, 2, 2, 3]' }
        @{ Name = 'a GRU given a state of the wrong size'; Script = { (New-Layer GRU 3 4).Forward((New-Tensor -Zeros -Shape 5, 2, 3), (New-Tensor -Zeros -Shape 1, 3, 4)) }
            Id = 'RnnStateShape'; Category = 'InvalidArgument'; Names = '(1, 2, 4)', '[1, 3, 4]' }
        @{ Name = 'LastTimeStep past the last dim'; Script = { Invoke-Model (New-Layer LastTimeStep -Dim 2) (New-Tensor -Zeros -Shape 4, 3) }
            Id = 'LastTimeStepShape,NNTools.Commands.InvokeModelCommand'; Category = 'InvalidArgument'; Names = 'dim=2', '[4, 3]' }
        @{ Name = 'ConvTranspose2d with an output padding as large as its stride'; Script = { New-Layer ConvTranspose2d 2 2 3 -Stride 2 -OutputPadding 2 }
            Id = 'ConvOutputPadding,NNTools.Commands.NewLayerCommand'; Category = 'InvalidArgument'; Names = 'output_padding=(2, 2)' }
        @{ Name = 'ONNX export of an LSTM on unbatched sequences'; Script = { Export-Model -Path (Join-Path $TestDrive 'lstm.onnx') -Model (New-Sequential (New-Layer Linear 2 2), (New-Layer LSTM 2 3)) -Format Onnx }
            Id = 'OnnxUnsupportedLayer,NNTools.Commands.ExportModelCommand'; Category = 'InvalidArgument'; Names = "'1' is a LSTM on a rank-2 input" }
    ) {
        Assert-BadInput $Script $Id $Category $Names
    }
}
