using System.Management.Automation;
using NNTools.Data;
using NNTools.IO;
using NNTools.NN;
using NNTools.Optim;
using NNTools.Optim.Schedulers;
using NNTools.Training;

namespace NNTools.Commands;

/// <summary>
/// Start-Training: the training loop (NNTools.Training.Trainer) with progress bars, one EpochRecord
/// per epoch written as each epoch completes, validation, early stopping, checkpoints, schedules,
/// and Ctrl+C that stops after the current batch with the weights kept.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "Training", DefaultParameterSetName = OptimizerTypeSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(EpochRecord), typeof(TrainingResult))]
public sealed class StartTrainingCommand : NNToolsCmdlet
{
    private const string OptimizerSet = "Optimizer";
    private const string OptimizerTypeSet = "OptimizerType";
    private const int EpochActivity = 1;
    private const int BatchActivity = 2;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Module Model { get; set; } = null!;

    /// <summary>A DataLoader, or a data set batched with -BatchSize and -Shuffle.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNull]
    public object Data { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 2)]
    [ValidateNotNull]
    [LossTransformation]
    [ArgumentCompleter(typeof(LossNameCompleter))]
    public Loss Loss { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = OptimizerSet)]
    [ValidateNotNull]
    public Optimizer Optimizer { get; set; } = null!;

    [Parameter(ParameterSetName = OptimizerTypeSet)]
    [ValidateSet(typeof(OptimizerNames), IgnoreCase = true)]
    public string OptimizerType { get; set; } = "Adam";

    [Parameter(ParameterSetName = OptimizerTypeSet)]
    [Alias("Lr")]
    [ValidateRange(0.0, double.MaxValue)]
    public double? LearningRate { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Epochs { get; set; } = 10;

    /// <summary>The batch size when -Data or -ValidationData is a data set.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Shuffle -Data each epoch when it is a data set.</summary>
    [Parameter]
    public SwitchParameter Shuffle { get; set; }

    [Parameter]
    [ValidateNotNull]
    public object? ValidationData { get; set; }

    /// <summary>Stop when the validation (or training) loss has not improved for this many epochs; 0 never stops early.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Patience { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double MinDelta { get; set; }

    /// <summary>Scale the gradients before each step so their total 2-norm is at most this, as torch.nn.utils.clip_grad_norm_.</summary>
    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? ClipGradNorm { get; set; }

    [Parameter]
    [ValidateNotNull]
    public ILRScheduler? Scheduler { get; set; }

    /// <summary>A safetensors file the model is saved to every -CheckpointEvery epochs (replaced each time).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CheckpointPath { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int CheckpointEvery { get; set; } = 1;

    /// <summary>Let -CheckpointPath replace a file that exists before training starts.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write a record every N epochs (the last epoch's record always comes out).</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int RecordEvery { get; set; } = 1;

    /// <summary>Write the TrainingResult (history, stop reason, best epoch) after the records.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var train = DataArguments.ToLoader(Data, BatchSize, Shuffle);
        if (train is null) ThrowTerminatingError(DataArguments.NotData(nameof(Data), Data));
        DataLoader? validation = null;
        if (ValidationData is not null)
        {
            validation = DataArguments.ToLoader(ValidationData, BatchSize, shuffle: false);
            if (validation is null) ThrowTerminatingError(DataArguments.NotData(nameof(ValidationData), ValidationData));
        }
        // Listing the parameters walks the model, which refuses one that contains itself (ModuleCycle).
        List<Tensor> parameters = [];
        TryOrStop(() => parameters = Model.Parameters().ToList(), Model);
        if (parameters.Count == 0)
        {
            Stop("EmptyParameterList", ErrorCategory.InvalidArgument,
                $"the model {Model.GetType().Name} has no parameters (no Linear or other layer with weights, and no tensor property that requires grad), so there is nothing to train");
        }
        var optimizer = ParameterSetName == OptimizerSet ? Optimizer : CreateOptimizer(parameters);
        var optimized = optimizer.ParamGroups.SelectMany(g => g.Params).ToHashSet(ReferenceEqualityComparer.Instance);
        if (!parameters.Any(optimized.Contains))
        {
            Stop("OptimizerModelMismatch", ErrorCategory.InvalidArgument,
                "-Optimizer holds none of the model's parameters, so training would change nothing; build it from this model (New-Optimizer -Model $model)");
        }
        if (Scheduler is not null && !ReferenceEquals(Scheduler.Optimizer, optimizer))
        {
            Stop("SchedulerOptimizerMismatch", ErrorCategory.InvalidArgument,
                "-Scheduler schedules another optimizer than the one training uses; build it on the same optimizer (New-LRScheduler -Optimizer $optimizer) and pass that optimizer with -Optimizer");
        }
        string? checkpoint = CheckpointPath is null ? null : FileSystemPath(CheckpointPath);
        // A missing folder or a file in the way fails now, not after the first epochs.
        if (checkpoint is not null) TryOrStop(() => AtomicFile.CheckTarget(checkpoint, Force), checkpoint);
        if (!ShouldProcess(Model.GetType().Name, $"Train for {Epochs} epochs")) return;

        var options = new TrainingOptions
        {
            Epochs = Epochs,
            Validation = validation,
            Scheduler = Scheduler,
            Patience = Patience,
            ClipGradNorm = ClipGradNorm,
            MinDelta = MinDelta,
            CheckpointEvery = CheckpointEvery,
            Checkpoint = checkpoint is null ? null : (model, _) => ModelFile.Save(checkpoint, model, overwrite: true),
        };
        Run(new Trainer(Model, Loss, optimizer), train!, options);
    }

    // The type's PyTorch defaults, as New-Optimizer gives them, with -LearningRate when given.
    private Optimizer CreateOptimizer(List<Tensor> p) => OptimizerCatalog.Find(OptimizerType).Build(p, LearningRate, null, new Dictionary<string, object?>());

    private void Run(Trainer trainer, DataLoader train, TrainingOptions options)
    {
        int lastWritten = 0;
        double? lastLoss = null;
        var epochBar = new ProgressRecord(EpochActivity, "Training", $"Epoch 1/{Epochs}");
        var batchBar = new ProgressRecord(BatchActivity, "Epoch 1", "Batch 0") { ParentActivityId = EpochActivity };
        // The bars are refreshed at most every 100 ms: a progress record per batch costs a noticeable
        // share of a small model's step (docs/perf-log.md). Epoch ends are no exception (a small
        // model's epoch takes milliseconds); the bars are completed when training ends.
        long nextRefresh = 0;
        trainer.BatchCompleted += progress =>
        {
            if (Stopping) return;
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            if (now < nextRefresh) return;
            nextRefresh = now + System.Diagnostics.Stopwatch.Frequency / 10;
            double done = ((progress.Epoch - 1) + (double)progress.Batch / Math.Max(progress.Batches, 1)) / Math.Max(progress.Epochs, 1);
            epochBar.StatusDescription = $"Epoch {progress.Epoch}/{progress.Epochs}" + (lastLoss is double l ? $", loss {l:G5}" : "");
            epochBar.PercentComplete = (int)Math.Clamp(done * 100, 0, 100);
            epochBar.SecondsRemaining = done > 0 ? (int)Math.Ceiling(progress.Elapsed.TotalSeconds * (1 - done) / done) : -1;
            WriteProgress(epochBar);
            batchBar.Activity = $"Epoch {progress.Epoch}";
            batchBar.StatusDescription = $"Batch {progress.Batch}/{progress.Batches}, running loss {progress.RunningLoss:G5}";
            batchBar.PercentComplete = (int)Math.Clamp(100.0 * progress.Batch / Math.Max(progress.Batches, 1), 0, 100);
            WriteProgress(batchBar);
        };
        trainer.EpochCompleted += record =>
        {
            lastLoss = record.Loss;
            if (Stopping || record.Epoch % RecordEvery != 0) return;
            WriteObject(record);
            lastWritten = record.Epoch;
        };

        TrainingResult result;
        try
        {
            result = trainer.Fit(train, options, StopToken);
        }
        catch (Exception e) when (EngineErrors.Find(e) is { } engine)
        {
            // A checkpoint that cannot be written names its file; anything else is the model's.
            ThrowTerminatingError(ToErrorRecord(engine, engine is TensorFileException file ? file.Path : Model));
            return;
        }
        finally
        {
            if (!Stopping) CompleteProgress(epochBar, batchBar);
        }
        if (result.Reason == StopReason.Cancelled || Stopping) return;
        if (result.History.Count > 0 && result.History[^1].Epoch != lastWritten) WriteObject(result.History[^1]);
        // The run stopped on bad numbers: the records so far are written, and the error says why (non-terminating,
        // so a script that collects the records still gets them).
        if (result.Reason is StopReason.NonFiniteLoss or StopReason.NonFiniteWeights or StopReason.NonFiniteValidationLoss)
        {
            WriteError(ToErrorRecord(new TensorDataException(result.Reason.ToString(), result.Message), Model));
        }
        if (PassThru) WriteObject(result);
    }

    private void CompleteProgress(ProgressRecord epochBar, ProgressRecord batchBar)
    {
        batchBar.RecordType = ProgressRecordType.Completed;
        WriteProgress(batchBar);
        epochBar.RecordType = ProgressRecordType.Completed;
        WriteProgress(epochBar);
    }
}
