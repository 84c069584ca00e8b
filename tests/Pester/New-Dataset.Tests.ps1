BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'New-Dataset from tensors' {
    It 'pairs inputs and targets as a TensorDataset' {
        $ds = New-Dataset ([NNTools.Tensor]::Zeros(10, 3)) ([NNTools.Tensor]::Ones(10))
        $ds | Should -BeOfType ([NNTools.Data.TensorDataset])
        $ds.GetLength() | Should -Be 10
        $ds.GetItem(0) | Should -HaveCount 2
    }

    It 'takes inputs alone' {
        (New-Dataset -X ([NNTools.Tensor]::Zeros(4, 2))).Tensors | Should -HaveCount 1
    }

    It 'names both shapes when the first dims differ' {
        { New-Dataset ([NNTools.Tensor]::Zeros(10, 3)) ([NNTools.Tensor]::Ones(9)) } |
            Should -Throw -ErrorId 'SizeMismatchBetweenTensors,NNTools.Commands.NewDatasetCommand' -ExpectedMessage '*`[10, 3`]*`[9`]*'
    }
}

Describe 'New-Dataset from rows' {
    BeforeAll {
        # Rows as Import-Csv gives them: every field is text.
        $csv = Join-Path $TestDrive 'flowers.csv'
        Set-Content -Path $csv -Value @(
            'SepalLength,PetalLength,Species'
            '5.1,1.4,setosa'
            '7.0,4.7,versicolor'
            '6.3,6.0,virginica'
            '4.9,1.4,setosa'
        )
        $flowers = Import-Csv -Path $csv
    }

    It 'reads features by property name and maps text labels to class indices' {
        $ds = $flowers | New-Dataset -FeatureProperty SepalLength, PetalLength -LabelProperty Species
        $ds | Should -BeOfType ([NNTools.Data.LabeledDataset])
        $ds.X.Shape | Should -Be @(4, 2)
        $ds.X.ToDoubleArray()[0] | Should -BeLessThan 5.1000001
        $ds.X.ToDoubleArray()[0] | Should -BeGreaterThan 5.0999999
        $ds.Classes | Should -Be @('setosa', 'versicolor', 'virginica')
        $ds.Y.ToInt64Array() | Should -Be @(0, 1, 2, 0)
        $ds.FeatureNames | Should -Be @('SepalLength', 'PetalLength')
    }

    It 'uses every property but the label as features when none are named' {
        $ds = $flowers | New-Dataset -LabelProperty Species
        $ds.FeatureNames | Should -Be @('SepalLength', 'PetalLength')
    }

    It 'turns predicted class indices back into names' {
        $ds = $flowers | New-Dataset -LabelProperty Species
        $ds.ClassNames([NNTools.Tensor]::new(@(2, 0))) | Should -Be @('virginica', 'setosa')
    }

    It 'numbers a second set with the first set''s classes' {
        $train = $flowers | New-Dataset -LabelProperty Species
        $test = $flowers[2] | New-Dataset -LabelProperty Species -Classes $train.Classes
        $test.Y.ToInt64Array() | Should -Be @(2)
    }

    It 'refuses a label outside -Classes' {
        { $flowers | New-Dataset -LabelProperty Species -Classes setosa, virginica } |
            Should -Throw -ErrorId 'UnknownClass,NNTools.Commands.NewDatasetCommand' -ExpectedMessage '*versicolor*'
    }

    It 'keeps numeric labels as a float column for regression' {
        $ds = @(@{ x = 1; y = 2.5 }, @{ x = 2; y = 4.5 }) | New-Dataset -FeatureProperty x -LabelProperty y
        $ds.Y.Shape | Should -Be @(2, 1)
        $ds.Y.ToDoubleArray() | Should -Be @(2.5, 4.5)
        $ds.Classes | Should -HaveCount 0
    }

    It 'maps numeric labels to classes with -Categorical' {
        $ds = @([pscustomobject]@{ x = 1; y = '10' }, [pscustomobject]@{ x = 2; y = '2' }) | New-Dataset -LabelProperty y -Categorical
        $ds.Classes | Should -Be @('2', '10')
        $ds.Y.ToInt64Array() | Should -Be @(1, 0)
    }

    It 'names the row and property of a missing property' {
        { $flowers | New-Dataset -FeatureProperty SepalWidth -LabelProperty Species } |
            Should -Throw -ErrorId 'MissingProperty,NNTools.Commands.NewDatasetCommand' -ExpectedMessage "*row 0*'SepalWidth'*"
    }

    It 'names the row and value of a feature that is not a number' {
        { [pscustomobject]@{ a = 'one'; b = 'x' } | New-Dataset -LabelProperty b } |
            Should -Throw -ErrorId 'InvalidFeatureValue,NNTools.Commands.NewDatasetCommand' -ExpectedMessage "*row 0*'a'*'one'*"
    }

    It 'builds inputs alone without -LabelProperty' {
        $ds = $flowers | New-Dataset -FeatureProperty SepalLength
        $ds | Should -BeOfType ([NNTools.Data.TensorDataset])
        $ds.Tensors[0].Shape | Should -Be @(4, 1)
    }
}
