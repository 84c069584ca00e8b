# Tutorial 002 (exercise 0), tensor part: elementwise arithmetic, 3x3x3 stacks, long tensors, w*x + b.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $A1 = New-Tensor -Data @(@(1, 2, 3), @(2, 3, 4), @(4, 5, 6))
}

Describe 'Tutorial 002: tensor manipulation' {
    It 'x_2 = x_1 * 3' {
        ((New-Tensor -Data 1, 2, 3) * 3).ToString() | Should -BeExactly 'tensor([3, 6, 9])'
    }

    It 'stacks three copies of A_1 into a 3 x 3 x 3 tensor' {
        $A2 = [NNTools.Tensor]::Stack(@($A1, $A1, $A1))
        $A2.Shape | Should -Be @(3, 3, 3)
        $A2['2'].Eq($A1).All().Item() | Should -BeTrue
    }

    It 'exercise 1.1 and 1.2: (3A, 2A + A, 10A - 2) * 10' {
        $T0 = [NNTools.Tensor]::Stack(@(($A1 * 3), ($A1 * 2 + $A1), ($A1 * 10 - 2)))
        $T = 10 * $T0
        $T.DType | Should -Be 'Int64'
        $T['0'].ToString() | Should -BeExactly "tensor([[ 30,  60,  90],`n        [ 60,  90, 120],`n        [120, 150, 180]])"
        $T['2'].ToString() | Should -BeExactly "tensor([[ 80, 180, 280],`n        [180, 280, 380],`n        [380, 480, 580]])"
    }

    It 'X_1 = Tensor(...).long() minus A_1' {
        $X1 = (New-Tensor -Data @(@(1, 2, 3), @(2, 3, 4), @(3, 4, 5)) -DType float32).Long()
        $X1.DType | Should -Be 'Int64'
        $X1.Shape | Should -Be @(3, 3)
        ($X1 - $A1).ToString() | Should -BeExactly "tensor([[ 0,  0,  0],`n        [ 0,  0,  0],`n        [-1, -1, -1]])"
    }

    It 'y = w * x + b at (2, 3, 5) is 11, and g = w x x + b is 23' {
        $w = New-Tensor -Data @(2.0) -RequiresGrad
        $x = New-Tensor -Data @(3.0) -RequiresGrad
        $b = New-Tensor -Data @(5.0) -RequiresGrad
        ($w * $x + $b).Item() | Should -Be 11
        $g = $w * $x * $x + $b
        $g.Item() | Should -Be 23
        $g | Invoke-Backward
        $w.Grad.Item() | Should -Be 9
        $x.Grad.Item() | Should -Be 12
        $b.Grad.Item() | Should -Be 1
    }
}
