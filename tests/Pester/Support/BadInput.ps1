# The check every case of the bad-input catalogue (BadInput.*.Tests.ps1) makes: the script fails
# with exactly this FullyQualifiedErrorId and category, and its message names each of the values.
# Dot-source it in BeforeAll, after Import-Module NNTools.

function Get-BadInputError([scriptblock] $Script) {
    try {
        # Non-terminating errors (a cmdlet's WriteError) count as failures too.
        $ErrorActionPreference = 'Stop'
        $null = & $Script
    }
    catch {
        return $_
    }
    throw 'the script succeeded; the catalogue expects it to fail'
}

function Assert-BadInput([scriptblock] $Script, [string] $Id, [string] $Category, [string[]] $Names) {
    $record = Get-BadInputError $Script
    $record.FullyQualifiedErrorId | Should -BeExactly $Id
    $record.CategoryInfo.Category | Should -Be $Category
    foreach ($name in $Names) {
        $record.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($name))*"
    }
}
