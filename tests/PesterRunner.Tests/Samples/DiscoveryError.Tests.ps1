# An error while discovering a file fails the file, as Pester 5 fails its container.
Describe 'Broken' {
    It 'would pass' {
        $true | Should -BeTrue
    }

    throw 'discovery broke'
}
