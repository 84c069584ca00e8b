# Autograd beyond backward(): create_graph, torch.autograd.grad, .data and inference mode, as scripts use them.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Higher-order gradients' {
    It 'Invoke-Backward -CreateGraph leaves a gradient that can be differentiated again' {
        $x = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        Invoke-Backward $x.Pow(3).Sum() -CreateGraph
        $first = $x.Grad
        $first.GradFn | Should -Not -BeNullOrEmpty
        $x.Grad = $null
        Invoke-Backward $first.Sum()
        $x.Grad.ToString() | Should -BeExactly 'tensor([ 6., 12.])'
    }

    It 'Autograd.Grad returns gradients without touching Grad, and differentiates them again' {
        $x = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        $g = [NNTools.Autograd.Autograd]::Grad($x.Pow(3).Sum(), $x, $null, $null, $true, $false)
        $g.ToString() | Should -Match '^tensor\(\[ 3\., 12\.\]'
        $x.Grad | Should -BeNullOrEmpty
        $h = [NNTools.Autograd.Autograd]::Grad($g.Sum(), $x)
        $h.ToString() | Should -BeExactly 'tensor([ 6., 12.])'
    }

    It 'reports an unused input with its error id' {
        $x = New-Tensor -Data 1.0 -RequiresGrad
        $z = New-Tensor -Data 1.0 -RequiresGrad
        { [NNTools.Autograd.Autograd]::Grad([NNTools.Tensor[]]@(($x * 2).Sum()), [NNTools.Tensor[]]@($x, $z), $null, $null, $false, $false) } |
            Should -Throw -ErrorId 'GradUnusedInput'
    }
}

Describe 'Tensor.Data' {
    It 'updates a parameter in place without a no-grad scope' {
        $w = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        ($w * $w).Sum() | Invoke-Backward
        $null = $w.Data.Sub_($w.Grad * 0.5)
        $w.ToString() | Should -BeExactly 'tensor([0., 0.], requires_grad=True)'
        $w.IsLeaf | Should -BeTrue
    }

    It 'refuses integer data for a tensor that requires grad' {
        $w = New-Tensor -Data 1.0 -RequiresGrad
        { $w.Data = New-Tensor -Data 1, 2 } | Should -Throw -ErrorId 'DataDType'
    }
}

Describe 'Invoke-NoGrad -InferenceMode' {
    It 'makes inference tensors that autograd refuses to save' {
        $i = Invoke-NoGrad -InferenceMode { New-Tensor -Data 1.0, 2.0 }
        $i.IsInference() | Should -BeTrue
        $x = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        { $x.Mul($i) } | Should -Throw -ErrorId 'InferenceTensorSaved'
        $i.Clone().IsInference() | Should -BeFalse
    }

    It 'records again after the block' {
        $x = New-Tensor -Data 1.0 -RequiresGrad
        $null = Invoke-NoGrad -InferenceMode { $x * 2 }
        [NNTools.Autograd.GradMode]::IsInferenceModeEnabled | Should -BeFalse
        ($x * 2).RequiresGrad | Should -BeTrue
    }
}
