namespace NNTools.Training;

/// <summary>
/// One line of a training run's history: what Start-Training writes to the pipeline each epoch.
/// Validation figures are null without validation data; accuracy is null for regression losses.
/// </summary>
public sealed record EpochRecord(
    int Epoch,
    double Loss,
    double? ValidationLoss,
    double? Accuracy,
    double? ValidationAccuracy,
    double LearningRate,
    TimeSpan Elapsed);

/// <summary>Why a training run ended.</summary>
public enum StopReason
{
    /// <summary>Every requested epoch ran.</summary>
    Completed,
    /// <summary>The monitored loss stopped improving for the patience window.</summary>
    EarlyStopped,
    /// <summary>Cancelled (Ctrl+C): stopped after the current batch.</summary>
    Cancelled,
    /// <summary>A loss became NaN or infinite; the weights are those from before the bad step.</summary>
    NonFiniteLoss,
    /// <summary>An optimizer step made a weight NaN or infinite; the weights are put back to those at the start of that epoch.</summary>
    NonFiniteWeights,
    /// <summary>The validation loss was NaN or infinite (as Lightning's EarlyStopping check_finite): the weights are kept.</summary>
    NonFiniteValidationLoss,
}

/// <summary>The outcome of <see cref="Trainer.Fit"/>: the history, why it stopped and which epoch was best.</summary>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> History, StopReason Reason, string Message, int BestEpoch);

/// <summary>Progress inside an epoch, for progress bars: epoch and batch counters and the running loss.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double RunningLoss, TimeSpan Elapsed);
