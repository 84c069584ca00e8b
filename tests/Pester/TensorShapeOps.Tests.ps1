# Sorting, order statistics, shape ops, scatter and einsum as a PyTorch user calls them from
# PowerShell: methods on tensors, results with .Values and .Indices, static [NNTools.Tensor]::Einsum.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Sorting and order statistics' {
    It 'sorts descending and gives .Values and .Indices, as torch.sort' {
        $r = (New-Tensor 3., 1, 2).Sort(0, $true)
        $r.Values.ToString() | Should -BeExactly 'tensor([3., 2., 1.])'
        $r.Indices.ToString() | Should -BeExactly 'tensor([0, 2, 1])'
    }

    It 'takes the k largest, the k-th smallest, the median and the mode' {
        $x = New-Tensor 1., 3, 1, 3, 2
        $x.Topk(2).Values.ToString() | Should -BeExactly 'tensor([3., 3.])'
        $x.Kthvalue(3).Values.Item() | Should -Be 2
        $x.Median().Item() | Should -Be 2
        $x.Mode().Values.Item() | Should -Be 1
        $x.Argsort().ToString() | Should -BeExactly 'tensor([0, 2, 4, 1, 3])'
    }

    It 'gives unique values with their counts' {
        $u = (New-Tensor 3, 1, 3, 3).Unique($true, $false, $true)
        $u.Values.ToString() | Should -BeExactly 'tensor([1, 3])'
        $u.Counts.ToString() | Should -BeExactly 'tensor([1, 3])'
        $u.Inverse | Should -BeNullOrEmpty
    }

    It 'splits the gradient of Amax among ties' {
        $x = New-Tensor 4., 4, 1 -RequiresGrad
        $x.Amax().Backward()
        $x.Grad.ToString() | Should -BeExactly 'tensor([0.5000, 0.5000, 0.0000])'
    }

    It 'refuses a k past the dim with the engine''s error id' {
        { (New-Tensor 1., 2).Topk(3) } | Should -Throw -ErrorId 'TopkOutOfRange'
    }
}

Describe 'Shape ops' {
    It 'keeps a triangle, takes a diagonal and a trace' {
        $m = (New-Tensor -Arange 9).Reshape(3, 3)
        $m.Tril().Sum().Item() | Should -Be 28
        $m.Diagonal(1).ToString() | Should -BeExactly 'tensor([1, 5])'
        $m.Trace().Item() | Should -Be 12
        (New-Tensor 1., 2).Diag().Shape | Should -Be @(2, 2)
    }

    It 'rolls, tiles and moves dims' {
        (New-Tensor 1, 2, 3).Roll(1).ToString() | Should -BeExactly 'tensor([3, 1, 2])'
        (New-Tensor 1, 2).Tile(2).ToString() | Should -BeExactly 'tensor([1, 2, 1, 2])'
        (New-Tensor -Zeros -Shape 2, 3, 4).Movedim(0, -1).Shape | Should -Be @(3, 4, 2)
        (New-Tensor -Zeros -Shape 2, 3).Swapaxes(0, 1).Shape | Should -Be @(3, 2)
    }

    It 'scatters, adds and takes by index' {
        $z = New-Tensor -Zeros -Shape 3
        $z.Scatter(0, (New-Tensor 2, 0), (New-Tensor 5., 7)).ToString() | Should -BeExactly 'tensor([7., 0., 5.])'
        $z.IndexAdd(0, (New-Tensor 1, 1), (New-Tensor 1., 2)).ToString() | Should -BeExactly 'tensor([0., 3., 0.])'
        (New-Tensor 4, 5, 6).Take((New-Tensor -1, 0)).ToString() | Should -BeExactly 'tensor([6, 4])'
    }
}

Describe 'Einsum and fused products' {
    It 'multiplies matrices with [NNTools.Tensor]::Einsum' {
        $a = (New-Tensor -Arange 6 -DType float32).Reshape(2, 3)
        $b = (New-Tensor -Arange 6 -DType float32).Reshape(3, 2)
        [NNTools.Tensor]::Einsum('ij,jk->ik', $a, $b).ToString() | Should -BeExactly $a.MatMul($b).ToString()
        [NNTools.Tensor]::Einsum('ii', $a.MatMul($b)).Item() | Should -Be 50
    }

    It 'ignores the input of Addmm when beta is 0' {
        $nan = New-Tensor -Full -Value ([double]::NaN) -Shape 2, 2
        $eye = New-Tensor -Eye 2
        $nan.Addmm($eye, $eye, 0, 1).ToString() | Should -BeExactly 'tensor([[1., 0.],
        [0., 1.]])'
    }

    It 'names a bad equation with the engine''s error id' {
        { [NNTools.Tensor]::Einsum('ij,jk', (New-Tensor 1., 2)) } | Should -Throw -ErrorId 'EinsumOperandCount'
    }
}
