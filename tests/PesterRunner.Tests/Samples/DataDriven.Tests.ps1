# -TestCases and -ForEach on It, -ForEach on Describe and Context, and name templates.
Describe 'Test cases' {
    It 'adds <a> and <b> to make <sum>' -TestCases @(
        @{ a = 1; b = 2; sum = 3 }
        @{ a = 2; b = 2; sum = 4 }
    ) {
        $a + $b | Should -Be $sum
    }

    It 'sees the item as $_ for <a>' -ForEach @{ a = 5 } {
        $_.a | Should -Be 5
        $a | Should -Be 5
    }

    It 'takes plain values: <_>' -ForEach 'x', 'y' {
        $_ | Should -BeIn 'x', 'y'
    }

    It 'expands properties: <user.Name>' -ForEach @{ user = [pscustomobject]@{ Name = 'Ada' } } {
        $user.Name | Should -Be 'Ada'
    }

    It 'keeps an unknown template: <missing>' -ForEach @{ a = 1 } {
        $a | Should -Be 1
    }

    It 'fails for the bad case <a> (fails with: Expected 3, but got 4.)' -TestCases @{ a = 1 } {
        $a + 3 | Should -Be 3
    }
}

Describe 'Block data <name>' -ForEach @(
    @{ name = 'first'; value = 1 }
    @{ name = 'second'; value = 2 }
) {
    BeforeAll {
        $doubled = $value * 2
    }

    It 'sees block data in BeforeAll and tests of <name>' {
        $doubled | Should -Be ($value * 2)
        $name | Should -BeIn 'first', 'second'
    }

    It 'generates tests from block data during discovery: <name> <_>' -ForEach @(1..$value) {
        $_ | Should -BeLessOrEqual $value
    }

    Context 'Nested context of <name>' -ForEach @{ inner = 'i' } {
        It 'sees outer and inner data' {
            $inner | Should -Be 'i'
            $value | Should -BeGreaterThan 0
        }
    }
}

Describe 'Test data bound to a param() block' {
    It 'binds <Name> and a script block by parameter name' -TestCases @(
        @{ Name = 'boom'; Script = { throw 'boom' } }
    ) {
        param($Name, $Script)
        $Script | Should -Throw -ExpectedMessage $Name
    }

    It 'leaves the data as variables too: <Name>' -TestCases @(@{ Name = 'n'; Value = 3 }) {
        param($Name)
        $Value | Should -Be 3
        $Name | Should -Be 'n'
    }
}
