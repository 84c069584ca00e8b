BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Invoke-Model' {
    BeforeEach {
        [void][NNTools.Tensor]::ManualSeed(0)
        $model = New-Mlp 3, 4, 2
    }

    It 'runs the forward pass: the same as Forward' {
        $x = [NNTools.Tensor]::Randn(5, 3)
        $y = Invoke-Model $model $x
        $y.Shape | Should -Be @(5, 2)
        $y.Equal($model.Forward($x)) | Should -BeTrue
    }

    It 'gives one output per tensor piped in' {
        $outputs = @([NNTools.Tensor]::Randn(1, 3), [NNTools.Tensor]::Randn(7, 3)) | Invoke-Model $model
        $outputs | Should -HaveCount 2
        $outputs[1].Shape | Should -Be @(7, 2)
    }

    It 'records the graph unless told -NoGrad' {
        $x = [NNTools.Tensor]::Randn(2, 3)
        (Invoke-Model $model $x).RequiresGrad | Should -BeTrue
        (Invoke-Model $model $x -NoGrad).RequiresGrad | Should -BeFalse
    }

    It 'names both shapes when the input does not fit' {
        { Invoke-Model $model ([NNTools.Tensor]::Randn(5, 2)) -ErrorAction Stop } |
            Should -Throw -ErrorId 'LinearInputShape,NNTools.Commands.InvokeModelCommand' -ExpectedMessage '*5x2*3x4*'
    }

    It 'goes on with the next input after a bad one' {
        $outputs = @([NNTools.Tensor]::Randn(5, 2), [NNTools.Tensor]::Randn(5, 3)) | Invoke-Model $model -ErrorAction SilentlyContinue -ErrorVariable problems
        $outputs | Should -HaveCount 1
        $problems | Should -HaveCount 1
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}
