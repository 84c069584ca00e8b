# Discovery and run phases, and the scopes of setups and tests, as Pester 5 defines them.
$discoveryOnly = 'set at the top of the file'

BeforeAll {
    $fromFileBeforeAll = 'file'
    $scriptRoot = $PSScriptRoot
}

Describe 'Scoping' {
    $describeBody = 'set during discovery'

    BeforeAll {
        $fromBeforeAll = 'block'
        $log = [System.Collections.Generic.List[string]]::new()
    }

    BeforeEach {
        $log.Add('outer before')
        $fromBeforeEach = 'each'
    }

    AfterEach {
        $log.Add('outer after')
    }

    It 'sees variables from BeforeAll, the file BeforeAll and BeforeEach' {
        $fromBeforeAll | Should -Be 'block'
        $fromFileBeforeAll | Should -Be 'file'
        $fromBeforeEach | Should -Be 'each'
    }

    It 'has $PSScriptRoot in BeforeAll and in the test' {
        $scriptRoot | Should -Be $PSScriptRoot
        $PSScriptRoot | Should -Not -BeNullOrEmpty
    }

    It 'does not see variables set by discovery code' {
        $discoveryOnly | Should -BeNullOrEmpty
        $describeBody | Should -BeNullOrEmpty
    }

    It 'changes a variable in its own scope only' {
        $fromBeforeAll = 'changed'
        $fromBeforeAll | Should -Be 'changed'
    }

    It 'still sees the BeforeAll value after a test changed it' {
        $fromBeforeAll | Should -Be 'block'
    }

    Context 'Nested' {
        BeforeAll {
            $fromNestedBeforeAll = 'nested'
        }

        BeforeEach {
            $log.Add('inner before')
        }

        AfterEach {
            $log.Add('inner after')
        }

        It 'runs BeforeEach outer first and sees outer BeforeAll' {
            $fromBeforeAll | Should -Be 'block'
            $fromNestedBeforeAll | Should -Be 'nested'
            $log[-2] | Should -Be 'outer before'
            $log[-1] | Should -Be 'inner before'
        }

        It 'ran AfterEach inner first after the previous test' {
            $log[-4] | Should -Be 'inner after'
            $log[-3] | Should -Be 'outer after'
        }
    }

    Context 'Sibling' {
        It 'does not see a sibling block''s BeforeAll' {
            $fromNestedBeforeAll | Should -BeNullOrEmpty
        }
    }
}

Describe 'Order of tests and blocks' {
    BeforeAll {
        $order = [System.Collections.Generic.List[string]]::new()
    }

    It 'first' { $order.Add('first') }

    Context 'middle' {
        It 'second' { $order.Add('second') }
    }

    It 'third runs after the context declared before it' {
        $order -join ',' | Should -Be 'first,second'
    }
}
