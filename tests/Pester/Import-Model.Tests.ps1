BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/ToyModel.ps1"
}

Describe 'Import-Model' {
    BeforeEach {
        $path = Join-Path $TestDrive "$(New-Guid).safetensors"
    }

    It 'rebuilds a model of built-in layers with its weights' {
        $model = New-Mlp 2, 5, 3 -OutputActivation LogSoftmax
        Export-Model $path $model
        $loaded = Import-Model $path
        $loaded.ToString() | Should -Be $model.ToString()
        $x = [NNTools.Tensor]::Randn(4, 2)
        (Invoke-Model $loaded $x).Equal((Invoke-Model $model $x)) | Should -BeTrue
    }

    It 'loads weights into a PowerShell class with -Model' {
        $trained = [ToyModel]::new()
        Export-Model $path $trained
        $fresh = [ToyModel]::new()
        $result = Import-Model $path -Model $fresh
        $result | Should -Be $fresh
        $fresh.fc1.Weight.Equal($trained.fc1.Weight) | Should -BeTrue
        $fresh.fc2.Bias.Equal($trained.fc2.Bias) | Should -BeTrue
    }

    It 'says a PowerShell class model cannot be rebuilt without its code' {
        Export-Model $path ([ToyModel]::new())
        { Import-Model $path -ErrorAction Stop } | Should -Throw -ErrorId 'NoArchitecture,NNTools.Commands.ImportModelCommand'
    }

    It 'names the mismatched keys when weights do not fit the model' {
        Export-Model $path (New-Mlp 3, 4, 2)
        { Import-Model $path -Model ([ToyModel]::new()) -ErrorAction Stop } | Should -Throw -ErrorId 'StateDictKeys,NNTools.Commands.ImportModelCommand' -ExpectedMessage '*fc1.weight*'
    }

    It 'reports a missing file' {
        { Import-Model (Join-Path $TestDrive 'none.safetensors') -ErrorAction Stop } | Should -Throw -ErrorId 'FileNotFound,NNTools.Commands.ImportModelCommand'
    }

    It 'reports a file that is not safetensors as bad data' {
        Set-Content -Path $path -Value ([byte[]](1, 2, 3)) -AsByteStream
        Import-Model $path -ErrorAction SilentlyContinue -ErrorVariable problems
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }
}
