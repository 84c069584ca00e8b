# int32 and uint8 tensors from PowerShell: -DType names, tab completion, printing, files and CliXml.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
}

Describe 'int32 and uint8 tensors' {
    It 'New-Tensor -DType <Name> gives <DType>' -ForEach @(
        @{ Name = 'Int32'; DType = 'int32' }
        @{ Name = 'int'; DType = 'int32' }
        @{ Name = 'torch.int32'; DType = 'int32' }
        @{ Name = 'UInt8'; DType = 'uint8' }
        @{ Name = 'byte'; DType = 'uint8' }
    ) {
        (New-Tensor -Data 1, 2 -DType $Name).DTypeName | Should -Be $DType
    }

    It 'prints as PyTorch and wraps as PyTorch' {
        $u = New-Tensor -Data 250, 3 -DType uint8
        $u.ToString() | Should -BeExactly 'tensor([250,   3], dtype=torch.uint8)'
        ($u + 10).ToString() | Should -BeExactly 'tensor([ 4, 13], dtype=torch.uint8)'
        ($u * 2.5).DTypeName | Should -Be 'float32'
        (New-Tensor -Data -1.5 -DType float32).Byte().Item() | Should -Be 255
        (New-Tensor -Data 1, 2 -DType int32).Sum().DTypeName | Should -Be 'int64'
    }

    It 'keeps the element type of a typed array' {
        (New-Tensor -Data ([int[]](1, 2))).DTypeName | Should -Be 'int32'
        (New-Tensor -Data ([byte[]](1, 2))).DTypeName | Should -Be 'uint8'
        (New-Tensor -Data 1, 2).DTypeName | Should -Be 'int64'
    }

    It 'offers int32 and uint8 on tab' {
        $line = 'New-Tensor -Zeros -Shape 2 -DType '
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $offered | Should -Contain 'Int32'
        $offered | Should -Contain 'UInt8'
    }

    It 'refuses a fill value uint8 cannot hold' {
        { New-Tensor -Full -Shape 2 -Value 256 -DType uint8 } | Should -Throw -ErrorId 'ValueOverflow*'
    }

    It 'round-trips through Export-Tensor and Import-Tensor' {
        $file = Join-Path $TestDrive 'ints.safetensors'
        Export-Tensor $file @{ i = New-Tensor -Data -5, 7 -DType int32; u = New-Tensor -Data 0, 255 -DType uint8 }
        $i = Import-Tensor $file -Name i
        $i.DTypeName | Should -Be 'int32'
        $i.ToString() | Should -BeExactly 'tensor([-5,  7], dtype=torch.int32)'
        (Import-Tensor $file -Name u).ToString() | Should -BeExactly 'tensor([  0, 255], dtype=torch.uint8)'
    }

    It 'crosses CliXml as <Name>' -ForEach @(
        @{ Name = 'int32'; Make = { New-Tensor -Data ([int]::MinValue), 3 -DType int32 } }
        @{ Name = 'uint8'; Make = { New-Tensor -Data 0, 255 -DType uint8 } }
    ) {
        $t = & $Make
        $path = Join-Path $TestDrive "$Name.xml"
        Export-Clixml -LiteralPath $path -InputObject $t
        $copy = Import-Clixml -LiteralPath $path
        $copy | Should -BeOfType ([NNTools.Tensor])
        $copy.DTypeName | Should -Be $Name
        $copy.Equal($t) | Should -BeTrue
    }
}
