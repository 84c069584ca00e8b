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
        @{ Type = 'Dropout'; Arguments = @{ P = 0.3 }; Text = 'Dropout(p=0.3, inplace=False)' }
        @{ Type = 'Identity'; Arguments = @{}; Text = 'Identity()' }
        @{ Type = 'Conv2d'; Arguments = @{ InChannels = 1; OutChannels = 6; KernelSize = 5 }; Text = 'Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))' }
        @{ Type = 'MaxPool2d'; Arguments = @{ KernelSize = 2 }; Text = 'MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)' }
    ) {
        (New-Layer $Type @Arguments).ToString() | Should -Be $Text
    }

    It 'takes Linear sizes by position' {
        $layer = New-Layer Linear 3 4
        $layer.Weight.Shape | Should -Be @(4, 3)
    }

    It 'says which parameter a <Type> layer is missing' -TestCases @(
        @{ Type = 'Linear'; Arguments = @{ InFeatures = 3 }; Missing = 'OutFeatures' }
        @{ Type = 'Conv2d'; Arguments = @{ InChannels = 1; OutChannels = 2 }; Missing = 'KernelSize' }
        @{ Type = 'MaxPool2d'; Arguments = @{}; Missing = 'KernelSize' }
    ) {
        { New-Layer $Type @Arguments } | Should -Throw -ErrorId 'MissingLayerParameter,NNTools.Commands.NewLayerCommand' -ExpectedMessage "*-$Missing*"
    }

    It 'refuses parameters the layer type does not take' {
        { New-Layer ReLU -InFeatures 3 } | Should -Throw -ErrorId 'ParameterNotApplicable,NNTools.Commands.NewLayerCommand' -ExpectedMessage '*ReLU*-InFeatures*'
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
            Should -Throw -ErrorId 'ParameterNotApplicable,NNTools.Commands.NewLayerCommand' -ExpectedMessage '*ReLU*-Generator*'
    }
}
