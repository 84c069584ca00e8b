# Start-Training's progress bars: the epochs with the loss and the time remaining, the batches
# nested under them. Progress cannot be redirected, so the run happens in a PowerShell instance of
# its own, whose Streams.Progress keeps every record written.
BeforeAll {
    Set-StrictMode -Version Latest
    $shell = [powershell]::Create()
    $null = $shell.AddScript({
            Import-Module NNTools
            Set-RandomSeed 0
            $data = Get-Dataset moons -Samples 200 -Noise 0.1 -Seed 0
            # Long enough (about a second) for several refreshes of the 100 ms throttle.
            Start-Training (New-Mlp 2, 32, 2) $data CrossEntropy -BatchSize 10 -Epochs 200 -LearningRate 0.001
        })
    $records = $shell.Invoke()
    $errors = @($shell.Streams.Error)
    $progress = @($shell.Streams.Progress)
    $shell.Dispose()
}

Describe 'Start-Training progress' {
    It 'trains without errors' {
        $errors | Should -BeNullOrEmpty
        $records | Should -HaveCount 200
    }

    It 'shows the epochs with the loss and the time remaining' {
        $epochs = @($progress | Where-Object { $_.ActivityId -eq 1 -and $_.ParentActivityId -lt 0 })
        $epochs.Count | Should -BeGreaterThan 1
        @($epochs | Where-Object { $_.StatusDescription -match '^Epoch \d+/200, loss \d' }) | Should -Not -BeNullOrEmpty
        @($epochs | Where-Object { $_.SecondsRemaining -gt 0 }) | Should -Not -BeNullOrEmpty
    }

    It 'nests the batches under the epochs' {
        @($progress | Where-Object { $_.ActivityId -eq 2 -and $_.ParentActivityId -eq 1 -and $_.StatusDescription -match '^Batch \d+/20' }) |
            Should -Not -BeNullOrEmpty
    }

    It 'completes both bars when training ends' {
        $progress[-1].RecordType | Should -Be 'Completed'
        @($progress | Where-Object { $_.ActivityId -eq 2 -and $_.RecordType -eq 'Completed' }) | Should -Not -BeNullOrEmpty
    }
}
