# New-Tensor: data, the pipeline and every factory, with PyTorch's dtype rules.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'New-Tensor -Data' {
    It 'infers int64 from integers, float32 from floats, bool from booleans' {
        (New-Tensor -Data 1, 2, 3).DType | Should -Be 'Int64'
        (New-Tensor -Data 1.5, 2).DType | Should -Be 'Float32'
        (New-Tensor -Data $true, $false).DType | Should -Be 'Bool'
    }

    It 'makes a matrix from nested arrays' {
        $t = New-Tensor -Data @(@(1, 2, 3), @(4, 5, 6))
        $t.Shape | Should -Be @(2, 3)
        $t['1, 2'].Item() | Should -Be 6
    }

    It 'reads negative numbers written in argument mode (PowerShell passes them as text)' {
        (New-Tensor -Data 1, -2, 3).ToString() | Should -BeExactly 'tensor([ 1, -2,  3])'
        (New-Tensor -Data 0.5, -1.0).ToString() | Should -BeExactly 'tensor([ 0.5000, -1.0000])'
    }

    It 'refuses text that is not a number with the engine id' {
        { New-Tensor -Data 1, 'abc' } | Should -Throw -ErrorId 'InvalidElement,NNTools.Commands.NewTensorCommand'
    }

    It 'makes a 0-d tensor from a number' {
        $t = New-Tensor -Data 7.5
        $t.Ndim | Should -Be 0
        $t.Item() | Should -Be 7.5
    }

    It 'takes the dtype by <Name>' -ForEach @(
        @{ Name = 'float64'; Expected = 'Float64' }
        @{ Name = 'torch.float64'; Expected = 'Float64' }
        @{ Name = 'double'; Expected = 'Float64' }
        @{ Name = 'float'; Expected = 'Float32' }
        @{ Name = 'long'; Expected = 'Int64' }
        @{ Name = 'bool'; Expected = 'Bool' }
    ) {
        (New-Tensor -Data 1, 0 -DType $Name).DType | Should -Be $Expected
    }

    It 'refuses an unknown dtype at binding' {
        { New-Tensor -Data 1 -DType complex128 } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,NNTools.Commands.NewTensorCommand'
    }

    It 'makes a leaf that requires grad' {
        $t = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        $t.RequiresGrad | Should -BeTrue
        $t.IsLeaf | Should -BeTrue
    }
}

Describe 'New-Tensor from the pipeline' {
    It 'collects piped numbers into one vector' {
        $t = 1..5 | New-Tensor
        $t | Should -BeOfType ([NNTools.Tensor])
        $t.Shape | Should -Be @(5)
        $t.ToString() | Should -BeExactly 'tensor([1, 2, 3, 4, 5])'
    }

    It 'collects piped rows into a matrix' {
        $t = @(1, 2), @(3, 4), @(5, 6) | New-Tensor -DType float32
        $t.Shape | Should -Be @(3, 2)
        $t.Sum().Item() | Should -Be 21
    }

    It 'writes one object, never the elements' {
        @(New-Tensor -Zeros -Shape 4, 4) | Should -HaveCount 1
    }
}

Describe 'New-Tensor factories' {
    It '-Zeros / -Ones / -Full fill a shape' {
        (New-Tensor -Zeros -Shape 2, 3).ToString() | Should -BeExactly "tensor([[0., 0., 0.],`n        [0., 0., 0.]])"
        (New-Tensor -Ones 2).ToString() | Should -BeExactly 'tensor([1., 1.])'
        (New-Tensor -Full -Shape 2 -Value 7 -DType int64).ToString() | Should -BeExactly 'tensor([7, 7])'
    }

    It 'makes a 0-d tensor from an empty shape' {
        (New-Tensor -Zeros -Shape @()).Ndim | Should -Be 0
    }

    It '-Rand draws from [0, 1)' {
        $t = New-Tensor -Rand -Shape 1000
        $t.Min().Item() | Should -BeGreaterOrEqual 0
        $t.Max().Item() | Should -BeLessThan 1
    }

    It '-Randint draws from [Low, High) as int64' {
        $t = New-Tensor -Randint -Low 3 -High 6 -Shape 200
        $t.DType | Should -Be 'Int64'
        $t.Min().Item() | Should -Be 3
        $t.Max().Item() | Should -Be 5
    }

    It '-Arange counts as torch.arange' {
        (New-Tensor -Arange 5).ToString() | Should -BeExactly 'tensor([0, 1, 2, 3, 4])'
        (New-Tensor -Arange -Start 1 -End 10 -Step 3).ToString() | Should -BeExactly 'tensor([1, 4, 7])'
        (New-Tensor -Arange -End 1 -Step 0.25).ToString() | Should -BeExactly 'tensor([0.0000, 0.2500, 0.5000, 0.7500])'
    }

    It '-Linspace includes both ends' {
        (New-Tensor -Linspace -1 1 5).ToString() | Should -BeExactly 'tensor([-1.0000, -0.5000,  0.0000,  0.5000,  1.0000])'
    }

    It '-Eye makes an identity (or N x M) matrix' {
        (New-Tensor -Eye 2).ToString() | Should -BeExactly "tensor([[1., 0.],`n        [0., 1.]])"
        (New-Tensor -Eye 2 3).Shape | Should -Be @(2, 3)
    }

    It '-Like takes the shape and dtype of <Kind>' -ForEach @(
        @{ Kind = 'Zeros' }, @{ Kind = 'Ones' }, @{ Kind = 'Rand' }, @{ Kind = 'Randn' }
    ) {
        $like = New-Tensor -Ones -Shape 3, 2 -DType float64
        $splat = @{ $Kind = $true; Like = $like }
        $t = New-Tensor @splat
        $t.Shape | Should -Be @(3, 2)
        $t.DType | Should -Be 'Float64'
    }

    It '-Full -Like fills with the value' {
        $t = New-Tensor -Full -Like (New-Tensor -Zeros -Shape 2) -Value 3
        $t.ToString() | Should -BeExactly 'tensor([3., 3.])'
    }

    It 'draws from -Generator when given' {
        $a = New-Tensor -Randn -Shape 3 -Generator ([NNTools.Generator]::new(7))
        $b = New-Tensor -Randn -Shape 3 -Generator ([NNTools.Generator]::new(7))
        $a.Eq($b).All().Item() | Should -BeTrue
    }

    It 'refuses a negative size' {
        { New-Tensor -Zeros -Shape 2, -1 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,NNTools.Commands.NewTensorCommand'
    }

    It 'refuses rand for an integer dtype with the engine id' {
        { New-Tensor -Rand -Shape 2 -DType int64 } | Should -Throw -ErrorId 'FloatingDTypeRequired,NNTools.Commands.NewTensorCommand'
    }
}
