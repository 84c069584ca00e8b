# Files that cannot be read or written as asked: every writing cmdlet names a missing folder, a
# read-only folder and a full disk by id and by the path the user gave (never the temporary file a
# save writes first), and the reading cmdlets refuse what is not a regular file before opening it.
BeforeDiscovery {
    $noFifo = $IsWindows -or -not (Get-Command mkfifo -CommandType Application -ErrorAction Ignore)
    # A tmpfs in a mount namespace of the test's own, as the root of a user namespace: no privilege
    # needed where the kernel allows it (some distributions and containers do not).
    $noTmpfs = -not $IsLinux -or -not (Get-Command unshare, timeout -CommandType Application -ErrorAction Ignore)
    if (-not $noTmpfs) {
        unshare --user --map-root-user --mount sh -c 'mount -t tmpfs -o size=64k tmpfs "$1"' sh ([IO.Path]::GetTempPath()) 2>$null
        $noTmpfs = $LASTEXITCODE -ne 0
    }
}

BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/ChildPwsh.ps1"
    $isRoot = -not $IsWindows -and (id -u) -eq '0'

    # Each writing cmdlet, as code that saves to $path (in the test or in a child pwsh).
    $writers = [ordered]@{
        'Export-Model'   = 'Export-Model -Path $path -Model (New-Mlp 2, 64, 1) -ErrorAction Stop'
        'Export-Tensor'  = 'Export-Tensor -Path $path @{ w = New-Tensor -Ones -Shape 64, 64 } -ErrorAction Stop'
        'Export-Plot'    = 'Export-Plot -LossCurve -Loss 1, 0.5, 0.25 -Path $path -ErrorAction Stop'
        'Start-Training' = '$x = New-Tensor -Randn -Shape 16, 2; Start-Training (New-Mlp 2, 8, 1) (New-Dataset $x $x[":, :1"]) MSE -Epochs 2 -CheckpointPath $path -ErrorAction Stop'
    }

    # The writers' cases for Get-ErrorReportScript, each saving to its own file in $Folder.
    function Get-WriterCases([string] $Folder) {
        $cases = @{}
        foreach ($name in $writers.Keys) { $cases[$name] = "`$path = '$(Join-Path $Folder "$name.file")'; $($writers[$name])" }
        $cases
    }

    function Invoke-Writer([string] $Name, [string] $Path) {
        & ([scriptblock]::Create("param(`$path) $($writers[$Name])")) $Path
    }

    # Runs $Script in a child pwsh in a mount namespace of its own with a tiny tmpfs on $Folder,
    # mounted read-only or filled to its last byte; the mount vanishes with the child.
    function Invoke-OnTmpfs([string] $Folder, [ValidateSet('ReadOnly', 'Full')] [string] $State, [string] $Script) {
        $options = $State -eq 'ReadOnly' ? 'ro,size=64k' : 'size=64k'
        $shell = 'o=$1 d=$2 s=$3; shift 3; mount -t tmpfs -o "$o" tmpfs "$d" || exit 90
                  if [ "$s" = Full ]; then dd if=/dev/zero of="$d/filler" bs=4096 2>/dev/null; fi; exec "$@"'
        $output = timeout --signal=KILL 120 unshare --user --map-root-user --mount sh -c $shell sh $options $Folder $State $Pwsh @(Get-PwshArgument $Script)
        if ($LASTEXITCODE -eq 137) { throw 'the child pwsh did not finish in 120 s' }
        ($output -join "`n") | ConvertFrom-Json
    }
}

Describe 'Saving where the folder is missing' {
    It '<_> stops with DirectoryNotFound naming the file' -ForEach 'Export-Model', 'Export-Tensor', 'Export-Plot', 'Start-Training' {
        $path = Join-Path $TestDrive 'missing' "$_.file"
        $e = { Invoke-Writer $_ $path } | Should -Throw -ErrorId "DirectoryNotFound,NNTools.Commands.$($_ -replace '-')Command" -PassThru
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.Exception.Message | Should -Be "cannot write '$path': the folder '$(Split-Path $path)' does not exist"
    }

    It 'Start-Training names it before the first epoch' {
        $records = [System.Collections.Generic.List[object]]::new()
        { Invoke-Writer 'Start-Training' (Join-Path $TestDrive 'missing' 'c.safetensors') | ForEach-Object { $records.Add($_) } } | Should -Throw -ErrorId 'DirectoryNotFound*'
        $records | Should -HaveCount 0
    }
}

Describe 'Saving into a read-only folder' -Skip:$IsWindows {
    BeforeAll {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'read-only')
        chmod 555 $folder
    }

    AfterAll {
        chmod 755 $folder
    }

    It '<_> stops with FileWriteFailed naming the file' -ForEach 'Export-Model', 'Export-Tensor', 'Export-Plot', 'Start-Training' {
        if ($isRoot) { Set-ItResult -Skipped -Because 'root ignores file permissions; the tmpfs tests below cover a read-only folder' }
        $path = Join-Path $folder "$_.file"
        $e = { Invoke-Writer $_ $path } | Should -Throw -ErrorId "FileWriteFailed,NNTools.Commands.$($_ -replace '-')Command" -PassThru
        $e.CategoryInfo.Category | Should -Be 'WriteError'
        $e.Exception.Message | Should -Be "cannot write '$path': permission denied in the folder '$folder'; any file there before is unchanged"
        Get-ChildItem -Path $folder -Force | Should -HaveCount 0
    }
}

Describe 'Saving on a read-only file system or a full disk (a tmpfs in a mount namespace)' -Skip:$noTmpfs {
    BeforeAll {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'tmpfs')
        $readOnly = Invoke-OnTmpfs $folder ReadOnly (Get-ErrorReportScript (Get-WriterCases $folder) -Folder $folder)
        $full = Invoke-OnTmpfs $folder Full (Get-ErrorReportScript (Get-WriterCases $folder) -Folder $folder)
    }

    It '<_> stops with FileWriteFailed naming the file on a read-only file system' -ForEach 'Export-Model', 'Export-Tensor', 'Export-Plot', 'Start-Training' {
        $readOnly.$_.Id | Should -Be "FileWriteFailed,NNTools.Commands.$($_ -replace '-')Command"
        $readOnly.$_.Category | Should -Be 'WriteError'
        $readOnly.$_.Message | Should -Be "cannot write '$(Join-Path $folder "$_.file")': Read-only file system; any file there before is unchanged"
    }

    It '<_> stops with FileWriteFailed naming the file on a full disk, and leaves no temporary file' -ForEach 'Export-Model', 'Export-Tensor', 'Export-Plot', 'Start-Training' {
        $full.$_.Id | Should -Be "FileWriteFailed,NNTools.Commands.$($_ -replace '-')Command"
        $full.$_.Category | Should -Be 'WriteError'
        $full.$_.Message | Should -Be "cannot write '$(Join-Path $folder "$_.file")': No space left on device; any file there before is unchanged"
        $full.Files | Should -Be @('filler')
    }
}

Describe 'Reading what is not a regular file' {
    It '<_> refuses a directory with FileNotRegular' -ForEach 'Import-Tensor', 'Import-Model' {
        $e = { & $_ -Path $TestDrive -ErrorAction Stop } | Should -Throw -ErrorId "FileNotRegular,NNTools.Commands.$($_ -replace '-')Command" -PassThru
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -Be "'$TestDrive' is a directory, not a regular file; give the path of a safetensors file"
    }

    Context 'a FIFO, a link to one and a device, which would block or never end (in a child pwsh killed if it hangs)' -Skip:$noFifo {
        BeforeAll {
            $fifo = Join-Path $TestDrive 'fifo.safetensors'
            mkfifo $fifo
            $link = (New-Item -ItemType SymbolicLink -Path (Join-Path $TestDrive 'link.safetensors') -Target $fifo).FullName
            $cases = @{}
            foreach ($command in 'Import-Tensor', 'Import-Model') {
                foreach ($file in @{ FIFO = $fifo; Link = $link; Device = '/dev/zero' }.GetEnumerator()) {
                    $cases["$command $($file.Key)"] = "$command -Path '$($file.Value)' -ErrorAction Stop"
                }
            }
            $report = Invoke-ChildPwsh (Get-ErrorReportScript $cases) -TimeoutSeconds 60
        }

        It '<Command> refuses a <Kind> promptly with FileNotRegular naming it' -ForEach @(
            foreach ($command in 'Import-Tensor', 'Import-Model') {
                @{ Command = $command; Kind = 'FIFO'; What = 'a named pipe (FIFO)' }
                @{ Command = $command; Kind = 'Link'; What = 'a named pipe (FIFO)' }
                @{ Command = $command; Kind = 'Device'; What = 'a character device' }
            }
        ) {
            $result = $report."$Command $Kind"
            $result.Id | Should -Be "FileNotRegular,NNTools.Commands.$($Command -replace '-')Command"
            $result.Category | Should -Be 'InvalidArgument'
            $path = @{ FIFO = $fifo; Link = $link; Device = '/dev/zero' }[$Kind]
            $result.Message | Should -Be "'$path' is $What, not a regular file; give the path of a safetensors file"
            $result.Seconds | Should -BeLessThan 5
        }
    }
}
