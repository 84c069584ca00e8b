BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Measure-Loss' {
    It 'measures <Type> as PyTorch does' -TestCases @(
        @{ Type = 'MSE'; Prediction = @(1.0, 2.0); Target = @(0.0, 0.0); Expected = 2.5 }
        @{ Type = 'L1'; Prediction = @(1.0, -3.0); Target = @(0.0, 0.0); Expected = 2.0 }
        @{ Type = 'SmoothL1'; Prediction = @(0.5, 3.0); Target = @(0.0, 0.0); Expected = 1.3125 }
        @{ Type = 'Huber'; Prediction = @(0.5, 3.0); Target = @(0.0, 0.0); Expected = 1.3125 }
        @{ Type = 'BCE'; Prediction = @(0.5, 0.5); Target = @(1.0, 0.0); Expected = 0.6931471805599453 }
        @{ Type = 'BCEWithLogits'; Prediction = @(0.0, 0.0); Target = @(1.0, 0.0); Expected = 0.6931471805599453 }
    ) {
        $loss = Measure-Loss $Type ([NNTools.Tensor]::new($Prediction, 'Float64')) ([NNTools.Tensor]::new($Target, 'Float64'))
        [Math]::Abs($loss.Item() - $Expected) | Should -BeLessThan 1e-12
    }

    It 'measures cross-entropy against class indices' {
        $logits = [NNTools.Tensor]::new(@(, @(0.0, 0.0)), 'Float64')
        $loss = Measure-Loss CrossEntropy $logits ([NNTools.Tensor]::new(@(1)))
        [Math]::Abs($loss.Item() - [Math]::Log(2)) | Should -BeLessThan 1e-12
        $nll = Measure-Loss NLL $logits.LogSoftmax(1) ([NNTools.Tensor]::new(@(0)))
        [Math]::Abs($nll.Item() - [Math]::Log(2)) | Should -BeLessThan 1e-12
    }

    It 'reduces by -Reduction <Reduction>' -TestCases @(
        @{ Reduction = 'Mean'; Expected = @(2.5) }
        @{ Reduction = 'Sum'; Expected = @(5.0) }
        @{ Reduction = 'None'; Expected = @(1.0, 4.0) }
    ) {
        $loss = Measure-Loss MSE ([NNTools.Tensor]::new(@(1.0, 2.0))) ([NNTools.Tensor]::Zeros(2)) -Reduction $Reduction
        $loss.ToDoubleArray() | Should -Be $Expected
    }

    It 'returns a loss that backward differentiates' {
        $w = [NNTools.Tensor]::new(@(1.0, 2.0)).RequiresGrad_()
        $loss = $w | Measure-Loss MSE -Target ([NNTools.Tensor]::Zeros(2))
        $loss.Backward()
        $w.Grad.ToDoubleArray() | Should -Be @(1.0, 2.0)
    }

    It 'names both shapes when they differ' {
        $prediction = [NNTools.Tensor]::Zeros(4, 1)
        $target = [NNTools.Tensor]::Zeros(4)
        { Measure-Loss MSE $prediction $target -ErrorAction Stop } |
            Should -Throw -ErrorId 'LossShapeMismatch,NNTools.Commands.MeasureLossCommand' -ExpectedMessage '*`[4`]*`[4, 1`]*'
    }

    It 'files a shape mismatch under InvalidArgument' {
        Measure-Loss MSE ([NNTools.Tensor]::Zeros(4, 1)) ([NNTools.Tensor]::Zeros(3)) -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    # torch 1.13: F.cross_entropy(z, t, weight=w, ignore_index=0, label_smoothing=0.1) with
    # z = [[1, 2, 3], [3, 1, 0], [0, 0, 5]] (float64), t = [2, 0, 1], w = [1, 2, 1] gives 3.360135191084665;
    # F.smooth_l1_loss([0.5, 3], [0, 0], beta=2) gives 1.03125.
    It 'passes a loss type''s options to it' {
        $z = New-Tensor -Data @(@(1.0, 2, 3), @(3.0, 1, 0), @(0.0, 0, 5)) -DType float64
        $loss = Measure-Loss CrossEntropy $z (New-Tensor 2, 0, 1) -LabelSmoothing 0.1 -IgnoreIndex 0 -Weight (New-Tensor 1.0, 2, 1 -DType float64)
        [Math]::Abs($loss.Item() - 3.360135191084665) | Should -BeLessThan 1e-12
        (Measure-Loss SmoothL1 (New-Tensor 0.5, 3.0) (New-Tensor 0.0, 0.0) -Beta 2).Item() | Should -Be 1.03125
    }

    It 'completes only the options of <Type>' -TestCases @(
        @{ Type = 'CrossEntropy'; Expected = 'Weight', 'IgnoreIndex', 'LabelSmoothing' }
        @{ Type = 'BCEWithLogits'; Expected = 'Weight', 'PosWeight' }
        @{ Type = 'MSE'; Expected = @() }
    ) {
        $line = "Measure-Loss $Type `$p `$t -"
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText |
            ForEach-Object { $_.TrimStart('-') } | Where-Object { $_ -notin [System.Management.Automation.Cmdlet]::CommonParameters }
        @($offered) | Should -Be @(@('Reduction') + $Expected)
    }

    It 'completes loss names' {
        $line = 'Measure-Loss BC'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches |
            ForEach-Object { $_.CompletionText }
        $names | Should -Be @('BCE', 'BCEWithLogits')
    }

    It 'names its loss -Loss, as Start-Training and Test-Model do, and still binds -Type' {
        $p = New-Tensor 0.5, 1.5
        $y = New-Tensor 1.0, 1.0
        (Measure-Loss -Loss MSE $p $y).Item() | Should -Be 0.25
        (Measure-Loss -Type MSE $p $y).Item() | Should -Be 0.25
        (Get-Command Measure-Loss).Parameters['Loss'].Aliases | Should -Contain 'Type'
    }
}
