# Invoke-NoGrad: torch.no_grad() as a script block, closed however the block ends.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Invoke-NoGrad' {
    It 'records no graph inside the block and writes its output' {
        $x = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        $y = Invoke-NoGrad { $x * 2 }
        $y.RequiresGrad | Should -BeFalse
        $y.GradFn | Should -BeNullOrEmpty
    }

    It 'records again after the block' {
        $x = New-Tensor -Data 1.0 -RequiresGrad
        $null = Invoke-NoGrad { $x * 2 }
        ($x * 2).RequiresGrad | Should -BeTrue
    }

    It 'runs in the caller''s scope' {
        $x = New-Tensor -Data 1.0 -RequiresGrad
        Invoke-NoGrad { $z = $x + 1 }
        $z.RequiresGrad | Should -BeFalse
    }

    It 'allows the in-place update of a parameter (a gradient-descent step)' {
        $w = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        ($w * $w).Sum() | Invoke-Backward
        Invoke-NoGrad { $null = $w.Sub_($w.Grad * 0.5) }
        $w.ToString() | Should -BeExactly 'tensor([0., 0.], requires_grad=True)'
        $w.IsLeaf | Should -BeTrue
    }

    It 'ends the no-grad scope when the block throws' {
        $x = New-Tensor -Data 1.0 -RequiresGrad
        { Invoke-NoGrad { throw 'boom' } } | Should -Throw -ExpectedMessage 'boom'
        ($x * 2).RequiresGrad | Should -BeTrue
    }

    It 'ends the no-grad scope when a later command stops the pipeline while it writes' {
        # A downstream error unwinds through Invoke-NoGrad's output, as a stopped pipeline does.
        try { Invoke-NoGrad { 1 } | ForEach-Object { throw 'downstream' } } catch { $_.Exception.Message | Should -Be 'downstream' }
        [NNTools.Autograd.GradMode]::IsEnabled | Should -BeTrue
    }

    It 'nests' {
        $x = New-Tensor -Data 1.0 -RequiresGrad
        $inner = Invoke-NoGrad { Invoke-NoGrad { $x * 2 }; ($x * 3).RequiresGrad }
        $inner[1] | Should -BeFalse
        ($x * 2).RequiresGrad | Should -BeTrue
    }

    It 'passes -ArgumentList as $args' {
        Invoke-NoGrad { $args[0] + $args[1] } 2 3 | Should -Be 5
    }
}
