# Every exported cmdlet has help: a synopsis, a description, every parameter described and at
# least one example. Get-Help reads the MAML (en-US/NNTools.dll-Help.xml, generated at build time
# from docs/cmdlets) beside the module, so these tests use it as users do.

# -ForEach data is built during discovery, so the module is imported here as well as in BeforeAll.
Import-Module NNTools
$cmdlets = @((Get-Module NNTools).ExportedCmdlets.Keys | ForEach-Object { @{ Name = $_ } })

BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
}

Describe 'Help for <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help -Name $Name -Full
        $command = Get-Command -Name $Name
        # A cmdlet whose parameters depend on a choice (New-Layer -Type) shows one form per value;
        # Get-Command -ArgumentList asks it for that value's parameters.
        $dynamic = $command.ImplementingType.GetInterfaces() -contains [System.Management.Automation.IDynamicParameters]
        $choice = $command.Parameters.Values | Where-Object {
            $dynamic -and $_.Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] })
        } | Select-Object -First 1
        $forms = if ($choice) {
            @($choice.Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] })[0].ValidValues |
                ForEach-Object { Get-Command -Name $Name -ArgumentList $_ })
        } else { @($command) }
    }

    It 'has a written synopsis, not the generated syntax line' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$Name *"
    }

    It 'has a description' {
        ($help.description | ForEach-Object Text) -join ' ' | Should -Match '\w{3,}'
    }

    It 'describes every parameter' {
        foreach ($parameter in $forms.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object -Unique) {
            $entry = @($help.parameters.parameter | Where-Object name -EQ $parameter)
            $entry | Should -HaveCount 1 -Because "-$parameter needs a help entry"
            ($entry[0].description | ForEach-Object Text) -join ' ' | Should -Match '\w{3,}' -Because "-$parameter needs a description"
        }
    }

    It 'has a syntax line for each parameter set' {
        @($help.syntax.syntaxItem) | Should -HaveCount ($forms.ParameterSets | Measure-Object).Count
    }

    It 'has at least one example with code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) { $example.code | Should -Not -BeNullOrEmpty }
    }
}

Describe 'about_NNTools' {
    It 'is found by Get-Help' {
        $text = Get-Help about_NNTools | Out-String
        $text | Should -Match 'about_NNTools'
        $text | Should -Match 'FROM PYTORCH TO NNTOOLS'
    }
}

# Generated from the engine at build time: every public Tensor member with its doc comment's first sentence.
Describe 'about_NNTools_Tensor' {
    BeforeAll {
        $text = Get-Help about_NNTools_Tensor | Out-String
    }

    It 'lists every public method of NNTools.Tensor' {
        $names = [NNTools.Tensor].GetMethods([System.Reflection.BindingFlags]'Public, Instance, DeclaredOnly') |
            Where-Object { -not $_.IsSpecialName } | Select-Object -ExpandProperty Name -Unique
        $names.Count | Should -BeGreaterThan 100
        foreach ($name in $names) { $text | Should -Match "\`$x\.$([regex]::Escape($name))\(" -Because "$name is a public method" }
    }

    It 'says which PyTorch function a member mirrors' {
        $text | Should -Match '\$x\.MatMul\(Tensor other\)\s+torch\.matmul'
        $text | Should -Match '\[NNTools\.Tensor\]::Cat\(Tensor\[\] tensors, int dim = 0\)'
    }
}
