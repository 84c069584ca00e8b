# Ctrl+C during Start-Training, pressed as a user presses it: an interactive pwsh in a real terminal
# (tmux, on its own server socket), keys typed into it. Skipped where tmux is missing (Windows, or a
# machine without the package: .ci/run installs it).
BeforeDiscovery {
    $noTerminal = -not (Get-Command tmux -CommandType Application -ErrorAction Ignore)
}

BeforeAll {
    Set-StrictMode -Version Latest
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $socket = "nntools-test-$PID"

    function Send-Keys([string[]] $Keys, [switch] $Literal) {
        if ($Literal) { tmux -L $socket send-keys -t 0 -l @Keys } else { tmux -L $socket send-keys -t 0 @Keys }
    }

    # The pane's text with its scrollback.
    function Get-Screen { ((tmux -L $socket capture-pane -p -t 0 -S -5000) -join "`n").TrimEnd() }

    function Wait-Until([scriptblock] $Condition, [string] $What, [int] $Seconds = 60) {
        $deadline = (Get-Date).AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ((Get-Date) -gt $deadline) { throw "Timed out after $Seconds s waiting for $What. The terminal shows:`n$(Get-Screen)" }
            Start-Sleep -Milliseconds 100
        }
    }
}

Describe 'Ctrl+C during Start-Training in a terminal' -Skip:$noTerminal {
    BeforeAll {
        # A server of its own starts with this process's environment: PSModulePath finds NNTools.
        tmux -L $socket new-session -d -x 120 -y 40 "'$pwsh' -NoProfile -NoLogo"
        Wait-Until { (Get-Screen) -match 'PS .*> ?$' } 'the first prompt'
        # Progress off: pwsh's console host can hang when Ctrl+C lands while it repaints a progress bar
        # (its pipeline thread blocks reading the terminal's cursor-position reply; seen 2 times in ~12
        # runs). That is a host problem, recorded in docs/RELIABILITY.md; this test is about what
        # Start-Training does with the stop.
        Send-Keys -Literal '$ProgressPreference = ''SilentlyContinue''; Import-Module NNTools; Set-RandomSeed 0; $data = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed 0; $model = New-Mlp 2, 32, 2; $before = @($model.Parameters() | ForEach-Object { $_.Clone() })'
        Send-Keys Enter
        # A run far longer than any test: only Ctrl+C ends it.
        Send-Keys -Literal 'Start-Training $model $data CrossEntropy -BatchSize 10 -Shuffle -Epochs 1000000 -LearningRate 0.001 -OutVariable records'
        Send-Keys Enter
        Wait-Until { (Get-Screen) -match '(?m)^ +3 +\d' } 'the loss table''s third epoch'
        Send-Keys C-c

        # Typed at the prompt that Ctrl+C gives back: what a user checks afterwards.
        $verdictPath = Join-Path $TestDrive 'verdict.json'
        Send-Keys -Literal (@(
                '$after = @($model.Parameters())'
                '$changed = @(0..($after.Count - 1) | Where-Object { -not $after[$_].Equal($before[$_]) }).Count'
                '$finite = @($after | Where-Object { -not $_.AllFinite() }).Count -eq 0'
                '$check = Test-Model $model $data CrossEntropy'
                # Written beside and renamed into place: Test-Path below must not see a half-written file.
                "@{ Records = `$records.Count; Epochs = @(`$records.Epoch); Losses = @(`$records.Loss); Changed = `$changed; Parameters = `$after.Count; Finite = `$finite; Shape = (Invoke-Model `$model `$data.X).Shape -join 'x'; Loss = `$check.Loss } | ConvertTo-Json | Set-Content '$verdictPath.partial'"
                "Move-Item '$verdictPath.partial' '$verdictPath'"
            ) -join '; ')
        Send-Keys Enter
        # Generous: on a loaded machine the interactive pwsh can take a while to come back.
        Wait-Until { Test-Path $verdictPath } 'the prompt to return and run the check' -Seconds 180
        $verdict = Get-Content $verdictPath -Raw | ConvertFrom-Json
    }

    AfterAll {
        tmux -L $socket kill-server 2>$null
    }

    It 'returns to the prompt' {
        Get-Screen | Should -Match 'PS [^\n]*>$'
    }

    It 'keeps the records written so far in -OutVariable' {
        $verdict.Records | Should -BeGreaterOrEqual 3
        $verdict.Epochs | Should -Be (1..$verdict.Records)
        foreach ($loss in $verdict.Losses) { [double]::IsFinite($loss) | Should -BeTrue }
    }

    It 'keeps the trained weights, finite, in a model that still runs' {
        $verdict.Changed | Should -Be $verdict.Parameters
        $verdict.Finite | Should -BeTrue
        $verdict.Shape | Should -Be '200x2'
        $verdict.Loss | Should -BeLessThan $verdict.Losses[0]
    }
}
