# A fresh pwsh of the same installation as this one, for what cannot run in the test's own process:
# a command that might hang (killed at a timeout so the suite goes on), one killed on purpose, one
# in a mount namespace of its own. The child finds NNTools on the inherited PSModulePath.
$Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

# The arguments that run $Script in a child pwsh; -EncodedCommand spares it every quoting rule.
function Get-PwshArgument([string] $Script) {
    '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Script))
}

# Starts $Script in a child pwsh and returns the process; its output goes to $OutputPath.
function Start-ChildPwsh([string] $Script, [string] $OutputPath) {
    Start-Process -FilePath $Pwsh -ArgumentList (Get-PwshArgument $Script) -RedirectStandardOutput $OutputPath -RedirectStandardError "$OutputPath.err" -PassThru
}

# Runs $Script in a child pwsh and returns what it wrote, as JSON read back; a child still running
# after $TimeoutSeconds is killed and the call throws, naming what hung.
function Invoke-ChildPwsh([string] $Script, [int] $TimeoutSeconds = 120) {
    $output = Join-Path $TestDrive "child-$(New-Guid).json"
    $child = Start-ChildPwsh $Script $output
    $child | Wait-Process -Timeout $TimeoutSeconds -ErrorAction Ignore
    if (-not $child.HasExited) {
        $child | Stop-Process -Force
        throw "the child pwsh did not finish in $TimeoutSeconds s: a read or write hung"
    }
    $text = Get-Content -Path $output -Raw
    if (-not $text) { throw "the child pwsh wrote nothing; its errors: $(Get-Content -Path "$output.err" -Raw)" }
    $text | ConvertFrom-Json
}

# Code for a child: imports NNTools, runs each named case (code that should stop with an error),
# and writes as JSON the error each case stopped with (id, category, message) or 'no error', how
# long each took, and the names of the files left in $Folder.
function Get-ErrorReportScript([hashtable] $Cases, [string] $Folder = $TestDrive) {
    $blocks = ($Cases.GetEnumerator() | ForEach-Object { "'$($_.Key)' = { $($_.Value) }" }) -join "`n"
    @"
`$ProgressPreference = 'SilentlyContinue'
Import-Module NNTools
`$report = [ordered]@{}
`$cases = [ordered]@{
$blocks
}
foreach (`$name in `$cases.Keys) {
    `$clock = [System.Diagnostics.Stopwatch]::StartNew()
    try { & `$cases[`$name] | Out-Null; `$report[`$name] = [ordered]@{ Id = 'no error' } }
    catch { `$report[`$name] = [ordered]@{ Id = `$_.FullyQualifiedErrorId; Category = "`$(`$_.CategoryInfo.Category)"; Message = `$_.Exception.Message } }
    `$report[`$name].Seconds = `$clock.Elapsed.TotalSeconds
}
`$report['Files'] = @(Get-ChildItem -Path '$Folder' -Force -Name)
`$report | ConvertTo-Json -Depth 3
"@
}
