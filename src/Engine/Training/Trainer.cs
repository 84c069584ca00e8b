using System.Diagnostics;
using NNTools.Autograd;
using NNTools.Data;
using NNTools.NN;
using NNTools.Optim;
using NNTools.Optim.Schedulers;

namespace NNTools.Training;

/// <summary>What a training run does: the loop's knobs, with PyTorch-tutorial defaults.</summary>
public sealed class TrainingOptions
{
    public int Epochs { get; init; } = 10;

    /// <summary>Data to measure after every epoch (no gradient, eval mode); null for none.</summary>
    public DataLoader? Validation { get; init; }

    /// <summary>A learning-rate schedule stepped once per epoch (ReduceLROnPlateau gets the monitored loss).</summary>
    public ILRScheduler? Scheduler { get; init; }

    /// <summary>Stop when the monitored loss has not improved by <see cref="MinDelta"/> for this many epochs; 0 disables.</summary>
    public int Patience { get; init; }

    public double MinDelta { get; init; }

    /// <summary>On early stopping, put back the weights of the best epoch.</summary>
    public bool RestoreBestWeights { get; init; } = true;

    /// <summary>Called with the model and the epoch number after every <see cref="CheckpointEvery"/> epochs (e.g. to save a file).</summary>
    public Action<Module, int>? Checkpoint { get; init; }

    public int CheckpointEvery { get; init; } = 1;

    /// <summary>
    /// After each step, ask for a young-generation collection when the step's garbage would push the
    /// allocation since the last one past a budget (Autograd.StepRecycler): the next steps then reuse
    /// mapped memory and pooled buffers. On by default; off leaves every collection to the GC.
    /// </summary>
    public bool RecycleBetweenSteps { get; init; } = true;

    /// <summary>Before each step, scale the gradients so that their total 2-norm is at most this (clip_grad_norm_); null for none.</summary>
    public double? ClipGradNorm { get; init; }
}

/// <summary>
/// The training loop Start-Training wraps: epochs over a loader, loss, backward, optimizer step,
/// optional validation, accuracy for classification losses, one <see cref="EpochRecord"/> per
/// epoch, early stopping with restore of the best weights, checkpoints, cancellation that stops
/// after the current batch, and a stop with a clear reason when the loss, a weight after a step or
/// the validation loss turns NaN or infinite. Empty data is refused before the first epoch.
/// </summary>
public sealed class Trainer(Module model, Loss loss, Optimizer optimizer)
{
    public Module Model { get; } = model ?? throw Raise(NullArgument(nameof(model), nameof(Trainer)));

    public Loss Loss { get; } = loss ?? throw Raise(NullArgument(nameof(loss), nameof(Trainer)));

    public Optimizer Optimizer { get; } = optimizer ?? throw Raise(NullArgument(nameof(optimizer), nameof(Trainer)));

    /// <summary>Raised after every epoch with its record (Start-Training writes it to the pipeline).</summary>
    public event Action<EpochRecord>? EpochCompleted;

    /// <summary>Raised after every batch, for progress bars.</summary>
    public event Action<TrainingProgress>? BatchCompleted;

    public TrainingResult Fit(DataLoader train, TrainingOptions options, CancellationToken cancellation = default)
    {
        ThrowIfNull(train);
        ThrowIfNull(options);
        if (options.Epochs < 0) throw Raise(new TensorArgumentException("InvalidEpochs", $"epochs must be non-negative, got {options.Epochs}"));
        // An empty loader would run epochs of no batches and report a NaN loss as if training had completed.
        if (train.Count == 0) throw Raise(EmptyDataError("training data", train));
        if (options.Validation is { Count: 0 } emptyValidation) throw Raise(EmptyDataError("validation data", emptyValidation));
        // A model trained on a table keeps the table's preprocessing and class names, so it can score new rows.
        if (train.Dataset.Preprocessing is { } preprocessing) Model.Preprocessing = preprocessing;
        var history = new List<EpochRecord>();
        // Listed once: enumerating a model's parameters walks its modules (about 2 us for a small MLP),
        // and the finiteness check runs every step.
        var parameters = Model.Parameters().ToArray();
        // The weights at the start of the epoch, put back if a step makes one non-finite: one copy per
        // epoch into buffers allocated once, where keeping the weights before every step would double
        // the memory traffic of the optimizer's update.
        var epochStart = new WeightSnapshot(parameters);
        var clock = Stopwatch.StartNew();
        double best = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0;
        Dictionary<string, Tensor>? bestWeights = null;

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            Model.Train();
            epochStart.Take();
            var (trainLoss, trainAcc, stop) = RunEpoch(train, parameters, epoch, options, clock, cancellation);
            if (stop is not null)
            {
                var message = stop switch
                {
                    StopReason.Cancelled => $"training cancelled during epoch {epoch}; the model keeps the weights of its last completed batch",
                    StopReason.NonFiniteWeights => NonFiniteWeightsMessage(parameters, epoch, epochStart),
                    _ => $"the loss or its gradient became {trainLoss} in epoch {epoch}; the weights are those from before that step. Try a smaller learning rate.",
                };
                return new TrainingResult(history, stop.Value, message, bestEpoch);
            }
            double? valLoss = null, valAcc = null;
            if (options.Validation is not null) (valLoss, valAcc) = Evaluate(options.Validation);
            var record = new EpochRecord(epoch, trainLoss, valLoss, trainAcc, valAcc, Optimizer.ParamGroups[0].Lr, clock.Elapsed);
            history.Add(record);
            EpochCompleted?.Invoke(record);
            // A NaN validation loss never improves, so early stopping would end the run as if it had
            // converged; like Lightning's EarlyStopping(check_finite=True), stop now and say why.
            if (valLoss is double v && !double.IsFinite(v))
            {
                return new TrainingResult(history, StopReason.NonFiniteValidationLoss, NonFiniteValidationMessage(options.Validation!, v, epoch), bestEpoch);
            }

            double monitored = valLoss ?? trainLoss;
            if (options.Scheduler is ReduceLROnPlateau plateau) plateau.Step(monitored);
            else if (options.Scheduler is LRScheduler schedule) schedule.Step();

            if (monitored < best - options.MinDelta)
            {
                best = monitored;
                bestEpoch = epoch;
                sinceBest = 0;
                if (options.Patience > 0 && options.RestoreBestWeights) bestWeights = SnapshotWeights();
            }
            else
            {
                sinceBest++;
            }
            if (options.Checkpoint is not null && options.CheckpointEvery > 0 && epoch % options.CheckpointEvery == 0)
            {
                options.Checkpoint(Model, epoch);
            }
            if (options.Patience > 0 && sinceBest >= options.Patience)
            {
                if (bestWeights is not null) Model.LoadStateDict(bestWeights);
                return new TrainingResult(history, StopReason.EarlyStopped,
                    $"no improvement of the {(valLoss is null ? "training" : "validation")} loss for {options.Patience} epochs; stopped after epoch {epoch}, best epoch {bestEpoch} ({best:G6})", bestEpoch);
            }
        }
        return new TrainingResult(history, StopReason.Completed, $"completed {options.Epochs} epochs", bestEpoch);
    }

    private (double Loss, double? Accuracy, StopReason? Stop) RunEpoch(DataLoader train, Tensor[] parameters, int epoch, TrainingOptions options,
        Stopwatch clock, CancellationToken cancellation)
    {
        double total = 0;
        long correct = 0, counted = 0, items = 0;
        bool classification = false;
        int batchIndex = 0, batches = train.Count;
        foreach (var batch in train)
        {
            if (cancellation.IsCancellationRequested) return (items > 0 ? total / items : double.NaN, null, StopReason.Cancelled);
            var target = batch.Target ?? throw Raise(new TensorArgumentException("MissingTarget", "training needs a data set whose items are (input, target) pairs"));
            // Zeroed in place, as PyTorch 1.13's zero_grad() default: the gradient buffers are
            // reused every step instead of reallocated (a 500x500 weight is 1 MB per step).
            Optimizer.ZeroGrad(setToNone: false);
            var output = Model.Invoke(batch.Input);
            var lossValue = Loss.Compute(output, target);
            double l = lossValue.ToDouble();
            if (!double.IsFinite(l)) return (l, null, StopReason.NonFiniteLoss);
            lossValue.Backward();
            // A finite loss can still have an infinite gradient; stepping would poison the weights.
            if (!GradientsFinite(parameters)) return (double.NaN, null, StopReason.NonFiniteLoss);
            if (options.ClipGradNorm is double maxNorm) GradClip.ClipGradNorm(parameters, maxNorm);
            if (Optimizer.RequiresClosure) Optimizer.Step(() => Reevaluate(batch.Input, target, parameters, options));
            else Optimizer.Step();
            // Finite gradients can still overflow a weight (a huge learning rate): stop before the next
            // forward pass turns it into a NaN loss that no longer says where it came from.
            if (!AllFinite(parameters)) return (double.NaN, null, StopReason.NonFiniteWeights);
            int n = batch.Size;
            total += l * n;
            items += n;
            if (Metrics.Correct(Loss, output, target) is long c)
            {
                classification = true;
                correct += c;
                counted += n;
            }
            batchIndex++;
            // The step's activations and gradients are garbage now (backward freed the graph).
            if (options.RecycleBetweenSteps) StepRecycler.Current.RecycleIfDue();
            // Between steps no kernel runs: the buffers of this step's dead activations can be reused.
            BufferPool.Reclaim();
            BatchCompleted?.Invoke(new TrainingProgress(epoch, options.Epochs, batchIndex, batches, total / items, clock.Elapsed));
        }
        return (items > 0 ? total / items : double.NaN, classification && counted > 0 ? (double)correct / counted : null, null);
    }

    /// <summary>
    /// The closure an optimizer such as LBFGS evaluates as often as it needs: the batch's loss again, with
    /// fresh gradients (clipped as the first ones were). The epoch's record keeps the first evaluation's loss.
    /// </summary>
    private Tensor Reevaluate(Tensor input, Tensor target, Tensor[] parameters, TrainingOptions options)
    {
        Optimizer.ZeroGrad(setToNone: false);
        var lossValue = Loss.Compute(Model.Invoke(input), target);
        lossValue.Backward();
        if (options.ClipGradNorm is double maxNorm) GradClip.ClipGradNorm(parameters, maxNorm);
        return lossValue;
    }

    /// <summary>Mean loss and accuracy over a loader, in eval mode without gradients; restores the previous mode.</summary>
    public (double Loss, double? Accuracy) Evaluate(DataLoader data)
    {
        var result = Evaluation.Run(Model, Loss, data);
        return (result.Loss, result.Accuracy);
    }

    private Dictionary<string, Tensor> SnapshotWeights() =>
        Model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.ContiguousCopy());

    private static bool AllFinite(Tensor[] tensors)
    {
        foreach (var t in tensors)
        {
            if (!t.AllFinite()) return false;
        }
        return true;
    }

    /// <summary>Names the first non-finite weight, then puts back the weights from the start of the epoch.</summary>
    private static string NonFiniteWeightsMessage(Tensor[] parameters, int epoch, WeightSnapshot epochStart)
    {
        int i = Array.FindIndex(parameters, p => !p.AllFinite());
        var shape = i >= 0 ? Shapes.Format(parameters[i].Sizes) : "?";
        epochStart.Restore();
        return $"an optimizer step in epoch {epoch} made parameter {i} (shape {shape}) NaN or infinite although the loss and gradients were finite; " +
            $"the weights were put back to those at the start of epoch {epoch} (the optimizer's state was not). Try a smaller learning rate.";
    }

    /// <summary>Says whether the validation data itself holds NaN or infinite values, or only the model's output on it is not finite.</summary>
    private static string NonFiniteValidationMessage(DataLoader validation, double loss, int epoch)
    {
        bool dataFinite = true;
        foreach (var batch in validation)
        {
            dataFinite &= batch.Input.AllFinite() && (batch.Target is not { } t || !t.IsFloatingPoint() || t.AllFinite());
            if (!dataFinite) break;
        }
        var cause = dataFinite ? "the model's output on it is not finite although the data is" : "the validation data contains NaN or infinite values";
        return $"the validation loss was {loss} after epoch {epoch}: {cause}; training stopped, the weights are those after epoch {epoch}";
    }

    private static TensorArgumentException EmptyDataError(string what, DataLoader loader) => new("EmptyDataset",
        $"the {what} has no batches ({loader.Dataset.Count} items, batch size {loader.BatchSize}{(loader.DropLast ? ", the last partial batch dropped" : "")}); training needs at least one (input, target) pair");

    /// <summary>Copies of tensors' values in buffers allocated once, taken and put back in place.</summary>
    private sealed class WeightSnapshot(Tensor[] tensors)
    {
        private readonly Tensor[] _copies = Array.ConvertAll(tensors, t => t.LongLivedCopy());

        public void Take()
        {
            for (int i = 0; i < tensors.Length; i++) _copies[i].CopyRaw(tensors[i]);
        }

        public void Restore()
        {
            for (int i = 0; i < tensors.Length; i++) tensors[i].CopyRaw(_copies[i]);
        }
    }

    private static bool GradientsFinite(Tensor[] parameters)
    {
        foreach (var p in parameters)
        {
            if (p.Grad is { } g && !g.AllFinite()) return false;
        }
        return true;
    }
}
