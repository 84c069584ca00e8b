# Without Set-StrictMode, nothing from another file's strict mode applies here.
Describe 'No strict mode' {
    It 'reads an undefined variable as $null' {
        $notDefinedAnywhere | Should -BeNullOrEmpty
    }

    It 'turns strict mode on inside a script block' {
        { Set-StrictMode -Version Latest; $notDefinedAnywhere } | Should -Throw -ErrorId 'VariableIsUndefined'
    }
}
