BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'New-Sequential' {
    It 'takes layers from -Layer in order' {
        $model = New-Sequential (New-Layer Linear 3 4), (New-Layer ReLU), (New-Layer Linear 4 1)
        $model.Count | Should -Be 3
        $model[0].OutFeatures | Should -Be 4
        $model[2].InFeatures | Should -Be 4
    }

    It 'takes layers from the pipeline in order' {
        $model = @((New-Layer Linear 2 8), (New-Layer Tanh), (New-Layer Linear 8 1)) | New-Sequential
        $model.ToString() | Should -Be (@(
                'Sequential('
                '  (0): Linear(in_features=2, out_features=8, bias=True)'
                '  (1): Tanh()'
                '  (2): Linear(in_features=8, out_features=1, bias=True)'
                ')') -join "`n")
    }

    It 'nests a Sequential inside another' {
        $inner = New-Mlp 2, 3
        $model = New-Sequential $inner, (New-Layer Sigmoid)
        @($model.NamedParameters() | ForEach-Object { $_.Item1 }) | Should -Be @('0.0.weight', '0.0.bias')
    }

    It 'writes one model' {
        @(New-Sequential (New-Layer ReLU)) | Should -HaveCount 1
    }
}
