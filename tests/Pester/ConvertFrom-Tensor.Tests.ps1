# ConvertFrom-Tensor: numbers, rows, shaped arrays, nested lists and objects.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $m = New-Tensor -Data @(@(1, 2, 3), @(4, 5, 6)) -DType float32
}

Describe 'ConvertFrom-Tensor' {
    It 'gives the number of a 0-d tensor' {
        $v = (New-Tensor -Data 1.0, 2.0, 3.0).Mean() | ConvertFrom-Tensor
        $v | Should -BeOfType ([float])
        $v | Should -Be 2
    }

    It 'writes the values of a vector' {
        $values = New-Tensor -Data 3, 1, 2 | ConvertFrom-Tensor
        $values | Should -HaveCount 3
        $values[0] | Should -BeOfType ([long])
        ($values -join ',') | Should -Be '3,1,2'
    }

    It 'writes the rows of a matrix' {
        $rows = @($m | ConvertFrom-Tensor)
        $rows | Should -HaveCount 2
        ($rows[1] -join ',') | Should -Be '4,5,6'
    }

    It '-AsArray gives one shaped .NET array' {
        $a = $m | ConvertFrom-Tensor -AsArray
        $a.GetType() | Should -Be ([float[,]])
        $a[1, 2] | Should -Be 6
    }

    It '-AsList gives one nested array' {
        $l = ConvertFrom-Tensor $m -AsList
        $l.Count | Should -Be 2
        $l[0][1] | Should -Be 2
    }

    It '-Property gives one object per row' {
        $objects = @($m | ConvertFrom-Tensor -Property a, b, c)
        $objects | Should -HaveCount 2
        $objects[1].c | Should -Be 6
        $objects[0].PSObject.Properties.Name -join ',' | Should -Be 'a,b,c'
    }

    It '-Property gives one object per element of a vector' {
        $objects = @(New-Tensor -Data 0.5, 1.5 | ConvertFrom-Tensor -Property p)
        $objects[1].p | Should -Be 1.5
    }

    It 'refuses a -Property count that is not the column count' {
        { $m | ConvertFrom-Tensor -Property a, b -ErrorAction Stop } | Should -Throw -ErrorId 'PropertyCountMismatch,NNTools.Commands.ConvertFromTensorCommand'
    }

    It 'round-trips through ConvertTo-Tensor' {
        $back = $m | ConvertFrom-Tensor -Property a, b, c | ConvertTo-Tensor -Property a, b, c
        $back.Eq($m).All().Item() | Should -BeTrue
    }
}
