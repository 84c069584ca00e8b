#Requires -Modules NNTools

<#
.SYNOPSIS
    A table end to end: the wine CSV in, a classifier trained with validation and early stopping,
    saved, loaded in a fresh session, new rows scored, and a report.
.DESCRIPTION
    examples/data/wine.csv (178 wines, 13 measurements, 3 cultivars; see examples/data/README.md)
    is read with Import-Csv. Every ninth wine is kept aside as "new" rows. New-Dataset learns the
    standardisation of the 13 columns from the rest; a 13-32-3 MLP is trained on 80 % of them with
    Adam, validated on the other 20 % and stopped once the validation loss stops improving. The
    model file keeps the standardisation and the class names, so a fresh pwsh that only imports
    the file scores the new rows straight from Import-Csv. Test-Model reports the held-out accuracy,
    the confusion matrix and per-class precision, recall and F1. The model is also exported to ONNX.
.PARAMETER Quick
    Fewer epochs at most (the test suite's run); early stopping usually ends sooner anyway.
.PARAMETER OutputFolder
    Where the model files and the confusion matrix picture go (default: a folder in the temp directory).
.EXAMPLE
    pwsh -File examples/08-wine-table.ps1
#>
param(
    [switch] $Quick,
    [string] $OutputFolder = (Join-Path ([IO.Path]::GetTempPath()) 'nntools-wine')
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Set-RandomSeed 0
$null = New-Item -ItemType Directory -Path $OutputFolder -Force
$csv = Join-Path $PSScriptRoot 'data' 'wine.csv'
$rows = @(Import-Csv -LiteralPath $csv)
$new = @(for ($i = 0; $i -lt $rows.Count; $i += 9) { $rows[$i] })
$known = @(for ($i = 0; $i -lt $rows.Count; $i++) { if ($i % 9 -ne 0) { $rows[$i] } })
"read $($rows.Count) wines; $($known.Count) to learn from, $($new.Count) kept aside as new rows"

# Standardisation learned here, once, from the training rows only.
$wine = $known | New-Dataset -LabelProperty class -Standardize
$train, $validation = Split-Dataset $wine 0.8 -Seed 0
$model = New-Mlp 13, 32, 3
$optimizer = New-Optimizer Adam $model -LearningRate 0.01
$records = @(Start-Training $model $train CrossEntropy -Optimizer $optimizer -ValidationData $validation -BatchSize 16 -Shuffle `
        -Epochs ($Quick ? 60 : 200) -Patience 10)
$last = $records[-1]
"trained {0} epochs (early stopping), validation loss {1:0.0000}, validation accuracy {2:0.00}" -f $records.Count, $last.ValidationLoss, $last.ValidationAccuracy

$modelFile = Join-Path $OutputFolder 'wine.safetensors'
$onnxFile = Join-Path $OutputFolder 'wine.onnx'
Export-Model -Path $modelFile -Model $model -Force
Export-Model -Path $onnxFile -Model $model -Format Onnx -Force
"saved $modelFile and $onnxFile"

# A fresh session knows nothing but the file: the standardisation and class names come with it.
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$newCsv = Join-Path $OutputFolder 'new-wines.csv'
$new | Select-Object * -ExcludeProperty class | Export-Csv -LiteralPath $newCsv -NoTypeInformation
$scored = @(& $pwsh -NoProfile -NonInteractive -Command {
        param($ModelFile, $NewCsv)
        $ErrorActionPreference = 'Stop'
        Import-Module NNTools
        $loaded = Import-Model -Path $ModelFile
        Import-Csv -LiteralPath $NewCsv | Invoke-Model $loaded
    } -args $modelFile, $newCsv)
$right = 0
for ($i = 0; $i -lt $new.Count; $i++) {
    if ($scored[$i].Prediction -eq $new[$i].class) { $right++ }
}
"scored in a fresh session: $right of $($new.Count) new wines named right"
$scored | Select-Object -First 5 alcohol, proline, Prediction, @{ Name = 'Probability'; Expression = { [math]::Round($_.Probability, 3) } } | Format-Table | Out-String

# The report: the new rows numbered and scaled as the training rows were.
$test = $new | New-Dataset -LabelProperty class -Preprocessing $model.Preprocessing
$report = Test-Model $model $test CrossEntropy
"held-out accuracy: {0:0.00}" -f $report.Accuracy
$report.ConfusionMatrix | Out-String
$report.PerClass | Format-Table | Out-String
$picture = $report | Export-Plot (Join-Path $OutputFolder 'wine-confusion.png') -ConfusionMatrix -Title 'wine, held-out rows' -Force
"confusion matrix picture: $($picture.FullName)"
if ($report.Accuracy -lt 0.9) { throw "held-out accuracy $($report.Accuracy) is below 0.9" }
if ($right -ne [int][math]::Round($report.Accuracy * $new.Count)) { throw "the fresh session's predictions ($right right) disagree with Test-Model's accuracy $($report.Accuracy)" }
