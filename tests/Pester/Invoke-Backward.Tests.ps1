# Invoke-Backward: gradients as the tutorials compute them, accumulation, and a freed graph.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Invoke-Backward' {
    It 'computes dy/dx = 2x + 1 for y = (x**2 + x).sum()' {
        $x = New-Tensor -Data 1.0, 2.0, 3.0 -RequiresGrad
        $y = ($x.Pow(2) + $x).Sum()
        $y | Invoke-Backward
        $x.Grad.ToString() | Should -BeExactly 'tensor([3., 5., 7.])'
    }

    It 'accumulates gradients across two backward calls' {
        $x = New-Tensor -Data 1.0, 2.0, 3.0 -RequiresGrad
        $y = ($x.Pow(2) + $x).Sum()
        $y | Invoke-Backward -RetainGraph
        $y | Invoke-Backward
        $x.Grad.ToString() | Should -BeExactly 'tensor([ 6., 10., 14.])'
    }

    It 'fails a second backward through a freed graph with BackwardTwice' {
        $x = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        $y = ($x * $x).Sum()
        $y | Invoke-Backward
        { $y | Invoke-Backward -ErrorAction Stop } | Should -Throw -ErrorId 'BackwardTwice,NNTools.Commands.InvokeBackwardCommand'
    }

    It 'gives the gradients of w * x + b (tutorial 002)' {
        $w = New-Tensor -Data @(1.0) -RequiresGrad
        $x = New-Tensor -Data @(2.0) -RequiresGrad
        $b = New-Tensor -Data @(3.0) -RequiresGrad
        $y = $w * $x + $b
        $y.Item() | Should -Be 5
        Invoke-Backward $y
        $w.Grad.Item() | Should -Be 2
        $x.Grad.Item() | Should -Be 1
        $b.Grad.Item() | Should -Be 1
    }

    It 'takes -Gradient for a non-scalar tensor' {
        $x = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        $y = $x * 3
        Invoke-Backward -Tensor $y -Gradient (New-Tensor -Data 1.0, 0.5)
        $x.Grad.ToString() | Should -BeExactly 'tensor([3.0000, 1.5000])'
    }

    It 'needs -Gradient for a non-scalar tensor' {
        $y = (New-Tensor -Data 1.0, 2.0 -RequiresGrad) * 3
        { Invoke-Backward $y -ErrorAction Stop } | Should -Throw -ErrorId 'ImplicitGradNonScalar,NNTools.Commands.InvokeBackwardCommand'
    }

    It 'passes the tensor through with -PassThru' {
        $y = (New-Tensor -Data 2.0 -RequiresGrad).Pow(2)
        (Invoke-Backward $y -PassThru) | Should -Be $y
    }

    It 'matches the analytic gradient of sigmoid(w . x) (tutorial 004)' {
        $w = New-Tensor -Data 0.5, -1.0 -RequiresGrad
        $x = New-Tensor -Data 2.0, 1.5
        $f = $w.Dot($x).Sigmoid()
        $f | Invoke-Backward
        $analytic = Invoke-NoGrad { $f * (1 - $f) * $x }
        $w.Grad | Should -BeTensor $analytic
    }
}
