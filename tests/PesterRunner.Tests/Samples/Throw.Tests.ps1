# Should -Throw: message wildcards, error id prefixes, exception types, -PassThru and -Not.
Describe 'Should -Throw that holds' {
    It 'catches a thrown error' {
        { throw 'boom' } | Should -Throw
    }

    It 'matches the message as a wildcard' {
        { throw 'the shape was wrong' } | Should -Throw 'the shape*'
        { throw 'the shape was wrong' } | Should -Throw -ExpectedMessage '*SHAPE*'
    }

    It 'matches the start of the FullyQualifiedErrorId' {
        { Get-Command -Name NoSuchCommandAnywhere -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException'
        { Get-Command -Name NoSuchCommandAnywhere -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand'
    }

    It 'matches the exception type and its subtypes' {
        { throw [System.ArgumentOutOfRangeException]::new('x') } | Should -Throw -ExceptionType ([System.ArgumentException])
        { [int]::Parse('x') } | Should -Throw -ExceptionType ([System.Management.Automation.MethodInvocationException])
    }

    It 'returns the error with -PassThru' {
        $err = { throw 'kept' } | Should -Throw -PassThru
        $err.Exception.Message | Should -Be 'kept'
        $err | Should -BeOfType [System.Management.Automation.ErrorRecord]
    }

    It 'counts an error that ends only a statement' {
        { [int]::Parse('x'); 'after' } | Should -Throw '*input string*'
    }

    It 'passes -Not when nothing is thrown' {
        { 1 + 1 } | Should -Not -Throw
    }

    It 'runs the block in a child scope that sees the test''s variables' {
        $limit = 3
        { if ($limit -eq 3) { throw 'saw it' } } | Should -Throw 'saw it'
    }
}

Describe 'Should -Throw that fails' {
    It 'nothing thrown (fails with: Expected an exception to be thrown, but no exception was thrown.)' {
        { 1 } | Should -Throw
    }

    It 'wrong message (fails with: Expected an exception with message like ''other'' to be thrown, but the message was ''boom''.)' {
        { throw 'boom' } | Should -Throw -ExpectedMessage 'other'
    }

    It 'wrong id (fails with: Expected an exception with FullyQualifiedErrorId ''Other'' to be thrown, but the FullyQualifiedErrorId was ''boom''.)' {
        { throw 'boom' } | Should -Throw -ErrorId 'Other'
    }

    It 'id is a prefix, not a substring (fails with: Expected an exception with FullyQualifiedErrorId ''NotFound'' to be thrown, but*)' {
        { Get-Command -Name NoSuchCommandAnywhere -ErrorAction Stop } | Should -Throw -ErrorId 'NotFound'
    }

    It 'wrong type (fails with: Expected an exception of type [System.ArgumentException] to be thrown, but the exception type was [System.Management.Automation.RuntimeException]: ''boom''.)' {
        { throw 'boom' } | Should -Throw -ExceptionType ([System.ArgumentException])
    }

    It 'thrown under -Not (fails with: Expected no exception to be thrown, but an exception ''boom'' was thrown from*)' {
        { throw 'boom' } | Should -Not -Throw
    }

    It 'not a script block (fails with: PSArgumentException: Should -Throw tests a script block*)' {
        'text' | Should -Throw
    }

    It 'a non-terminating error is not thrown (fails with: Expected an exception to be thrown, but no exception was thrown.)' {
        { Get-Command -Name NoSuchCommandAnywhere } | Should -Throw
    }
}
