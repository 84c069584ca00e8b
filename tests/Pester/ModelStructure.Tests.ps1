# Models that contain themselves, nest too deep or claim too many modules: every cmdlet reports them
# with an id and a category, where they once overflowed the stack and ended pwsh (exit code 134).
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools
    . "$PSScriptRoot/Support/BrokenModels.ps1"

    $maxDepth = [NNTools.NN.ModuleLimits]::MaxDepth
    $maxModules = [NNTools.NN.ModuleLimits]::MaxModules

    # ReLU nested in Sequentials, $Levels levels in all; -Innermost gets the deepest Sequential.
    function New-Chain([int] $Levels, [ref] $Innermost) {
        $bottom = New-Sequential (New-Layer ReLU)
        $top = $bottom
        for ($level = 3; $level -le $Levels; $level++) { $top = New-Sequential $top }
        if ($Innermost) { $Innermost.Value = $bottom }
        $top
    }

    # A model file with no weights and the given architecture description.
    function New-ArchitectureFile([string] $Json) {
        $path = Join-Path $TestDrive "$(New-Guid).safetensors"
        $metadata = [Collections.Generic.Dictionary[string, string]]::new()
        $metadata['nntools.architecture'] = $Json
        [NNTools.IO.SafeTensors]::Save($path, [Collections.Generic.Dictionary[string, NNTools.Tensor]]::new(), $metadata, $false)
        $path
    }
}

Describe 'A model that contains itself' {
    BeforeEach {
        $x = New-Tensor -Randn -Shape 2, 2
    }

    It 'cannot be made by appending a Sequential to itself' {
        $s = New-Sequential (New-Layer Linear 2 2)
        $e = { $s.Append($s) } | Should -Throw -PassThru
        $e.Exception.InnerException.ErrorId | Should -Be 'ModuleCycle'
        $e.Exception.InnerException.Kind | Should -Be 'InvalidOperation'
        $e.Exception.InnerException.Message | Should -BeLike "cannot add a Sequential as child '1' of this Sequential: it is this very module*"
        $s.Count | Should -Be 1
        (Invoke-Model $s $x).Shape | Should -Be @(2, 2)
    }

    Context 'through the properties of PowerShell classes' {
        BeforeEach {
            $a = [HolderModel]::new()
            $b = [HolderModel]::new()
            $a.Inner = $b
            $b.Inner = $a
            $message = "the model contains itself: the HolderModel at the top of the model is its own descendant again at 'Inner.Inner'*"
        }

        It '<Name> reports ModuleCycle, InvalidOperation' -ForEach @(
            @{ Name = 'Invoke-Model'; Command = 'InvokeModelCommand'; Run = { Invoke-Model $a $x -ErrorAction Stop } }
            @{ Name = 'Export-Model'; Command = 'ExportModelCommand'; Run = { Export-Model (Join-Path $TestDrive 'cycle.safetensors') $a -ErrorAction Stop } }
            @{ Name = 'Start-Training'; Command = 'StartTrainingCommand'; Run = { Start-Training $a (New-Dataset $x $x) MSE -Epochs 1 } }
            @{ Name = 'New-Optimizer'; Command = 'NewOptimizerCommand'; Run = { New-Optimizer Adam $a -ErrorAction Stop } }
            @{ Name = 'Test-Model'; Command = 'TestModelCommand'; Run = { Test-Model $a (New-Dataset $x $x) MSE -ErrorAction Stop } }
            @{ Name = 'Clear-Gradient'; Command = 'ClearGradientCommand'; Run = { Clear-Gradient $a -ErrorAction Stop } }
            @{ Name = 'Export-Plot'; Command = 'ExportPlotCommand'; Run = { Export-Plot -DecisionSurface -Model $a -X $x -Y (New-Tensor 0, 1) -Path (Join-Path $TestDrive 'cycle.png') } }
            @{ Name = 'Test-Gradient'; Command = 'TestGradientCommand'; Run = { Test-Gradient -Module $a -Input $x -ErrorAction Stop } }
        ) {
            $e = $Run | Should -Throw -ErrorId "ModuleCycle,NNTools.Commands.$Command" -PassThru
            $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $e.Exception.Message | Should -BeLike $message
        }

        It 'prints the error in its view instead of nothing' {
            ($a | Out-String -Width 1000).Trim() | Should -BeLike "ModuleCycle: $message"
        }

        It 'is found by Append when the holder already holds the Sequential' {
            $s = New-Sequential (New-Layer ReLU)
            $a.Inner = $s
            $e = { $s.Append($a) } | Should -Throw -PassThru
            $e.Exception.InnerException.ErrorId | Should -Be 'ModuleCycle'
            $e.Exception.InnerException.Message | Should -BeLike "*it holds this Sequential (at '1.Inner')*"
        }
    }
}

Describe 'Models nested deeper than ModuleLimits.MaxDepth' {
    It 'cannot be built past the limit' {
        $top = New-Chain $maxDepth
        @($top.Modules()).Count | Should -Be $maxDepth
        $e = { New-Sequential $top } | Should -Throw -ErrorId 'ModuleNestingTooDeep,NNTools.Commands.NewSequentialCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $e.Exception.Message | Should -BeLike "the ReLU at '0.0.*' is nested $($maxDepth + 1) levels deep, more than the $maxDepth levels a model may nest (ModuleLimits.MaxDepth)"
    }

    Context 'grown past the limit after they were built' {
        BeforeAll {
            $innermost = $null
            $top = New-Chain $maxDepth ([ref] $innermost)
            [void]$innermost.Append((New-Sequential (New-Layer Tanh)))
        }

        It '<Name> reports ModuleNestingTooDeep, LimitsExceeded' -ForEach @(
            @{ Name = 'Invoke-Model'; Command = 'InvokeModelCommand'; Run = { Invoke-Model $top (New-Tensor 1., 2.) -ErrorAction Stop } }
            @{ Name = 'Export-Model'; Command = 'ExportModelCommand'; Run = { Export-Model (Join-Path $TestDrive 'deep.safetensors') $top -ErrorAction Stop } }
        ) {
            $e = $Run | Should -Throw -ErrorId "ModuleNestingTooDeep,NNTools.Commands.$Command" -PassThru
            $e.CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $e.Exception.Message | Should -BeLike "the Tanh at '0.0.*' is nested $($maxDepth + 1) levels deep*"
        }

        It 'prints the error in its view' {
            ($top | Out-String -Width 1000).Trim() | Should -BeLike 'ModuleNestingTooDeep: the Tanh at*'
        }
    }

    It 'export and import alike up to the limit (<Levels> levels)' -ForEach @(@{ Levels = 32 }, @{ Levels = 100 }) {
        $path = Join-Path $TestDrive "chain$Levels.safetensors"
        Export-Model $path (New-Chain $Levels)
        $loaded = Import-Model $path
        @($loaded.Modules()).Count | Should -Be $Levels
        $loaded.ToString() | Should -Be (New-Chain $Levels).ToString()
    }

    It 'are refused on import with the same id' {
        $json = ('{"type":"Sequential","layers":[' * $maxDepth) + '{"type":"ReLU"}' + (']}' * $maxDepth)
        $e = { Import-Model (New-ArchitectureFile $json) -ErrorAction Stop } |
            Should -Throw -ErrorId 'ModuleNestingTooDeep,NNTools.Commands.ImportModelCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $e.Exception.Message | Should -BeLike "*the $maxDepth levels of modules a model may nest (ModuleLimits.MaxDepth)"
    }
}

Describe 'Architectures of more than ModuleLimits.MaxModules modules' {
    It 'are refused on import before any layer is built' {
        $layers = 2 * $maxModules
        $json = '{"type":"Sequential","layers":[' + ((, '{"type":"Identity"}') * $layers -join ',') + ']}'
        $e = { Import-Model (New-ArchitectureFile $json) -ErrorAction Stop } |
            Should -Throw -ErrorId 'TooManyModules,NNTools.Commands.ImportModelCommand' -PassThru
        $e.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $e.Exception.Message | Should -Be "the architecture's model holds $layers layers, which makes more than the $maxModules modules a model may hold (ModuleLimits.MaxModules)"
    }
}
