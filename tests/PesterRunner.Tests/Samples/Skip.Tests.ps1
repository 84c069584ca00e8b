# -Skip on It, Describe and Context; -Pending; tests without a body; -Tag accepted.
Describe 'Skipping' -Tag 'fast', 'unit' {
    It 'runs' -Tag 'fast' {
        $true | Should -BeTrue
    }

    It 'is skipped (skipped)' -Skip {
        throw 'a skipped test must not run'
    }

    It 'is pending (skipped)' -Pending {
        throw 'a pending test must not run'
    }

    It 'has no body (skipped)'

    Context 'Skipped context' -Skip {
        BeforeAll {
            throw 'the BeforeAll of a skipped block must not run'
        }

        It 'is inside a skipped context (skipped)' {
            throw 'must not run'
        }
    }
}

Describe 'Skipped describe' -Skip {
    It 'is inside a skipped describe (skipped)' {
        throw 'must not run'
    }

    Context 'Deeper' {
        It 'is deeper inside a skipped describe (skipped)' {
            throw 'must not run'
        }
    }
}
