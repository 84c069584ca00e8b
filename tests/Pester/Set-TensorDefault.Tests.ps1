# Set-TensorDefault / Get-TensorDefault: torch.set_default_dtype and get_default_dtype, per runspace.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'Set-TensorDefault' {
    AfterEach {
        Set-TensorDefault float32
    }

    It 'makes float factories, floating data and Python floats float64' {
        Set-TensorDefault -DType float64
        (New-Tensor -Zeros -Shape 2).DTypeName | Should -Be 'float64'
        (New-Tensor -Randn -Shape 2).DTypeName | Should -Be 'float64'
        (New-Tensor -Data 1.5, 2).DTypeName | Should -Be 'float64'
        (New-Tensor -Data 1, 2).DTypeName | Should -Be 'int64'
        ((New-Tensor -Data 1, 2) * 2.5).DTypeName | Should -Be 'float64'
        (New-Tensor -Data 1.5).ToString() | Should -BeExactly 'tensor(1.5000)'
        (New-Tensor -Data 1.5 -DType float32).ToString() | Should -BeExactly 'tensor(1.5000, dtype=torch.float32)'
    }

    It 'runs the seed notebook''s torch.set_default_dtype(torch.float32)' {
        Set-TensorDefault torch.float32
        (Get-TensorDefault).DType | Should -Be ([NNTools.DType]::Float32)
        (New-Tensor -Rand -Shape 1).DTypeName | Should -Be 'float32'
    }

    It 'writes the settings with -PassThru and nothing without' {
        (Set-TensorDefault double -PassThru).DType | Should -Be ([NNTools.DType]::Float64)
        Set-TensorDefault float32 | Should -BeNullOrEmpty
    }

    It 'leaves other runspaces at float32' {
        Set-TensorDefault float64
        $other = 1..2 | ForEach-Object -Parallel {
            Import-Module NNTools
            (New-Tensor -Zeros -Shape 1).DTypeName
        }
        $other | Should -Be @('float32', 'float32')
        (Get-TensorDefault).DType | Should -Be ([NNTools.DType]::Float64)
    }

    It 'offers the dtypes on tab' {
        # PowerShell completes an enum parameter with the enum's names.
        $line = 'Set-TensorDefault -DType F'
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $offered | Should -Be @('Float32', 'Float64')
    }
}

Describe 'Get-TensorDefault' {
    It 'reads float32 in a fresh runspace' {
        (Get-TensorDefault).DType | Should -Be ([NNTools.DType]::Float32)
        [NNTools.Tensor]::GetDefaultDType() | Should -Be ([NNTools.DType]::Float32)
    }

    It 'gives a copy that a later change leaves alone' {
        $before = Get-TensorDefault
        try {
            Set-TensorDefault float64
            $before.DType | Should -Be ([NNTools.DType]::Float32)
        }
        finally {
            Set-TensorDefault float32
        }
    }
}
