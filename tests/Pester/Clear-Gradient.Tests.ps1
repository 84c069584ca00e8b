# Clear-Gradient: dropping or zeroing the gradients of tensors and models.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Clear-Gradient' {
    BeforeEach {
        $x = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        ($x * 3).Sum() | Invoke-Backward
    }

    It 'drops the gradient of a piped tensor' {
        $x | Clear-Gradient
        $x.Grad | Should -BeNullOrEmpty
    }

    It 'zeros the gradient in place with -SetToZero' {
        $grad = $x.Grad
        $x | Clear-Gradient -SetToZero
        [object]::ReferenceEquals($x.Grad, $grad) | Should -BeTrue
        $x.Grad.ToString() | Should -BeExactly 'tensor([0., 0.])'
    }

    It 'lets gradients start again from zero' {
        Clear-Gradient $x
        ($x * 3).Sum() | Invoke-Backward
        $x.Grad.ToString() | Should -BeExactly 'tensor([3., 3.])'
    }

    It 'clears every parameter of a model' {
        $model = [NNTools.NN.Linear]::new(3, 2)
        $model.Forward((New-Tensor -Ones -Shape 4, 3)).Sum() | Invoke-Backward
        $model.Weight.Grad | Should -Not -BeNullOrEmpty
        $model | Clear-Gradient
        foreach ($p in $model.Parameters()) { $p.Grad | Should -BeNullOrEmpty }
    }

    It 'passes its inputs through with -PassThru' {
        ($x | Clear-Gradient -PassThru) | Should -Be $x
    }

    It 'reports other objects with NotTensorOrModule' {
        { 'text' | Clear-Gradient -ErrorAction Stop } | Should -Throw -ErrorId 'NotTensorOrModule,NNTools.Commands.ClearGradientCommand'
    }
}
