BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Step-Optimizer' {
    BeforeEach {
        $w = [NNTools.Tensor]::new(@(1.0, 2.0)).RequiresGrad_()
        $optimizer = New-Optimizer SGD -Parameters $w -LearningRate 0.5
        ($w * $w).Sum().Backward()
    }

    It 'takes one step from the gradients: w - lr * grad' {
        Step-Optimizer $optimizer
        $w.ToDoubleArray() | Should -Be @(0.0, 0.0)
    }

    It 'takes the optimizer from the pipeline and passes it on with -PassThru' {
        $result = $optimizer | Step-Optimizer -PassThru
        $result | Should -Be $optimizer
    }

    It 'keeps the gradients unless told -ClearGradient' {
        Step-Optimizer $optimizer
        $w.Grad | Should -Not -BeNullOrEmpty
        Step-Optimizer $optimizer -ClearGradient
        $w.Grad | Should -BeNullOrEmpty
    }
}
