# Set-StrictMode -Version Latest at the top of a file applies inside its tests.
Set-StrictMode -Version Latest

Describe 'Strict mode' {
    It 'makes an undefined variable an error (fails)' {
        $notDefinedAnywhere | Should -BeNullOrEmpty
    }

    It 'makes a missing property an error (fails)' {
        $value = 1
        $value.NoSuchProperty | Should -BeNullOrEmpty
    }

    It 'makes an index out of range an error' {
        $array = @(1)
        { $array[3] } | Should -Throw
    }
}
