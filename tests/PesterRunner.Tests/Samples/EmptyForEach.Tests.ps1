# An empty -ForEach would silently generate no tests: it fails discovery instead.
Describe 'Generated' {
    It 'never exists <a>' -ForEach @() {
        $true | Should -BeTrue
    }
}
