# Tutorial 004 (neural networks with PyTorch), tensor part: from .NET arrays, dtype, indexing,
# randn_like, transpose and matmul, batching over leading dimensions.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    Set-RandomSeed 0
}

Describe 'Tutorial 004: PyTorch tensors' {
    BeforeAll {
        # x = torch.from_numpy(np.random.randn(5, 3)).float(): a float64 .NET array made float32.
        $array = [double[,]]::new(5, 3)
        foreach ($i in 0..4) { foreach ($j in 0..2) { $array[$i, $j] = $i - $j / 2 } }
        $x = (New-Tensor -Data $array).Float()
    }

    It 'keeps the shape and converts the dtype' {
        (New-Tensor -Data $array).DType | Should -Be 'Float64'
        $x.Shape | Should -Be @(5, 3)
        $x.DType | Should -Be 'Float32'
        $x.DTypeName | Should -Be 'float32'
    }

    It 'indexes x[0] and x[:2, :2]' {
        $x[0].ToString() | Should -BeExactly 'tensor([ 0.0000, -0.5000, -1.0000])'
        $x[':2, :2'].Shape | Should -Be @(2, 2)
    }

    It 'multiplies by randn_like(x)' {
        $y = New-Tensor -Randn -Like $x
        $y.Shape | Should -Be @(5, 3)
        ($x * $y).Shape | Should -Be @(5, 3)
    }

    It 'computes x^T y with transpose and matmul' {
        $y = New-Tensor -Randn -Like $x
        $z = $x.Transpose(1, 0).MatMul($y)
        $z.Shape | Should -Be @(3, 3)
        $expected = ($x[':, 1'] * $y[':, 2']).Sum()
        $z['1, 2'] | Should -BeTensor $expected -RelativeTolerance 1e-5 -AbsoluteTolerance 1e-6
        $z.ToArray().GetType() | Should -Be ([float[,]])
    }

    It 'batches a linear map over leading dimensions' {
        $w = New-Tensor -Randn -Shape 2, 1
        (New-Tensor -Randn -Shape 100, 2).MatMul($w).Shape | Should -Be @(100, 1)
        (New-Tensor -Randn -Shape 20, 30, 100, 2).MatMul($w).Shape | Should -Be @(20, 30, 100, 1)
    }
}
