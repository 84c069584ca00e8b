# Test-Gradient: autograd against finite differences, per input and per model parameter.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    Set-RandomSeed 0
}

Describe 'Test-Gradient with a script block' {
    It 'passes for a correct gradient, one result per input that requires grad' {
        $a = New-Tensor -Randn -Shape 3 -DType float64 -RequiresGrad
        $b = New-Tensor -Randn -Shape 3 -DType float64 -RequiresGrad
        $c = New-Tensor -Randn -Shape 3 -DType float64
        $results = @(Test-Gradient { param($x, $y, $z) ($x * $y + $z).Tanh().Sum() } $a, $b, $c)
        $results | Should -HaveCount 2
        $results.Name -join ',' | Should -Be 'args[0],args[1]'
        foreach ($r in $results) {
            $r.Passed | Should -BeTrue
            $r.MaxAbsError | Should -BeLessThan 1e-6
            $r.Shape | Should -Be @(3)
        }
    }

    It 'checks a hand-written backward against autograd through a custom function' {
        $x = New-Tensor -Randn -Shape 4, 3 -DType float64 -RequiresGrad
        $w = New-Tensor -Randn -Shape 3, 2 -DType float64 -RequiresGrad
        $r = Test-Gradient { $args[0].MatMul($args[1]).Relu().Pow(2).Mean() } $x, $w
        @($r | Where-Object { -not $_.Passed }) | Should -HaveCount 0
    }

    It 'fails when the function is not differentiable where autograd says it is' {
        # Detach hides the dependence from autograd, so its gradient is zero while the numeric one is not.
        $x = New-Tensor -Data 1.0, 2.0 -DType float64 -RequiresGrad
        $r = Test-Gradient { param($v) $v.Sum() + $v.Detach().Pow(2).Sum() } $x
        $r.Passed | Should -BeFalse
        $r.MaxAbsError | Should -BeGreaterThan 1
    }

    It 'reports NothingToCheck when no input requires grad' {
        { Test-Gradient { $args[0].Sum() } (New-Tensor -Data 1.0 -DType float64) } | Should -Throw -ErrorId 'NothingToCheck,NNTools.Commands.TestGradientCommand'
    }

    It 'reports NotOneTensor when the block returns something else' {
        $x = New-Tensor -Data 1.0 -DType float64 -RequiresGrad
        { Test-Gradient { 1, 2 } $x } | Should -Throw -ErrorId 'NotOneTensor,NNTools.Commands.TestGradientCommand'
    }
}

Describe 'Test-Gradient with a model' {
    It 'checks every parameter by name and leaves the model as it was' {
        $model = [NNTools.NN.Linear]::new(3, 2, $true, [NNTools.DType]::Float64)
        $before = $model.Weight.Clone()
        $input = New-Tensor -Randn -Shape 5, 3 -DType float64
        $results = @($model | Test-Gradient -Input $input)
        $results.Name -join ',' | Should -Be 'weight,bias'
        $results.Passed -contains $false | Should -BeFalse
        $model.Weight.Eq($before).All().Item() | Should -BeTrue
        $model.Weight.Grad | Should -BeNullOrEmpty
    }
}
