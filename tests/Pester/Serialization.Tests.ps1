# Tensors, models and data sets cross CliXml alive: Export-Clixml / Import-Clixml, and jobs, which
# run in another process and serialize what they return (remoting does the same).
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools

    function Copy-ThroughCliXml($InputObject) {
        $path = Join-Path $TestDrive "$(New-Guid).xml"
        Export-Clixml -LiteralPath $path -InputObject $InputObject
        Import-Clixml -LiteralPath $path
    }
}

Describe 'Export-Clixml and Import-Clixml' {
    It 'bring back a <Name> tensor with its values, dtype and shape' -ForEach @(
        @{ Name = 'float32'; Make = { New-Tensor -Randn -Shape 3, 4 } }
        @{ Name = 'float64'; Make = { New-Tensor -Data 1e-300, 2.5 -DType float64 } }
        @{ Name = 'int64'; Make = { New-Tensor -Data ([long]::MaxValue), -3 } }
        @{ Name = 'bool'; Make = { (New-Tensor 1.0, -1.0).Gt(0) } }
        @{ Name = '0-d'; Make = { New-Tensor -Full -Value 7 -Shape @() } }
        @{ Name = 'empty'; Make = { New-Tensor -Zeros -Shape 2, 0 } }
        @{ Name = 'non-contiguous'; Make = { (New-Tensor -Randn -Shape 3, 2).T } }
    ) {
        $t = & $Make
        $copy = Copy-ThroughCliXml $t
        $copy | Should -BeOfType ([NNTools.Tensor])
        $copy.DType | Should -Be $t.DType
        $copy.Shape | Should -Be $t.Shape
        $copy.Equal($t) | Should -BeTrue
    }

    It 'keeps requires_grad and the gradient' {
        $w = New-Tensor 1.0, 2.0 -RequiresGrad
        $w.Pow(2).Sum() | Invoke-Backward
        $copy = Copy-ThroughCliXml $w
        $copy.RequiresGrad | Should -BeTrue
        $copy.Grad.ToString() | Should -BeExactly 'tensor([2., 4.])'
    }

    It 'bring back a model that prints, holds and computes the same' {
        $model = New-Mlp 2, 8, 3 -OutputActivation Softmax
        $copy = Copy-ThroughCliXml $model
        $copy | Should -BeOfType ([NNTools.NN.Sequential])
        $copy.ToString() | Should -BeExactly $model.ToString()
        $x = New-Tensor -Randn -Shape 5, 2
        (Invoke-Model $copy $x).Equal((Invoke-Model $model $x)) | Should -BeTrue
    }

    It 'bring back data sets with their tensors and class names' {
        $iris = Copy-ThroughCliXml (Get-Dataset iris)
        $iris | Should -BeOfType ([NNTools.Data.LabeledDataset])
        $iris.Count | Should -Be 150
        $iris.Classes | Should -Be @('setosa', 'versicolor', 'virginica')
        $pairs = Copy-ThroughCliXml (New-Dataset (New-Tensor -Ones -Shape 4, 2) (New-Tensor -Zeros -Shape 4))
        $pairs | Should -BeOfType ([NNTools.Data.TensorDataset])
        $pairs.Tensors | Should -HaveCount 2
    }

    It 'carries an optimizer''s state dict, so training goes on bit for bit (<Type>)' -ForEach @(
        @{ Type = 'Adam'; Arguments = @{ LearningRate = 0.01; Amsgrad = $true } }
        @{ Type = 'SGD'; Arguments = @{ LearningRate = 0.1; Momentum = 0.9; Nesterov = $true } }
    ) {
        Set-RandomSeed 3
        $model = New-Mlp 3, 4, 1
        $x = New-Tensor -Randn -Shape 8, 3
        $y = New-Tensor -Randn -Shape 8, 1
        $optimizer = New-Optimizer $Type $model @Arguments
        function Step($m, $o) { $o.ZeroGrad(); (Measure-Loss MSE (Invoke-Model $m $x) $y).Backward(); $o.Step() }
        1..3 | ForEach-Object { Step $model $optimizer }

        $state = Copy-ThroughCliXml $optimizer.StateDict()
        $state | Should -BeOfType ([NNTools.Optim.OptimizerStateDict])
        $copy = Copy-ThroughCliXml $model
        $resumed = New-Optimizer $Type $copy @Arguments
        $resumed.LoadStateDict($state)

        Step $model $optimizer
        Step $copy $resumed
        $copy.Parameters()[0] | Should -BeTensor $model.Parameters()[0] -RelativeTolerance 0 -AbsoluteTolerance 0
        $copy.Parameters()[3] | Should -BeTensor $model.Parameters()[3] -RelativeTolerance 0 -AbsoluteTolerance 0
    }

    # A PowerShell class is code the file does not hold: its copy stays a property bag, as any
    # object PowerShell cannot rehydrate.
    It 'leaves a PowerShell class model deserialized' {
        . (Join-Path $PSScriptRoot 'Support' 'ToyModel.ps1')
        $copy = Copy-ThroughCliXml ([ToyModel]::new())
        $copy.psobject.TypeNames[0] | Should -Be 'Deserialized.ToyModel'
    }
}

Describe 'Jobs' {
    It 'return live tensors, models and data sets' {
        $job = Start-Job -ScriptBlock {
            Import-Module NNTools
            Set-RandomSeed 0
            New-Tensor -Randn -Shape 2
            New-Mlp 2, 1
            Get-Dataset iris
        }
        $tensor, $model, $data = $job | Wait-Job | Receive-Job
        $job | Remove-Job
        $tensor.ToString() | Should -BeExactly 'tensor([ 1.5410, -0.2934])' -Because 'torch.manual_seed(0); torch.randn(2)'
        $model | Should -BeOfType ([NNTools.NN.Sequential])
        $data.Count | Should -Be 150
    }

    It 'return a model and its optimizer''s state dict that resume training where the job stopped' {
        $job = Start-Job -ScriptBlock {
            Import-Module NNTools
            Set-RandomSeed 5
            $model = New-Mlp 2, 8, 1
            $x = New-Tensor -Randn -Shape 16, 2
            $y = New-Tensor -Randn -Shape 16, 1
            $optimizer = New-Optimizer Adam $model -LearningRate 0.05
            foreach ($i in 1..5) { $optimizer.ZeroGrad(); (Measure-Loss MSE (Invoke-Model $model $x) $y).Backward(); $optimizer.Step() }
            $model, $optimizer.StateDict()
        }
        $model, $state = $job | Wait-Job | Receive-Job
        $job | Remove-Job
        $state | Should -BeOfType ([NNTools.Optim.OptimizerStateDict])
        $state.State[0]['exp_avg'] | Should -BeOfType ([NNTools.Tensor])

        # The same run here, five steps and a sixth, against the job's five and a sixth after loading.
        Set-RandomSeed 5
        $local = New-Mlp 2, 8, 1
        $x = New-Tensor -Randn -Shape 16, 2
        $y = New-Tensor -Randn -Shape 16, 1
        $localOptimizer = New-Optimizer Adam $local -LearningRate 0.05
        $resumed = New-Optimizer Adam $model -LearningRate 0.05
        $resumed.LoadStateDict($state)
        foreach ($i in 1..6) { $localOptimizer.ZeroGrad(); (Measure-Loss MSE (Invoke-Model $local $x) $y).Backward(); $localOptimizer.Step() }
        $resumed.ZeroGrad(); (Measure-Loss MSE (Invoke-Model $model $x) $y).Backward(); $resumed.Step()
        $model.Parameters()[0] | Should -BeTensor $local.Parameters()[0] -RelativeTolerance 0 -AbsoluteTolerance 0
    }

    It 'receive live tensors when the job imports the module in its -InitializationScript' {
        $job = Start-Job -InitializationScript { Import-Module NNTools } -ArgumentList (New-Tensor 1.0, 2.0) -ScriptBlock {
            param($t)
            "$($t.GetType().FullName) $($t * 2)"
        }
        $result = $job | Wait-Job | Receive-Job
        $job | Remove-Job
        $result | Should -BeExactly 'NNTools.Tensor tensor([2., 4.])'
    }
}
