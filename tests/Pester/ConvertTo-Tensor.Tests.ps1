# ConvertTo-Tensor: rows as Import-Csv gives them (objects whose values are text), numbers, arrays.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'ConvertTo-Tensor with object rows' {
    BeforeAll {
        $csv = Join-Path $TestDrive 'rows.csv'
        Set-Content -Path $csv -Value @(
            'x1,x2,y'
            '1.5,2,0'
            '-3,4e-1,1'
            '0.25,6,1'
        )
        $rows = Import-Csv -Path $csv
    }

    It 'reads the named properties as columns, in the order given' {
        $X = $rows | ConvertTo-Tensor -Property x2, x1
        $X.Shape | Should -Be @(3, 2)
        $X.DType | Should -Be 'Float32'
        $X.ToString() | Should -BeExactly "tensor([[ 2.0000,  1.5000],`n        [ 0.4000, -3.0000],`n        [ 6.0000,  0.2500]])"
    }

    It 'makes a vector from one property' {
        $y = $rows | ConvertTo-Tensor -Property y
        $y.ToString() | Should -BeExactly 'tensor([0., 1., 1.])'
    }

    It 'takes every property when none is named' {
        ($rows | ConvertTo-Tensor).Shape | Should -Be @(3, 3)
    }

    It 'honours -DType' {
        ($rows | ConvertTo-Tensor -Property y -DType int64).ToString() | Should -BeExactly 'tensor([0, 1, 1])'
    }

    It 'parses text in the invariant culture whatever the current one' {
        $before = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = [cultureinfo]::InvariantCulture
            ([pscustomobject]@{ v = '1.25' } | ConvertTo-Tensor -Property v).Item() | Should -Be 1.25
        } finally {
            [cultureinfo]::CurrentCulture = $before
        }
    }

    It 'reads numbers and hashtables as well as text' {
        $t = @{ a = 1; b = 2.5 }, @{ a = 3; b = 4 } | ConvertTo-Tensor -Property a, b
        $t.ToString() | Should -BeExactly "tensor([[1.0000, 2.5000],`n        [3.0000, 4.0000]])"
    }

    It 'names the row and the property of text that is not a number' {
        $bad = $rows + [pscustomobject]@{ x1 = 'abc'; x2 = '1'; y = '0' }
        { $bad | ConvertTo-Tensor -Property x1, x2 } | Should -Throw -ErrorId 'NotANumber,NNTools.Commands.ConvertToTensorCommand' -ExpectedMessage "*row 3, property 'x1': 'abc' is not a number*"
    }

    It 'names the row that lacks a property' {
        { $rows | ConvertTo-Tensor -Property x1, z } | Should -Throw -ErrorId 'PropertyNotFound,NNTools.Commands.ConvertToTensorCommand' -ExpectedMessage "*row 0 has no property 'z'*"
    }
}

Describe 'ConvertTo-Tensor with numbers' {
    It 'collects numbers with PyTorch''s inference' {
        (1..3 | ConvertTo-Tensor).ToString() | Should -BeExactly 'tensor([1, 2, 3])'
        (1..3 | ConvertTo-Tensor -DType float64).DType | Should -Be 'Float64'
    }

    It 'takes an array given as -InputObject as its rows' {
        (ConvertTo-Tensor -InputObject @(@(1, 2), @(3, 4))).Shape | Should -Be @(2, 2)
    }

    It 'reports ragged rows with the engine id' {
        { @(1, 2), @(3) | ConvertTo-Tensor } | Should -Throw -ErrorId 'RaggedInput,NNTools.Commands.ConvertToTensorCommand'
    }
}
