using System.Globalization;
using NNTools.Autograd;

namespace NNTools.NN;

/// <summary>
/// Batch normalisation over the channel dim (dim 1), as nn.BatchNorm1d ([N, C] or [N, C, L]) and
/// nn.BatchNorm2d ([N, C, H, W]). In training, each channel is normalised by the batch's mean and
/// biased variance, and the running statistics move towards the batch's (the variance unbiased):
/// <code>
/// y = (x − mean) / √(var + eps) · weight + bias
/// running_mean = momentum · mean + (1 − momentum) · running_mean   (and running_var with var · n / (n − 1))
/// </code>
/// In eval mode the running statistics normalise instead. weight starts at 1, bias at 0, the running
/// mean at 0 and variance at 1; "num_batches_tracked" counts the training batches, as in PyTorch's
/// state dicts.
/// </summary>
public class BatchNorm : Module
{
    private readonly int[] _ranks;

    private protected BatchNorm(int numFeatures, double eps, double momentum, bool affine, bool trackRunningStats, int[] ranks)
    {
        if (numFeatures <= 0) throw Raise(new TensorArgumentException("InvalidFeatures", $"{GetType().Name} needs a positive num_features, got {numFeatures}"));
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        _ranks = ranks;
        if (affine)
        {
            Weight = Tensor.Ones([numFeatures], DType.Float32).RequiresGrad_();
            Bias = Tensor.Zeros([numFeatures], DType.Float32).RequiresGrad_();
            RegisterParameter("weight", Weight);
            RegisterParameter("bias", Bias);
        }
        if (trackRunningStats)
        {
            RunningMean = Tensor.Zeros([numFeatures], DType.Float32);
            RunningVar = Tensor.Ones([numFeatures], DType.Float32);
            NumBatchesTracked = Tensor.Zeros([], DType.Int64);
            RegisterBuffer("running_mean", RunningMean);
            RegisterBuffer("running_var", RunningVar);
            RegisterBuffer("num_batches_tracked", NumBatchesTracked);
        }
    }

    public int NumFeatures { get; }

    public double Eps { get; }

    public double Momentum { get; }

    public Tensor? Weight { get; }

    public Tensor? Bias { get; }

    public Tensor? RunningMean { get; }

    public Tensor? RunningVar { get; }

    public Tensor? NumBatchesTracked { get; }

    public override Tensor Forward(Tensor input)
    {
        ThrowIfNull(input);
        if (!_ranks.Contains(input.Ndim) || input.Size(1) != NumFeatures)
        {
            throw Raise(new ShapeMismatchException("BatchNormInputShape",
                $"{GetType().Name}({NumFeatures}) expects input of rank {string.Join(" or ", _ranks)} with {NumFeatures} channels in dim 1, got shape {Shapes.Format(input.Sizes)}"));
        }
        int[] dims = [0, .. Enumerable.Range(2, input.Ndim - 2)];
        int[] statShape = [1, NumFeatures, .. Enumerable.Repeat(1, input.Ndim - 2)];
        Tensor mean, variance;
        if (Training || RunningMean is null)
        {
            long count = input.Numel() / NumFeatures;
            if (Training && count <= 1)
            {
                throw Raise(new TensorArgumentException("BatchNormSingleValue",
                    $"Expected more than 1 value per channel when training, got input size {Shapes.Format(input.Sizes)}"));
            }
            mean = input.Mean(dims, keepDim: true);
            variance = input.Var(dims, correction: 0, keepDim: true);
            if (Training && RunningMean is not null) UpdateRunningStats(mean, variance, count);
        }
        else
        {
            mean = RunningMean.View(statShape);
            variance = RunningVar!.View(statShape);
        }
        var y = (input - mean) * (variance + Eps).Rsqrt();
        return Weight is null ? y : y * Weight.View(statShape) + Bias!.View(statShape);
    }

    private void UpdateRunningStats(Tensor mean, Tensor variance, long count)
    {
        using var _ = GradMode.NoGrad();
        var m = mean.Detach().Flatten();
        var v = variance.Detach().Flatten() * ((double)count / (count - 1));
        RunningMean!.Copy_(m * Momentum + RunningMean * (1 - Momentum));
        RunningVar!.Copy_(v * Momentum + RunningVar * (1 - Momentum));
        NumBatchesTracked!.Add_(Tensor.Scalar(1, DType.Int64));
    }

    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture,
        $"{NumFeatures}, eps={Optim.PyFormat.Number(Eps)}, momentum={Optim.PyFormat.Number(Momentum)}, affine={(Weight is null ? "False" : "True")}, track_running_stats={(RunningMean is null ? "False" : "True")}");
}

/// <summary>nn.BatchNorm1d: batch normalisation of [N, C] or [N, C, L] inputs over the channel dim.</summary>
public sealed class BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    : BatchNorm(numFeatures, eps, momentum, affine, trackRunningStats, [2, 3]);

/// <summary>nn.BatchNorm2d: batch normalisation of [N, C, H, W] images over the channel dim.</summary>
public sealed class BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    : BatchNorm(numFeatures, eps, momentum, affine, trackRunningStats, [4]);
