# The views of NNTools.Training.Format.ps1xml as a console shows them: models as print(model),
# optimizers as PyTorch prints them, data sets and loaders on one line, records as a loss table.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools

    # What a prompt shows for one statement's output, at 200 columns, with Unix line ends.
    function Show([scriptblock] $Statement) {
        Set-RandomSeed 0
        ((& $Statement | Out-String -Width 200) -replace "`r`n", "`n").Trim("`n")
    }
}

Describe 'Training views' {
    It 'shows a model as print(model)' {
        Show { New-Mlp 2, 3, 1 -OutputActivation Sigmoid } | Should -BeExactly (@(
                'Sequential('
                '  (0): Linear(in_features=2, out_features=3, bias=True)'
                '  (1): ReLU()'
                '  (2): Linear(in_features=3, out_features=1, bias=True)'
                '  (3): Sigmoid()'
                ')'
            ) -join "`n")
    }

    It 'shows an optimizer as PyTorch prints it' {
        Show { New-Optimizer SGD (New-Mlp 2, 1) -LearningRate 0.5 } |
            Should -BeLikeExactly "SGD (`nParameter Group 0`n    dampening: 0`n    lr: 0.5`n*"
    }

    It 'shows data sets and loaders on one line' {
        Show { Get-Dataset iris } | Should -BeExactly 'LabeledDataset(length=150, x=[150, 4] torch.float32, y=[150] torch.int64, classes=[setosa, versicolor, virginica])'
        Show { New-DataLoader (New-Dataset (New-Tensor -Zeros -Shape 10, 1)) 4 -Shuffle } |
            Should -BeExactly 'DataLoader(dataset=TensorDataset(length=10, tensors=[[10, 1] torch.float32]), batch_size=4, shuffle=True, drop_last=False, batches=3)'
    }

    It 'shows records as a loss table' {
        $lines = (Show {
                $x = [NNTools.Tensor]::Linspace(-1, 1, 20).Unsqueeze(1)
                $data = New-Dataset $x ($x.Gt(0).Long().Squeeze(1))
                Start-Training (New-Mlp 1, 4, 2) $data CrossEntropy -Epochs 2 -ValidationData $data -LearningRate 0.01
            }) -split "`n"
        $lines | Should -HaveCount 4
        $lines[0] | Should -BeExactly 'Epoch       Loss    ValLoss Accuracy ValAccuracy LearningRate     Elapsed'
        $lines[2] | Should -MatchExactly '^ +1 +0\.\d{3,5} +0\.\d{3,5} +\d\.\d{4} +\d\.\d{4} +0\.01 00:00:\d\d\.\d\d$'
        $lines[3] | Should -MatchExactly '^ +2 '
    }

    It 'fits the loss table in 80 columns, as redirected output and small consoles format it' {
        Set-RandomSeed 0
        $x = [NNTools.Tensor]::Linspace(-1, 1, 20).Unsqueeze(1)
        $data = New-Dataset $x ($x.Gt(0).Long().Squeeze(1))
        $text = Start-Training (New-Mlp 1, 4, 2) $data CrossEntropy -Epochs 2 -ValidationData $data | Out-String -Width 80
        foreach ($line in $text -split '\r?\n') { $line.Length | Should -BeLessOrEqual 79 -Because "'$line' should not wrap" }
        $text | Should -Match 'Elapsed'
        $text | Should -Match '00:00:\d\d\.\d\d'
    }

    # The views are out of band: the first object of a script no longer decides how the others print.
    It 'prints a model, records, a tensor and a data set each in its own view in one script' {
        $script = Join-Path $TestDrive 'mixed.ps1'
        Set-Content -LiteralPath $script -Value @'
Set-RandomSeed 0
$x = [NNTools.Tensor]::Linspace(-1, 1, 20).Unsqueeze(1)
$model = New-Mlp 1, 4, 2
$model
Start-Training $model (New-Dataset $x ($x.Gt(0).Long().Squeeze(1))) CrossEntropy -Epochs 2
New-Tensor 1.0, 2.0
Get-Dataset iris
Test-Model $model (New-Dataset $x ($x.Gt(0).Long().Squeeze(1))) CrossEntropy
New-Tensor 3.0
'@
        $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
        $text = (& $pwsh -NoProfile -File $script | Out-String) -replace '\e\[[0-9;]*m'
        $LASTEXITCODE | Should -Be 0
        $text | Should -Match '(?m)^Sequential\(\r?\n  \(0\): Linear\(in_features=1, out_features=4, bias=True\)'
        $text | Should -Match '(?m)^Epoch +Loss +ValLoss'
        $text | Should -Match '(?m)^tensor\(\[1\., 2\.\]\)'
        $text | Should -Match '(?m)^LabeledDataset\(length=150'
        $text | Should -Match '(?m)^Loss +: \d'
        $text | Should -Match '(?m)^tensor\(3\.\)'
        $text | Should -Not -Match 'GradFn +:|IsLeaf +:|DTypeName +:|Epoch +: '
    }

    It 'shows an evaluation with its confusion matrix, classes named' {
        Show { Test-Model (New-Mlp 2, 2) (Get-Dataset moons -Samples 10 -Seed 0) CrossEntropy } |
            Should -MatchExactly '^Loss +: \d\.\d+\nAccuracy +: \d\.\d{4}\nCount +: 10\nConfusion : actual \\ predicted +0 +1\n +0 +\d+ +\d+\n +1 +\d+ +\d+'
    }
}
