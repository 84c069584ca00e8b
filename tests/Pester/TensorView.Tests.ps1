# The views in NNTools.Format.ps1xml, asserted on the text a user sees (through Out-String).
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Tensor default view' {
    It 'prints the tensor as PyTorch does' {
        $text = New-Tensor -Data @(@(1, 2), @(3, 4)) -DType float32 | Out-String
        $text | Should -Match 'tensor\(\[\[1\., 2\.\],'
        $text | Should -Match '\s+\[3\., 4\.\]\]\)'
    }

    It 'shows the dtype when it is not the default, and requires_grad' {
        New-Tensor -Data 1, 2 -DType float64 | Out-String | Should -Match 'tensor\(\[1\., 2\.\], dtype=torch\.float64\)'
        New-Tensor -Data 1.5 -RequiresGrad | Out-String | Should -Match 'tensor\(1\.5000, requires_grad=True\)'
    }

    It 'shows grad_fn for computed tensors' {
        $x = New-Tensor -Data 1.0, 2.0 -RequiresGrad
        ($x * 2).Sum() | Out-String | Should -Match 'tensor\(6\., grad_fn=<SumBackward0>\)'
    }

    It 'renders every line of a matrix, aligned as PyTorch aligns them' {
        $lines = @(New-Tensor -Data @(@(1, -2), @(30, 4)) | Out-String -Stream | Where-Object { $_ })
        $lines | Should -HaveCount 2
        $lines[0] | Should -BeExactly 'tensor([[ 1, -2],'
        $lines[1] | Should -BeExactly '        [30,  4]])'
    }
}

Describe 'Tensor Shape view' {
    It 'is a table of shape, dtype, requires-grad and grad_fn' {
        $x = New-Tensor -Ones -Shape 2, 3 -RequiresGrad
        $y = $x * 2
        # -Force, as for error records: the default view is out of band and would win otherwise.
        $lines = @($x, $y | Format-Table -View Shape -Force | Out-String -Stream | Where-Object { $_ })
        $lines[0] | Should -Match '^Shape\s+DType\s+RequiresGrad\s+GradFn$'
        $lines[2] | Should -Match '^\[2, 3\]\s+float32\s+True\s*$'
        $lines[3] | Should -Match '^\[2, 3\]\s+float32\s+True\s+MulBackward0$'
    }
}

Describe 'Generator view' {
    It 'shows which generator and its seed' {
        $text = Set-RandomSeed -Seed 42 -PassThru | Out-String
        $text | Should -Match 'Generator\s+InitialSeed'
        $text | Should -Match 'default\s+42'
    }
}

Describe 'Out-String' {
    It 'formats to -Width' {
        $row = [pscustomobject]@{ Name = 'x' * 200 }
        $row | Out-String -Width 50 -Stream | ForEach-Object { $_.Length | Should -BeLessOrEqual 50 }
    }
}
