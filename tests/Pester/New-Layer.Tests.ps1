BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'New-Layer' {
    It 'builds a <Type> layer printed as <Text>' -TestCases @(
        @{ Type = 'Linear'; Arguments = @{ InFeatures = 3; OutFeatures = 4 }; Text = 'Linear(in_features=3, out_features=4, bias=True)' }
        @{ Type = 'Linear'; Arguments = @{ InFeatures = 3; OutFeatures = 4; NoBias = $true }; Text = 'Linear(in_features=3, out_features=4, bias=False)' }
        @{ Type = 'ReLU'; Arguments = @{}; Text = 'ReLU()' }
        @{ Type = 'LeakyReLU'; Arguments = @{ NegativeSlope = 0.2 }; Text = 'LeakyReLU(negative_slope=0.2)' }
        @{ Type = 'Sigmoid'; Arguments = @{}; Text = 'Sigmoid()' }
        @{ Type = 'Tanh'; Arguments = @{}; Text = 'Tanh()' }
        @{ Type = 'Softmax'; Arguments = @{ Dim = 1 }; Text = 'Softmax(dim=1)' }
        @{ Type = 'LogSoftmax'; Arguments = @{ Dim = 1 }; Text = 'LogSoftmax(dim=1)' }
        @{ Type = 'Flatten'; Arguments = @{}; Text = 'Flatten(start_dim=1, end_dim=-1)' }
        @{ Type = 'Dropout'; Arguments = @{ Probability = 0.3 }; Text = 'Dropout(p=0.3, inplace=False)' }
        @{ Type = 'Identity'; Arguments = @{}; Text = 'Identity()' }
        @{ Type = 'Conv2d'; Arguments = @{ InChannels = 1; OutChannels = 6; KernelSize = 5 }; Text = 'Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))' }
        @{ Type = 'MaxPool2d'; Arguments = @{ KernelSize = 2 }; Text = 'MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)' }
        @{ Type = 'BatchNorm1d'; Arguments = @{ NumFeatures = 8 }; Text = 'BatchNorm1d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)' }
        @{ Type = 'BatchNorm2d'; Arguments = @{ NumFeatures = 3; Momentum = 0.2; NoAffine = $true }; Text = 'BatchNorm2d(3, eps=1e-05, momentum=0.2, affine=False, track_running_stats=True)' }
        @{ Type = 'LayerNorm'; Arguments = @{ NormalizedShape = 3, 4 }; Text = 'LayerNorm((3, 4), eps=1e-05, elementwise_affine=True)' }
        @{ Type = 'Embedding'; Arguments = @{ NumEmbeddings = 10; EmbeddingDim = 3 }; Text = 'Embedding(10, 3)' }
        @{ Type = 'AvgPool2d'; Arguments = @{ KernelSize = 3; Stride = 2; Padding = 1 }; Text = 'AvgPool2d(kernel_size=3, stride=2, padding=1)' }
        @{ Type = 'AdaptiveAvgPool2d'; Arguments = @{ OutputSize = 1 }; Text = 'AdaptiveAvgPool2d(output_size=1)' }
        @{ Type = 'Dropout2d'; Arguments = @{ Probability = 0.1 }; Text = 'Dropout2d(p=0.1, inplace=False)' }
    ) {
        (New-Layer $Type @Arguments).ToString() | Should -Be $Text
    }

    It 'takes Linear sizes by position' {
        $layer = New-Layer Linear 3 4
        $layer.Weight.Shape | Should -Be @(4, 3)
    }

    It 'trains an MLP with BatchNorm1d, whose running statistics serve eval mode' {
        Set-RandomSeed 0
        $data = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed 0
        $model = New-Sequential (New-Layer Linear 2 32), (New-Layer BatchNorm1d 32), (New-Layer ReLU), (New-Layer Linear 32 2)
        $null = Start-Training $model $data CrossEntropy -Epochs 30 -BatchSize 20 -Shuffle -LearningRate 0.01
        $model[1].NumBatchesTracked.Item() | Should -Be 300
        $result = Test-Model $model $data CrossEntropy
        $result.Accuracy | Should -BeGreaterThan 0.95
    }

    It 'takes Conv2d, MaxPool2d and Dropout arguments by position, in PyTorch''s order' {
        (New-Layer Conv2d 1 6 5 2 1).ToString() | Should -Be 'Conv2d(1, 6, kernel_size=(5, 5), stride=(2, 2), padding=(1, 1))'
        (New-Layer MaxPool2d 3 1).ToString() | Should -Be 'MaxPool2d(kernel_size=3, stride=1, padding=0, dilation=1, ceil_mode=False)'
        (New-Layer Dropout 0.25).ToString() | Should -Be 'Dropout(p=0.25, inplace=False)'
    }

    It 'says which parameter a <Type> layer is missing' -TestCases @(
        @{ Type = 'Linear'; Arguments = @{ InFeatures = 3 }; Missing = 'OutFeatures' }
        @{ Type = 'Conv2d'; Arguments = @{ InChannels = 1; OutChannels = 2 }; Missing = 'KernelSize' }
        @{ Type = 'MaxPool2d'; Arguments = @{}; Missing = 'KernelSize' }
    ) {
        # The session Pester runs in is non-interactive; at a prompt PowerShell asks for the value instead.
        { New-Layer $Type @Arguments } | Should -Throw -ErrorId 'MissingMandatoryParameter,NNTools.Commands.NewLayerCommand' -ExpectedMessage "*$Missing*"
    }

    It 'refuses parameters the layer type does not take' {
        { New-Layer ReLU -InFeatures 3 } | Should -Throw -ErrorId 'NamedParameterNotFound,NNTools.Commands.NewLayerCommand' -ExpectedMessage '*InFeatures*'
        { New-Layer ReLU 3 } | Should -Throw -ErrorId 'PositionalParameterNotFound,NNTools.Commands.NewLayerCommand' -ExpectedMessage "*'3'*"
    }

    It 'completes only the parameters a <Type> layer takes' -TestCases @(
        @{ Type = 'Linear'; Expected = 'InFeatures', 'OutFeatures', 'NoBias', 'Generator' }
        @{ Type = 'Conv2d'; Expected = 'InChannels', 'OutChannels', 'KernelSize', 'Stride', 'Padding', 'NoBias', 'Generator' }
        @{ Type = 'MaxPool2d'; Expected = 'KernelSize', 'Stride', 'Padding' }
        @{ Type = 'LeakyReLU'; Expected = 'NegativeSlope' }
        @{ Type = 'Flatten'; Expected = 'StartDim', 'EndDim' }
        @{ Type = 'Dropout'; Expected = 'Probability', 'Generator' }
        @{ Type = 'ReLU'; Expected = @() }
    ) {
        $line = "New-Layer $Type -"
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            ForEach-Object { $_.TrimStart('-') } | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }
        @($offered) | Should -Be @($Expected)
    }

    It 'shows one syntax line per layer type in Get-Help' {
        $syntax = Get-Help New-Layer | Select-Object -ExpandProperty syntax | Out-String -Width 250
        $syntax | Should -Match ([regex]::Escape('New-Layer [-Type] {Linear} [-InFeatures] <Int32> [-OutFeatures] <Int32> [-NoBias] [-Generator <Generator>]'))
        $syntax | Should -Match ([regex]::Escape('New-Layer [-Type] {ReLU} [<CommonParameters>]'))
        (Get-Command New-Layer -ArgumentList MaxPool2d -Syntax) | Should -Match '\[-KernelSize\] <int\[\]>'
    }

    It 'refuses an unknown type' {
        { New-Layer Transformer } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NNTools.Commands.NewLayerCommand'
    }

    It 'completes layer types' {
        $line = 'New-Layer Lo'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches |
            ForEach-Object { $_.CompletionText }
        $names | Should -Be @('LogSoftmax')
    }

    It 'draws a <Type> layer''s weights from -Generator' -TestCases @(
        @{ Type = 'Linear'; Arguments = @{ InFeatures = 3; OutFeatures = 2 } }
        @{ Type = 'Conv2d'; Arguments = @{ InChannels = 1; OutChannels = 2; KernelSize = 3 } }
    ) {
        $a = New-Layer $Type @Arguments -Generator ([NNTools.Generator]::new(7))
        $b = New-Layer $Type @Arguments -Generator ([NNTools.Generator]::new(7))
        $c = New-Layer $Type @Arguments -Generator ([NNTools.Generator]::new(8))
        $a.Weight.Equal($b.Weight) | Should -BeTrue
        $a.Weight.Equal($c.Weight) | Should -BeFalse
    }

    It 'refuses -Generator for a layer without weights' {
        { New-Layer ReLU -Generator ([NNTools.Generator]::new(7)) } |
            Should -Throw -ErrorId 'NamedParameterNotFound,NNTools.Commands.NewLayerCommand' -ExpectedMessage '*Generator*'
    }

    It 'draws Dropout''s masks from -Generator' {
        $x = New-Tensor -Ones -Shape 64
        $a = Invoke-Model (New-Layer Dropout 0.5 -Generator ([NNTools.Generator]::new(5))) $x
        $b = Invoke-Model (New-Layer Dropout 0.5 -Generator ([NNTools.Generator]::new(5))) $x
        $a | Should -BeTensor $b
    }
}
