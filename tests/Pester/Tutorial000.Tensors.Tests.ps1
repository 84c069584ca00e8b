# Tutorial 000 (PyTorch intro), tensor part: shapes, + and -, broadcasting, @, *, indexing.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    # a = torch.tensor((1, 2, 3, 4)); b = torch.tensor(((5, 6, 7, 8), (-5, -6, -7, -8)))
    $a = New-Tensor -Data 1, 2, 3, 4
    $b = New-Tensor -Data @(@(5, 6, 7, 8), @(-5, -6, -7, -8))
}

Describe 'Tutorial 000: messing with tensors' {
    It 'has shapes [4] and [2, 4]' {
        $a.Shape | Should -Be @(4)
        $b.Shape | Should -Be @(2, 4)
    }

    It 'adds, subtracts and negates' {
        ($a + $a).ToString() | Should -BeExactly 'tensor([2, 4, 6, 8])'
        ($a - $a).ToString() | Should -BeExactly 'tensor([0, 0, 0, 0])'
        (-$a).ToString() | Should -BeExactly 'tensor([-1, -2, -3, -4])'
    }

    It 'broadcasts a + b' {
        ($a + $b).ToString() | Should -BeExactly "tensor([[ 6,  8, 10, 12],`n        [-4, -4, -4, -4]])"
    }

    It 'multiplies b @ a' {
        $b.MatMul($a).ToString() | Should -BeExactly 'tensor([ 70, -70])'
    }

    It 'multiplies elementwise with broadcasting' {
        ($a * $b).ToString() | Should -BeExactly "tensor([[  5,  12,  21,  32],`n        [ -5, -12, -21, -32]])"
    }

    It 'indexes b[0, 0], b[1, :], b[:, 1], b[:, :2]' {
        $b['0, 0'].Item() | Should -Be 5
        $b['1, :'].ToString() | Should -BeExactly 'tensor([-5, -6, -7, -8])'
        $b[':, 1'].ToString() | Should -BeExactly 'tensor([ 6, -6])'
        $b[':, :2'].ToString() | Should -BeExactly "tensor([[ 5,  6],`n        [-5, -6]])"
    }

    It 'makes x = linspace(-1, 1, 100) and e^x' {
        $x = New-Tensor -Linspace -1 1 100
        $x.Shape | Should -Be @(100)
        $x.Exp()[-1].Item() | Should -BeGreaterThan 2.718
        $x.Exp()[0].Item() | Should -BeLessThan 0.368
    }
}
