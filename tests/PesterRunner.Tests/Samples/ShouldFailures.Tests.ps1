# Every Should operator failing: each test names the message Pester 5 gives (roughly).
Describe 'Should failures' {
    It 'Be (fails with: Expected 2, but got 3.)' { 3 | Should -Be 2 }
    It 'Be with -Because (fails with: Expected 2, because it matters, but got 3.)' { 3 | Should -Be 2 -Because 'it matters' }
    It 'Be negated (fails with: Expected 2 to be different from the actual value, but got the same value.)' { 2 | Should -Not -Be 2 }
    It 'Be on strings (fails with: Expected strings to be the same, but they were different.*)' { 'abc' | Should -Be 'abd' }
    It 'Be on arrays (fails with: Expected @(1, 2, 3), but got @(1, 2).)' { @(1, 2) | Should -Be @(1, 2, 3) }
    It 'Be on $null (fails with: Expected $null, but got 0.)' { 0 | Should -Be $null }
    It 'Be on empty input (fails with: Expected 1, but got $null.)' { @() | Should -Be 1 }
    It 'BeExactly (fails with: Expected strings to be the same, but they were different.*)' { 'ABC' | Should -BeExactly 'abc' }
    It 'BeTrue (fails with: Expected $true, but got $false.)' { $false | Should -BeTrue }
    It 'BeTrue on $null (fails with: Expected $true, but got $null.)' { $null | Should -BeTrue }
    It 'BeFalse (fails with: Expected $false, but got 1.)' { 1 | Should -BeFalse }
    It 'BeNullOrEmpty (fails with: Expected $null or empty, but got ''x''.)' { 'x' | Should -BeNullOrEmpty }
    It 'BeNullOrEmpty negated (fails with: Expected a value, but got $null or empty.)' { @() | Should -Not -BeNullOrEmpty }
    It 'BeGreaterThan (fails with: Expected the actual value to be greater than 5, but got 3.)' { 3 | Should -BeGreaterThan 5 }
    It 'BeLessThan (fails with: Expected the actual value to be less than 1, but got 3.)' { 3 | Should -BeLessThan 1 }
    It 'BeGreaterOrEqual (fails with: Expected the actual value to be greater than or equal to 4, but got 3.)' { 3 | Should -BeGreaterOrEqual 4 }
    It 'BeLessOrEqual (fails with: Expected the actual value to be less than or equal to 2, but got 3.)' { 3 | Should -BeLessOrEqual 2 }
    It 'BeLike (fails with: Expected like wildcard ''a*'' to match ''bcd'', but it did not match.)' { 'bcd' | Should -BeLike 'a*' }
    It 'BeLikeExactly (fails with: Expected case sensitive like wildcard ''A*'' to match ''abc'', but it did not match.)' { 'abc' | Should -BeLikeExactly 'A*' }
    It 'Match (fails with: Expected regular expression ''\d'' to match ''abc'', but it did not match.)' { 'abc' | Should -Match '\d' }
    It 'MatchExactly (fails with: Expected regular expression ''^A'' to case sensitively match ''abc'', but it did not match.)' { 'abc' | Should -MatchExactly '^A' }
    It 'Match negated (fails with: Expected regular expression ''b'' to not match ''abc'', but it did match.)' { 'abc' | Should -Not -Match 'b' }
    It 'Contain (fails with: Expected 4 to be found in collection @(1, 2, 3), but it was not found.)' { @(1, 2, 3) | Should -Contain 4 }
    It 'BeIn (fails with: Expected collection @(1, 2) to contain 3, but it was not found.)' { 3 | Should -BeIn 1, 2 }
    It 'HaveCount (fails with: Expected a collection with size 3, but got collection with size 2 @(1, 2).)' { @(1, 2) | Should -HaveCount 3 }
    It 'BeOfType (fails with: Expected the value to have type [System.Int32] or any of its subtypes, but got ''a'' with type [System.String].)' { 'a' | Should -BeOfType [int] }
    It 'a later piped item (fails with: Expected the actual value to be greater than 1, but got 0.)' { 2, 3, 0 | Should -BeGreaterThan 1 }
    It 'a wrong count of piped items (fails with: Expected @(1, 1), but got @(1, 1, 1).)' { 1, 1, 1 | Should -Be 1, 1 }
    It 'no operator (fails)' { 1 | Should }
}
