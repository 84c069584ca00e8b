# Without Set-StrictMode nothing is strict; Set-StrictMode in a BeforeAll applies to its block.
Describe 'No strict mode' {
    It 'reads an undefined variable as $null' {
        $notDefinedAnywhere | Should -BeNullOrEmpty
    }

    It 'turns strict mode on inside a script block' {
        { Set-StrictMode -Version Latest; $notDefinedAnywhere } | Should -Throw -ErrorId 'VariableIsUndefined'
    }
}

Describe 'Strict mode from BeforeAll' {
    BeforeAll {
        Set-StrictMode -Version Latest
    }

    It 'applies to the block''s tests (fails with: RuntimeException: The variable ''$notDefinedAnywhere'' cannot be retrieved*)' {
        $notDefinedAnywhere | Should -BeNullOrEmpty
    }
}
