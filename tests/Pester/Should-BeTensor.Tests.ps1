# Should -BeTensor, which the module adds to Pester (5 and 6) when a test file imports it: shape and
# dtype equal, values within AllClose's tolerances, a failure naming the first differing index.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Should -BeTensor' {
    It 'passes for values within the default tolerances (rtol 1e-5, atol 1e-8)' {
        New-Tensor 1.0, 2.0 | Should -BeTensor (New-Tensor 1.0, 2.00001)
        New-Tensor 1.0, ([double]::NaN) | Should -BeTensor (New-Tensor 1.0, ([double]::NaN)) -Because 'NaN equals NaN, as in assert_close'
    }

    It 'takes the expected values as numbers, in the tested tensor''s dtype' {
        New-Tensor -Data @(@(1, 2), @(3, 4)) | Should -BeTensor @(@(1, 2), @(3, 4))
    }

    It 'takes -RelativeTolerance and -AbsoluteTolerance' {
        New-Tensor 1.0, 2.1 | Should -BeTensor @(1.0, 2.0) -AbsoluteTolerance 0.2
        New-Tensor 100.0 | Should -BeTensor 101.0 -RelativeTolerance 0.02
    }

    It 'fails naming the first differing index and both values' {
        { New-Tensor -Data @(@(1.0, 2.0), @(3.0, 4.5)) | Should -BeTensor @(@(1.0, 2.0), @(3.0, 4.0)) -Because 'the weights moved' } |
            Should -Throw -ExpectedMessage 'Expected tensor(`[`[1., 2.`], `[3., 4.`]`]), because the weights moved, but at index `[1, 1`] it was 4.5, not 4 *'
    }

    It 'fails on another shape or dtype, naming both' {
        { New-Tensor 1.0, 2.0 | Should -BeTensor (New-Tensor -Zeros -Shape 3) } | Should -Throw -ExpectedMessage '*shape was `[2`], not `[3`]*'
        { New-Tensor 1.0, 2.0 | Should -BeTensor (New-Tensor -Data 1.0, 2.0 -DType float64) } | Should -Throw -ExpectedMessage '*dtype was torch.float32, not torch.float64*'
        { 3 | Should -BeTensor @(3) } | Should -Throw -ExpectedMessage '*got Int32, not a tensor*'
    }

    It 'passes with -Not when the tensors differ, and fails when they do not' {
        New-Tensor 1.0, 2.1 | Should -Not -BeTensor @(1.0, 2.0)
        { New-Tensor 1.0, 2.0 | Should -Not -BeTensor @(1.0, 2.0) } | Should -Throw -ExpectedMessage 'Expected a tensor different from*'
    }
}
