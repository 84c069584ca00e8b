# A failing setup fails the tests it guards; a failing teardown is reported on its own.
Describe 'BeforeAll throws' {
    BeforeAll {
        throw 'setup broke'
    }

    It 'fails because BeforeAll failed (fails with: BeforeAll failed: RuntimeException: setup broke*)' {
        $true | Should -BeTrue
    }

    Context 'Nested' {
        It 'fails too, being inside the block (fails)' {
            $true | Should -BeTrue
        }
    }
}

Describe 'Neighbour of a failed block' {
    It 'still passes' {
        $true | Should -BeTrue
    }
}

Describe 'BeforeEach throws' {
    BeforeEach {
        throw 'each broke'
    }

    It 'fails (fails with: RuntimeException: each broke*)' {
        $true | Should -BeTrue
    }
}

Describe 'AfterEach throws' {
    AfterEach {
        throw 'cleanup broke'
    }

    It 'passes its body but fails in AfterEach (fails with: RuntimeException: cleanup broke*)' {
        $true | Should -BeTrue
    }
}

Describe 'AfterAll throws' {
    AfterAll {
        throw 'teardown broke'
    }

    It 'passes before the teardown' {
        $true | Should -BeTrue
    }
}

Describe 'Errors inside tests' {
    It 'fails on a thrown error (fails with: RuntimeException: boom*)' {
        throw 'boom'
    }

    It 'stops at the first failed Should (fails with: Expected 2, but got 1.)' {
        1 | Should -Be 2
        throw 'must not be reached'
    }

    It 'fails on an error that ends only a statement (fails with: MethodInvocationException:*)' {
        [int]::Parse('not a number')
        'the rest of the test must not run' | Should -Be 'reached'
    }

    It 'fails on a non-terminating error (fails with: CommandNotFoundException:*)' {
        Get-Command -Name NoSuchCommandAnywhere
    }

    It 'passes when the error is silenced' {
        Get-Command -Name NoSuchCommandAnywhere -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
