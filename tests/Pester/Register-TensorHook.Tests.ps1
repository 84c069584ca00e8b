# Register-TensorHook: tensor.register_hook with a script block, on the pipeline thread that runs backward.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Register-TensorHook' {
    It 'replaces a leaf''s gradient before it reaches Grad, and Remove() unregisters it' {
        $x = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        $h = Register-TensorHook $x { param($g) $g * 2 }
        $h | Should -BeOfType NNTools.Autograd.HookHandle
        Invoke-Backward ($x * 3).Sum()
        $x.Grad.ToString() | Should -BeExactly 'tensor([6., 6.])'
        $h.Remove()
        Clear-Gradient $x
        Invoke-Backward ($x * 3).Sum()
        $x.Grad.ToString() | Should -BeExactly 'tensor([3., 3.])'
    }

    It 'sees a computed tensor''s gradient and keeps it when the block outputs nothing' {
        $x = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        $y = $x * 2
        $script:seen = $null
        $null = $y | Register-TensorHook -ScriptBlock { $script:seen = $args[0] }
        Invoke-Backward $y.Sum()
        $script:seen.ToString() | Should -BeExactly 'tensor([1., 1.])'
        $x.Grad.ToString() | Should -BeExactly 'tensor([2., 2.])'
    }

    It 'runs hooks in registration order' {
        $x = New-Tensor -Data 1.0 -RequiresGrad
        $null = Register-TensorHook $x { param($g) $g + 1 }
        $null = Register-TensorHook $x { param($g) $g * 2 }
        Invoke-Backward ($x * 3).Sum()
        $x.Grad.ToString() | Should -BeExactly 'tensor(8.)'
    }

    It 'runs during Start-Training, whose backward pass runs on the pipeline thread' {
        [void][NNTools.Tensor]::ManualSeed(0)
        $x = [NNTools.Tensor]::Linspace(-1, 1, 16).Unsqueeze(1)
        $model = New-Sequential (New-Layer Linear 1 4), (New-Layer Tanh), (New-Layer Linear 4 1)
        $weight = $model.Parameters()[0]
        $script:calls = 0
        $null = Register-TensorHook $weight { param($g) $script:calls++; $g * 0 }
        $before = $weight.Clone()
        $null = Start-Training $model (New-Dataset $x (2 * $x + 1)) MSE -Epochs 2 -LearningRate 0.1 -BatchSize 8
        $script:calls | Should -Be 4
        # The hook zeroed the first layer's gradient, so the optimizer left that weight where it was.
        $weight.Equal($before) | Should -BeTrue
    }

    It 'fails the backward pass with HookResult when the block outputs something else' {
        $x = New-Tensor -Data 1.0 -RequiresGrad
        $null = Register-TensorHook $x { 'not a tensor' }
        { Invoke-Backward ($x * 3).Sum() -ErrorAction Stop } | Should -Throw -ErrorId 'HookResult,NNTools.Commands.InvokeBackwardCommand'
    }

    It 'refuses a tensor that does not require grad' {
        { Register-TensorHook (New-Tensor -Data 1.0) { $args[0] } -ErrorAction Stop } |
            Should -Throw -ErrorId 'HookNoGrad,NNTools.Commands.RegisterTensorHookCommand'
    }

    It 'refuses to run the block from another runspace''s thread' {
        $x = New-Tensor -Data 1.0 -RequiresGrad
        $null = Register-TensorHook $x { param($g) $g * 2 }
        $y = ($x * 3).Sum()
        $result = $y | ForEach-Object -Parallel {
            try { $_.Backward(); 'ran' } catch { $_.Exception.ToString() }
        }
        $result | Should -Match 'HookRunspace|another runspace'
        $x.Grad | Should -BeNullOrEmpty
    }
}
