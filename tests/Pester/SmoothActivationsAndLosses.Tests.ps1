BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools

    # Float64 values compared with torch 1.13's (printed by the commented call) to 1e-12.
    function Assert-Values($Tensor, [double[]]$Expected) {
        $actual = $Tensor.ToDoubleArray()
        $actual.Count | Should -Be $Expected.Count
        for ($i = 0; $i -lt $Expected.Count; $i++) { [Math]::Abs($actual[$i] - $Expected[$i]) | Should -BeLessThan 1e-12 }
    }
}

Describe 'New-Layer with the smooth activations' {
    BeforeAll { $x = New-Tensor -2.0, -0.5, 0.0, 1.5 -DType float64 }

    It 'builds <Text> as torch.nn does' -TestCases @(
        # nn.GELU(approximate='tanh')(x) and so on
        @{ Layer = { New-Layer GELU -Approximate tanh }; Text = "GELU(approximate='tanh')"; Expected = -0.04540230591222494, -0.15428599017485606, 0.0, 1.3995715769802328 }
        @{ Layer = { New-Layer GELU }; Text = "GELU(approximate='none')"; Expected = -0.04550026389635842, -0.15426876936299344, 0.0, 1.399789198096713 }
        @{ Layer = { New-Layer SiLU }; Text = 'SiLU()'; Expected = -0.2384058440442351, -0.1887703343990727, 0.0, 1.2263617142904655 }
        @{ Layer = { New-Layer ELU 0.5 }; Text = 'ELU(alpha=0.5)'; Expected = -0.43233235838169365, -0.1967346701436833, 0.0, 1.5 }
        @{ Layer = { New-Layer Softplus -Beta 2 -Threshold 1 }; Text = 'Softplus(beta=2, threshold=1)'; Expected = 0.009074963958904869, 0.15663084375911143, 0.34657359027997264, 1.5 }
        @{ Layer = { New-Layer Hardtanh -MinVal -1 -MaxVal 1 }; Text = 'Hardtanh(min_val=-1.0, max_val=1.0)'; Expected = -1.0, -0.5, 0.0, 1.0 }
        @{ Layer = { New-Layer Mish }; Text = 'Mish()'; Expected = -0.2525014826957089, -0.22074377465173, 0.0, 1.4033782663958028 }
    ) {
        $layer = & $Layer
        $layer.ToString() | Should -Be $Text
        Assert-Values (Invoke-Model $layer $x) $Expected
    }

    It 'offers only the arguments of <Type>' -TestCases @(
        @{ Type = 'GELU'; Expected = @('Approximate') }
        @{ Type = 'Softplus'; Expected = @('Beta', 'Threshold') }
        @{ Type = 'Hardtanh'; Expected = @('MinVal', 'MaxVal') }
        @{ Type = 'Mish'; Expected = @() }
    ) {
        $line = "New-Layer $Type -"
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            ForEach-Object { $_.TrimStart('-') } | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }
        @($offered | Where-Object { $_ -ne 'Type' }) | Should -Be $Expected
    }

    It 'refuses an approximation torch does not have, and bounds out of order' {
        { New-Layer GELU -Approximate sigmoid } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NNTools.Commands.NewLayerCommand'
        { New-Layer Hardtanh -MinVal 1 -MaxVal 1 } | Should -Throw -ErrorId 'InvalidBounds,NNTools.Commands.NewLayerCommand' -ExpectedMessage '*min_val=1.0 and max_val=1.0*'
    }

    It 'builds an MLP with -Activation GELU' {
        (New-Mlp 2, 3, 1 -Activation GELU).ToString() | Should -BeLike "*GELU(approximate='none')*"
    }
}

Describe 'Measure-Loss with the newer losses' {
    BeforeAll {
        function T([double[]]$Values) { [NNTools.Tensor]::new($Values, 'Float64') }
        $logp = (T -1, -2, -0.5, -0.25).View(2, 2)
        $p = (T 0, 1, 0.5, 0.5).View(2, 2)
    }

    It 'measures KLDiv with -Reduction BatchMean and -LogTarget' {
        # F.kl_div(logp, p, reduction='batchmean'), F.kl_div(logp, p, reduction='sum', log_target=True)
        [Math]::Abs((Measure-Loss KLDiv $logp $p -Reduction BatchMean).Item() - 0.8409264097200273) | Should -BeLessThan 1e-12
        [Math]::Abs((Measure-Loss KLDiv $logp $p -Reduction Sum -LogTarget).Item() - 12.04010770910236) | Should -BeLessThan 1e-12
    }

    It 'measures PoissonNLL with and without its switches' {
        [Math]::Abs((Measure-Loss PoissonNLL (T 1, 2, 3) (T 0, 2, 5)).Item() - 3.7309582835257875) | Should -BeLessThan 1e-12
        [Math]::Abs((Measure-Loss PoissonNLL (T 1, 2, 3) (T 0, 2, 5) -NoLogInput -Full).Item() - 1.5144325683565516) | Should -BeLessThan 1e-12
    }

    It 'takes the third tensor of <Type> as -<Third>' -TestCases @(
        @{ Type = 'GaussianNLL'; Third = 'Variance'; Prediction = 1, 2; Target = 0, 0; Other = 1, 2; Options = @{}; Expected = 0.9232867951399863 }
        @{ Type = 'MarginRanking'; Third = 'Input2'; Prediction = 2, 1; Target = 1, 1; Other = 0, 3; Options = @{ Margin = 0.5 }; Expected = 1.25 }
    ) {
        $arguments = $Options.Clone()
        $arguments[$Third] = T $Other
        $loss = Measure-Loss $Type (T $Prediction) (T $Target) @arguments
        [Math]::Abs($loss.Item() - $Expected) | Should -BeLessThan 1e-12
    }

    It 'measures CosineEmbedding of rows against ±1 labels' {
        $a = (T 1, 0, 0, 1).View(2, 2)
        $b = (T 1, 1, 0, 1).View(2, 2)
        # F.cosine_embedding_loss(a, b, tensor([1, -1]), margin=0.5)
        $loss = Measure-Loss CosineEmbedding $a (New-Tensor 1, -1) -Input2 $b -Margin 0.5
        [Math]::Abs($loss.Item() - 0.3964466094064914) | Should -BeLessThan 1e-12
    }

    It 'offers -<Third> with the options of <Type>' -TestCases @(
        @{ Type = 'GaussianNLL'; Third = 'Variance'; Expected = 'Full', 'Eps', 'Variance' }
        @{ Type = 'CosineEmbedding'; Third = 'Input2'; Expected = 'Margin', 'Input2' }
    ) {
        $line = "Measure-Loss $Type `$p `$t -"
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            ForEach-Object { $_.TrimStart('-') } | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }
        @($offered) | Should -Be @(@('Reduction') + $Expected)
    }

    It 'refuses batchmean for other losses, and a three-tensor loss in Start-Training' {
        { Measure-Loss MSE (T 1) (T 2) -Reduction BatchMean -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidReduction,NNTools.Commands.MeasureLossCommand'
        $data = New-Dataset (New-Tensor -Randn -Shape 4, 2) (New-Tensor -Randn -Shape 4, 1)
        { Start-Training (New-Mlp 2, 1) $data -Loss GaussianNLL -Epochs 1 -ErrorAction Stop } | Should -Throw -ExpectedMessage '*takes three tensors*'
    }
}

Describe 'The new tensor members' {
    It 'reaches them as methods from PowerShell' {
        (New-Tensor -7, 7).FloorDivide(2).ToInt64Array() | Should -Be @(-4, 3)
        Assert-Values ((New-Tensor 0.0, 10 -DType float64).Lerp((New-Tensor 10.0, 20 -DType float64), 0.25)) 2.5, 12.5
        Assert-Values ((New-Tensor 1e-10 -DType float64).Log1p()) 9.999999999500001e-11
        (New-Tensor ([double]::PositiveInfinity), 1.0).IsInf().ToBooleanArray() | Should -Be @($true, $false)
    }
}
