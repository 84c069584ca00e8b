# torch.linalg's decompositions and norms, LBFGS and its closures, OneCycleLR and SequentialLR, as a
# script meets them: tensor members and [NNTools.Linalg], Step-Optimizer -Closure, New-Optimizer LBFGS,
# Start-Training with LBFGS, New-LRScheduler OneCycleLR / SequentialLR.
BeforeAll {
    Set-StrictMode -Version Latest
    Import-Module NNTools

    function New-Problem {
        [void][NNTools.Tensor]::ManualSeed(0)
        $x = [NNTools.Tensor]::Linspace(-1, 1, 16).Unsqueeze(1)
        [pscustomobject]@{
            Model = New-Layer Linear 1 1
            Data  = New-Dataset $x (2 * $x + 1)
        }
    }
}

Describe 'Linear algebra from a script' {
    BeforeAll {
        $a = New-Tensor @(@(4., 1, 2), @(1., 3, 0), @(2., 0, 5))
    }

    It 'Svd reconstructs the matrix and gives descending singular values' {
        $svd = $a.Svd($false)
        $svd.S.ToDoubleArray()[0] | Should -BeGreaterThan $svd.S.ToDoubleArray()[2]
        $back = ($svd.U * $svd.S.Unsqueeze(0)).MatMul($svd.Vh)
        $back.Sub($a).Abs().Max().ToDouble() | Should -BeLessThan 1e-5
    }

    It 'Eigh gives ascending eigenvalues whose sum is the trace' {
        $eig = [NNTools.Linalg]::Eigh($a)
        $values = $eig.Eigenvalues.ToDoubleArray()
        $values[0] | Should -BeLessThan $values[2]
        ($values | Measure-Object -Sum).Sum | Should -BeGreaterThan 11.9999
        ($values | Measure-Object -Sum).Sum | Should -BeLessThan 12.0001
    }

    It 'Cholesky, Qr and Pinv are tensor members' {
        $l = $a.Cholesky()
        $l.MatMul($l.T).Sub($a).Abs().Max().ToDouble() | Should -BeLessThan 1e-5
        $qr = $a.Qr('reduced')
        $qr.Q.MatMul($qr.R).Sub($a).Abs().Max().ToDouble() | Should -BeLessThan 1e-5
        $a.Pinv().MatMul($a).Sub([NNTools.Tensor]::Eye(3)).Abs().Max().ToDouble() | Should -BeLessThan 1e-5
    }

    It 'Linalg.Norm picks the matrix norm of a 2-d input' {
        [NNTools.Linalg]::Norm($a, 'nuc').ToDouble() | Should -BeGreaterThan 11.9999
        [NNTools.Linalg]::Norm($a, 1).ToDouble() | Should -Be 7
        $a.VectorNorm(1).ToDouble() | Should -Be 18
    }

    It 'Cholesky of a matrix that is not positive-definite names the minor' {
        $bad = New-Tensor @(@(1., 2), @(2., 1))
        { $bad.Cholesky() } | Should -Throw -ErrorId 'NotPositiveDefinite' -ExpectedMessage '*leading minor of order 2*'
    }
}

Describe 'LBFGS from a script' {
    It 'New-Optimizer LBFGS takes its own parameters' {
        $w = New-Tensor 0., 0 -RequiresGrad
        $optimizer = New-Optimizer LBFGS -Parameters $w -MaxIter 5 -HistorySize 3 -LineSearchFn StrongWolfe
        $optimizer.ParamGroups[0]['line_search_fn'] | Should -BeExactly 'strong_wolfe'
        $optimizer.ParamGroups[0]['max_eval'] | Should -Be 6
    }

    It 'Step-Optimizer -Closure minimizes a quadratic' {
        $w = New-Tensor 0., 0 -RequiresGrad
        $target = New-Tensor 3., -1
        $optimizer = New-Optimizer LBFGS -Parameters $w -LineSearchFn StrongWolfe
        Step-Optimizer $optimizer -Closure {
            $optimizer.ZeroGrad()
            $loss = $w.Sub($target).Pow(2).Sum()
            $loss.Backward()
            $loss
        }
        $w.Sub($target).Abs().Max().ToDouble() | Should -BeLessThan 1e-4
    }

    It 'the Step method takes a scriptblock as its closure' {
        $w = New-Tensor 0., 0 -RequiresGrad
        $optimizer = New-Optimizer LBFGS -Parameters $w
        $first = $optimizer.Step({ $optimizer.ZeroGrad(); $l = $w.Sub(1.0).Pow(2).Sum(); $l.Backward(); $l })
        $first.ToDouble() | Should -Be 2
        $w.Sub(1.0).Abs().Max().ToDouble() | Should -BeLessThan 1e-4
    }

    It 'a closure that outputs more than the loss is refused' {
        $w = New-Tensor 0., 0 -RequiresGrad
        $optimizer = New-Optimizer LBFGS -Parameters $w
        { Step-Optimizer $optimizer -Closure { 'noise'; $l = $w.Sum(); $l.Backward(); $l } -ErrorAction Stop } |
            Should -Throw -ErrorId 'ClosureResult,NNTools.Commands.StepOptimizerCommand' -ExpectedMessage '*2 object(s)*'
    }

    It 'Step-Optimizer without a closure says LBFGS needs one' {
        $optimizer = New-Optimizer LBFGS -Parameters (New-Tensor 0., 0 -RequiresGrad)
        { Step-Optimizer $optimizer -ErrorAction Stop } | Should -Throw -ErrorId 'ClosureRequired,NNTools.Commands.StepOptimizerCommand'
    }

    It 'its state crosses CliXml and resumes the same trajectory' {
        $w = New-Tensor 4., -3, 2 -RequiresGrad
        $optimizer = New-Optimizer LBFGS -Parameters $w -LearningRate 0.1 -MaxIter 3
        $closure = { param($o, $p) { $o.ZeroGrad(); $l = $p.Sub(1.0).Pow(4).Sum(); $l.Backward(); $l }.GetNewClosure() }
        Step-Optimizer $optimizer -Closure (& $closure $optimizer $w)
        $path = Join-Path $TestDrive 'lbfgs.xml'
        Export-Clixml -LiteralPath $path -InputObject $optimizer.StateDict()
        $state = Import-Clixml -LiteralPath $path
        $state.State[0]['old_dirs'] | Should -BeOfType ([NNTools.Tensor])
        $copy = $w.Detach().Clone().RequiresGrad_()
        $resumed = New-Optimizer LBFGS -Parameters $copy -LearningRate 0.1 -MaxIter 3
        $resumed.LoadStateDict($state)
        Step-Optimizer $optimizer -Closure (& $closure $optimizer $w)
        Step-Optimizer $resumed -Closure (& $closure $resumed $copy)
        $copy.ToDoubleArray() | Should -Be $w.ToDoubleArray()
    }

    It 'Start-Training -OptimizerType LBFGS fits a line' {
        $problem = New-Problem
        $records = @(Start-Training $problem.Model $problem.Data MSE -Epochs 3 -BatchSize 16 -OptimizerType LBFGS)
        $records[-1].Loss | Should -BeLessThan 1e-6
    }
}

Describe 'OneCycleLR and SequentialLR from a script' {
    BeforeEach {
        $optimizer = New-Optimizer SGD -Parameters ([NNTools.Tensor]::Zeros(2).RequiresGrad_()) -LearningRate 0.01 -Momentum 0.9
    }

    It 'OneCycleLR starts at MaxLr / DivFactor and cycles the momentum' {
        $schedule = New-LRScheduler OneCycleLR $optimizer -MaxLr 1.0 -TotalSteps 10
        # cos annealing at its start: 1.0 + (0.04 - 1.0) / 2 * 2, 0.04 to rounding, as in PyTorch
        [Math]::Abs($optimizer.ParamGroups[0].Lr - 0.04) | Should -BeLessThan 1e-15
        [Math]::Abs($optimizer.ParamGroups[0]['momentum'] - 0.95) | Should -BeLessThan 1e-15
        1..2 | ForEach-Object { $schedule.Step() }
        $optimizer.ParamGroups[0].Lr | Should -Be 1.0
        $optimizer.ParamGroups[0]['momentum'] | Should -Be 0.85
    }

    It 'OneCycleLR takes -Epochs and -StepsPerEpoch instead of -TotalSteps' {
        $schedule = New-LRScheduler OneCycleLR $optimizer -MaxLr 0.5 -Epochs 2 -StepsPerEpoch 5 -AnnealStrategy Linear -NoCycleMomentum
        $schedule.TotalSteps | Should -Be 10
        $optimizer.ParamGroups[0]['momentum'] | Should -Be 0.9
    }

    It 'OneCycleLR without a length is refused' {
        { New-LRScheduler OneCycleLR $optimizer -MaxLr 0.5 } | Should -Throw -ErrorId 'OneCycleTotalSteps,NNTools.Commands.NewLRSchedulerCommand'
    }

    It 'SequentialLR hands over at its milestone' {
        $warmup = New-LRScheduler LinearLR $optimizer -StartFactor 0.5 -TotalIters 2
        $decay = New-LRScheduler ExponentialLR $optimizer -Gamma 0.5
        $schedule = $optimizer | New-LRScheduler SequentialLR -Schedulers $warmup, $decay -Milestones 2
        $rates = @($optimizer.ParamGroups[0].Lr) + @(1..3 | ForEach-Object { $schedule.Step(); $optimizer.ParamGroups[0].Lr })
        $rates | Should -Be @(0.005, 0.0075, 0.01, 0.005)
    }

    It 'SequentialLR refuses a schedule of another optimizer' {
        $other = New-Optimizer SGD -Parameters ([NNTools.Tensor]::Zeros(2).RequiresGrad_())
        $a = New-LRScheduler StepLR $optimizer -StepSize 2
        $b = New-LRScheduler StepLR $other -StepSize 2
        { New-LRScheduler SequentialLR $optimizer -Schedulers $a, $b -Milestones 3 } |
            Should -Throw -ErrorId 'SequentialOptimizer,NNTools.Commands.NewLRSchedulerCommand'
    }

    It 'Start-Training steps a SequentialLR once per epoch' {
        $problem = New-Problem
        $sgd = New-Optimizer SGD $problem.Model -LearningRate 0.1
        $warmup = New-LRScheduler LinearLR $sgd -StartFactor 0.5 -TotalIters 2
        $decay = New-LRScheduler ExponentialLR $sgd -Gamma 0.5
        $schedule = New-LRScheduler SequentialLR $sgd -Schedulers $warmup, $decay -Milestones 2
        $records = @(Start-Training $problem.Model $problem.Data MSE -Epochs 4 -Optimizer $sgd -Scheduler $schedule)
        $records.LearningRate | ForEach-Object { [Math]::Round($_, 12) } | Should -Be @(0.05, 0.075, 0.1, 0.05)
    }
}
