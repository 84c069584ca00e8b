# Pester blocks used where Pester 5 does not allow them fail the test that misuses them.
Describe 'Misuse' {
    It 'declares a Describe inside a test (fails with: PSInvalidOperationException: Describe and Context must be called directly*)' {
        Describe 'inner' { }
    }

    It 'declares a setup inside a test (fails with: PSInvalidOperationException: BeforeAll must be called directly*)' {
        BeforeAll { }
    }
}
