# Tutorial 003 (CSE447 assignment 0), part 1: creation, dtypes, ragged input, arange/view/reshape,
# sums and std over dims, indexing, sigmoid and relu.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Tutorial 003: tensors' {
    It 'creates tensors from lists of lists' {
        (New-Tensor -Data @(@(1, 2, 3), @(4, 5, 6))).ToString() | Should -BeExactly "tensor([[1, 2, 3],`n        [4, 5, 6]])"
    }

    It 'refuses ragged lists' {
        { New-Tensor -Data @(@(0, 1), @(2, 3, 4)) } | Should -Throw -ErrorId 'RaggedInput,NNTools.Commands.NewTensorCommand'
    }

    It 'prints dots for float32, and infers float32 from one float' {
        (New-Tensor -Data @(@(0, 1), @(2, 3), @(4, 5)) -DType torch.float32).ToString() | Should -BeExactly "tensor([[0., 1.],`n        [2., 3.],`n        [4., 5.]])"
        $t = New-Tensor -Data @(@(0.11111111, 1), @(2, 3), @(4, 5))
        $t.DType | Should -Be 'Float32'
        $t.ToString() | Should -BeExactly "tensor([[0.1111, 1.0000],`n        [2.0000, 3.0000],`n        [4.0000, 5.0000]])"
    }

    It 'makes zeros, ones and rand with shapes' {
        (New-Tensor -Zeros 2, 5).Shape | Should -Be @(2, 5)
        (New-Tensor -Ones 3, 4).Sum().Item() | Should -Be 12
        (New-Tensor -Rand 3, 3).Shape | Should -Be @(3, 3)
    }

    It 'does arithmetic on rr = arange(1, 10)' {
        $rr = New-Tensor -Arange -Start 1 -End 10
        $rr.ToString() | Should -BeExactly 'tensor([1, 2, 3, 4, 5, 6, 7, 8, 9])'
        ($rr + 2).ToString() | Should -BeExactly 'tensor([ 3,  4,  5,  6,  7,  8,  9, 10, 11])'
        ($rr * 2).ToString() | Should -BeExactly 'tensor([ 2,  4,  6,  8, 10, 12, 14, 16, 18])'
        $rr.Pow(2).ToString() | Should -BeExactly 'tensor([ 1,  4,  9, 16, 25, 36, 49, 64, 81])'
        ($rr % 3).ToString() | Should -BeExactly 'tensor([1, 2, 0, 1, 2, 0, 1, 2, 0])'
    }

    It 'multiplies a (3, 2) by b (2, 4)' {
        $a = New-Tensor -Data @(@(1, 2), @(2, 3), @(4, 5))
        $b = New-Tensor -Data @(@(1, 2, 3, 4), @(5, 6, 7, 8))
        $a.MatMul($b).ToString() | Should -BeExactly "tensor([[11, 14, 17, 20],`n        [17, 22, 27, 32],`n        [29, 38, 47, 56]])"
    }

    It 'has the shape of a 3-d tensor' {
        $m = New-Tensor -Data @(@(@(1, 2, 3, 4), @(-2, 5, 6, 9)), @(@(5, 6, 7, 2), @(8, 9, 10, 4)), @(@(-3, 2, 2, 1), @(4, 6, 5, 9)))
        $m.Shape | Should -Be @(3, 2, 4)
    }

    It 'views arange(1, 16) as 5 x 3' {
        $rr = (New-Tensor -Arange -Start 1 -End 16).View(5, 3)
        $rr.Shape | Should -Be @(5, 3)
        $rr['4'].ToString() | Should -BeExactly 'tensor([13, 14, 15])'
    }

    It 'sums and takes std over dims of arange(1, 36).reshape(5, 7)' {
        $data = (New-Tensor -Arange -Start 1 -End 36 -DType float32).Reshape(5, 7)
        $data.Sum(0).ToString() | Should -BeExactly 'tensor([ 75.,  80.,  85.,  90.,  95., 100., 105.])'
        $data.Sum(1).ToString() | Should -BeExactly 'tensor([ 28.,  77., 126., 175., 224.])'
        $data.Std(1).ToString() | Should -BeExactly 'tensor([2.1602, 2.1602, 2.1602, 2.1602, 2.1602])'
        $data.Sum().Item() | Should -Be 630
    }

    It 'indexes a 3 x 2 x 2 tensor' {
        $x = New-Tensor -Data @(@(@(1, 2), @(3, 4)), @(@(5, 6), @(7, 8)), @(@(9, 10), @(11, 12))) -DType float32
        $x.Shape | Should -Be @(3, 2, 2)
        $x[0].ToString() | Should -BeExactly "tensor([[1., 2.],`n        [3., 4.]])"
        $x[':, 0'].ToString() | Should -BeExactly "tensor([[ 1.,  2.],`n        [ 5.,  6.],`n        [ 9., 10.]])"
        $x['1, :, 0'].ToString() | Should -BeExactly 'tensor([5., 7.])'
    }

    It 'applies sigmoid and relu' {
        $x = New-Tensor -Data @(-1.5330, 0.4530, -0.7361, -0.3403, 2.4078)
        $x.Sigmoid().ToString() | Should -BeExactly 'tensor([0.1776, 0.6114, 0.3239, 0.4157, 0.9174])'
        $x.Relu().ToString() | Should -BeExactly 'tensor([0.0000, 0.4530, 0.0000, 0.0000, 2.4078])'
    }
}
