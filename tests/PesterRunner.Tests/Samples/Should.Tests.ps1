# Every Should operator, holding, and negated with -Not.
Describe 'Should operators that hold' {
    It 'Be compares with PowerShell equality' {
        1 | Should -Be 1
        'abc' | Should -Be 'ABC'
        '1' | Should -Be 1
        2 | Should -Not -Be 3
        Should -ActualValue 5 -Be 5
        1 | Should -EQ 1
    }

    It 'Be compares arrays item by item' {
        @(1, 2, 3) | Should -Be @(1, 2, 3)
        Should -ActualValue @(1, 2) -Be @(1, 2)
        @(1, 2) | Should -Not -Be @(2, 1)
        $null | Should -Be $null
    }

    It 'BeExactly is case sensitive' {
        'abc' | Should -BeExactly 'abc'
        'abc' | Should -Not -BeExactly 'ABC'
        'abc' | Should -CEQ 'abc'
    }

    It 'BeTrue and BeFalse test truthiness' {
        $true | Should -BeTrue
        1 | Should -BeTrue
        $false | Should -BeFalse
        0 | Should -BeFalse
        '' | Should -BeFalse
        $true | Should -Not -BeFalse
    }

    It 'BeNullOrEmpty takes $null, empty strings and empty collections' {
        $null | Should -BeNullOrEmpty
        '' | Should -BeNullOrEmpty
        @() | Should -BeNullOrEmpty
        Should -ActualValue @() -BeNullOrEmpty
        @{} | Should -BeNullOrEmpty
        'x' | Should -Not -BeNullOrEmpty
        @(1) | Should -Not -BeNullOrEmpty
        0 | Should -Not -BeNullOrEmpty
    }

    It 'comparisons follow -gt -lt -ge -le' {
        3 | Should -BeGreaterThan 2
        2 | Should -BeLessThan 3
        3 | Should -BeGreaterOrEqual 3
        3 | Should -BeLessOrEqual 3
        2 | Should -Not -BeGreaterThan 2
        'b' | Should -BeGreaterThan 'a'
        3 | Should -GT 2
        2 | Should -LT 3
        3 | Should -GE 3
        3 | Should -LE 3
    }

    It 'BeLike and BeLikeExactly match wildcards' {
        'Hello world' | Should -BeLike 'hello*'
        'Hello world' | Should -BeLikeExactly 'Hello*'
        'Hello world' | Should -Not -BeLikeExactly 'hello*'
        'abc' | Should -Not -BeLike 'x*'
    }

    It 'Match and MatchExactly match regular expressions' {
        'Hello world' | Should -Match '^hello\s'
        'Hello world' | Should -MatchExactly '^Hello'
        'Hello world' | Should -Not -MatchExactly '^hello'
        'abc' | Should -Not -Match '\d'
    }

    It 'Contain looks for an item in a collection' {
        @(1, 2, 3) | Should -Contain 2
        Should -ActualValue @('a', 'b') -Contain 'B'
        @(1, 2, 3) | Should -Not -Contain 4
        'single' | Should -Contain 'single'
    }

    It 'BeIn looks for the value in the expected collection' {
        2 | Should -BeIn 1, 2, 3
        5 | Should -Not -BeIn 1, 2, 3
        1, 2 | Should -BeIn 1, 2, 3
    }

    It 'HaveCount counts piped items' {
        @(1, 2, 3) | Should -HaveCount 3
        @() | Should -HaveCount 0
        $null | Should -HaveCount 0
        Should -ActualValue @(1, 2) -HaveCount 2
        'one' | Should -HaveCount 1
        @(1, 2) | Should -Not -HaveCount 3
    }

    It 'BeOfType accepts subtypes and type names' {
        1 | Should -BeOfType [int]
        1 | Should -BeOfType System.Int32
        'x' | Should -BeOfType [object]
        [System.ArgumentException]::new('x') | Should -BeOfType [System.Exception]
        1 | Should -Not -BeOfType [string]
        1 | Should -HaveType [int]
    }

    It 'tests each piped item for operators without collection semantics' {
        1, 1, 1 | Should -BeExactly 1, 1, 1
        2, 3, 4 | Should -BeGreaterThan 1
        'ab', 'ac' | Should -BeLike 'a*'
        1, 2 | Should -BeOfType [int]
    }

    It 'accepts -Because' {
        1 | Should -Be 1 -Because 'one is one'
    }
}
