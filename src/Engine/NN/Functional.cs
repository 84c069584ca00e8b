namespace NNTools.NN;

/// <summary>How a loss combines per-element losses: their mean (the default), their sum, or none (per element).</summary>
public enum Reduction
{
    Mean,
    Sum,
    None,

    /// <summary>The sum divided by the batch size (the input's first dim): KLDiv's alone, as torch's 'batchmean'.</summary>
    BatchMean,
}

/// <summary>
/// Loss functions as plain functions (torch.nn.functional). Each checks shapes and dtypes first and
/// names both shapes in its error, then composes differentiable tensor ops, so autograd supplies the
/// backward.
/// </summary>
public static partial class Functional
{
    /// <summary>(input - target)², reduced.</summary>
    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        RefuseBatchMean("mse_loss", reduction);
        CheckSameShape("mse_loss", input, target);
        target = NumericTarget(input, target);
        if (reduction != Reduction.None && input.DType == target.DType && input.DType.IsFloating())
        {
            return Tensor.MseLossReduced(input, target, reduction == Reduction.Mean);
        }
        var d = input - target;
        return Reduce(d * d, reduction);
    }

    /// <summary>|input - target|, reduced.</summary>
    public static Tensor L1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean)
    {
        RefuseBatchMean("l1_loss", reduction);
        CheckSameShape("l1_loss", input, target);
        return Reduce((input - target).Abs(), reduction);
    }

    /// <summary>0.5 d² / beta where |d| &lt; beta, |d| - 0.5 beta elsewhere, as smooth_l1_loss.</summary>
    public static Tensor SmoothL1Loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double beta = 1.0)
    {
        RefuseBatchMean("smooth_l1_loss", reduction);
        CheckSameShape("smooth_l1_loss", input, target);
        target = NumericTarget(input, target);
        if (beta < 0) throw Raise(new TensorArgumentException("InvalidBeta", $"smooth_l1_loss does not support negative values for beta, got {beta}"));
        var d = (input - target).Abs();
        if (beta == 0) return Reduce(d, reduction);
        var loss = Tensor.Where(d.Lt(beta), d * d * (0.5 / beta), d - 0.5 * beta);
        return Reduce(loss, reduction);
    }

    /// <summary>0.5 d² where |d| &lt; delta, delta (|d| - 0.5 delta) elsewhere, as huber_loss.</summary>
    public static Tensor HuberLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean, double delta = 1.0)
    {
        RefuseBatchMean("huber_loss", reduction);
        CheckSameShape("huber_loss", input, target);
        target = NumericTarget(input, target);
        if (delta <= 0) throw Raise(new TensorArgumentException("InvalidDelta", $"huber_loss does not support non-positive values for delta, got {delta}"));
        var d = (input - target).Abs();
        var loss = Tensor.Where(d.Lt(delta), d * d * 0.5, (d - 0.5 * delta) * delta);
        // torch writes huber_loss into a tensor like the input: a float64 target still gives a float32 loss.
        if (input.DType.IsFloating()) loss = loss.To(input.DType);
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// -(y log p + (1 - y) log(1 - p)) for probabilities p, with each log clamped at -100 as PyTorch
    /// does so that p = 0 or 1 gives a finite loss. Optional per-element <paramref name="weight"/>.
    /// One graph node with PyTorch's own backward: differentiating the composition would multiply the
    /// clamp's zero gradient by log's infinite one at p = 0 or 1 and give NaN, and a float32 sigmoid
    /// saturates to exactly 1 in ordinary training.
    /// </summary>
    public static Tensor BinaryCrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        RefuseBatchMean("binary_cross_entropy", reduction);
        CheckSameShape("binary_cross_entropy", input, target);
        CheckFloating("binary_cross_entropy", input, target);
        CheckBroadcastsTo("binary_cross_entropy", "weight", weight, input);
        foreach (var p in input.ToDoubleArray())
        {
            if (!(p >= 0 && p <= 1))
            {
                throw Raise(BceInputRangeError(p));
            }
        }
        Tensor result;
        using (Autograd.GradMode.NoGrad())
        {
            var loss = -(target * ClampedLog(input) + (1.0 - target) * ClampedLog(1.0 - input));
            if (weight is not null) loss = loss * weight;
            result = Reduce(loss, reduction);
        }
        return Tensor.Record(result, "BinaryCrossEntropyBackward0", [input, target],
            g => BinaryCrossEntropyBackward(g, input, target, weight, reduction), input, target);
    }

    /// <summary>
    /// PyTorch's binary_cross_entropy backward: for the input (p - y) / max(p (1 - p), 1e-12), finite
    /// at p = 0 and 1; for the target log(1 - p) - log(p), each log clamped at -100. Both are scaled by
    /// the upstream gradient (over the element count for the mean) and the weight.
    /// </summary>
    private static Tensor?[] BinaryCrossEntropyBackward(Tensor g, Tensor input, Tensor target, Tensor? weight, Reduction reduction)
    {
        var scale = reduction == Reduction.Mean ? g / (double)input.Numel() : g;
        if (weight is not null) scale = scale * weight;
        var gradInput = !input.RequiresGrad ? null
            : Tensor.DifferentiableBackward ? BinaryCrossEntropyGradRecorded(g, input, target, weight, reduction)
            : scale * (input - target) / ((1.0 - input) * input).Clamp(min: BceEpsilon);
        var gradTarget = target.RequiresGrad ? scale * (ClampedLog(1.0 - input) - ClampedLog(input)) : null;
        return [gradInput, gradTarget];
    }

    private static Tensor ClampedLog(Tensor x) => x.Log().Clamp(min: -100);

    // PyTorch's EPSILON for BCE's backward is the float 1e-12, widened: float64 gradients near p = 0 or
    // 1 divide by this value, not by the double 1e-12.
    private const double BceEpsilon = 1e-12f;

    /// <summary>
    /// Binary cross-entropy on logits x, stable for any x: (1 - y) x + m + log(e^-m + e^(-x-m)) with
    /// m = max(-x, 0), as PyTorch computes it. <paramref name="posWeight"/> weighs the positive term.
    /// </summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor? weight = null, Tensor? posWeight = null, Reduction reduction = Reduction.Mean)
    {
        RefuseBatchMean("binary_cross_entropy_with_logits", reduction);
        CheckSameShape("binary_cross_entropy_with_logits", input, target);
        CheckFloating("binary_cross_entropy_with_logits", input, target);
        CheckBroadcastsTo("binary_cross_entropy_with_logits", "weight", weight, input);
        CheckBroadcastsTo("binary_cross_entropy_with_logits", "pos_weight", posWeight, input);
        var maxVal = (-input).Clamp(min: 0);
        Tensor loss;
        if (posWeight is not null)
        {
            var logWeight = (posWeight - 1.0) * target + 1.0;
            loss = (1.0 - target) * input + logWeight * (((-maxVal).Exp() + (-input - maxVal).Exp()).Log() + maxVal);
        }
        else
        {
            loss = (1.0 - target) * input + maxVal + ((-maxVal).Exp() + (-input - maxVal).Exp()).Log();
        }
        if (weight is not null) loss = loss * weight;
        return Reduce(loss, reduction);
    }

    /// <summary>
    /// Negative log-likelihood of class indices given log-probabilities: input [N, C] (or [C], or
    /// [N, C, d...]) and int64 target [N] (or [], [N, d...]). With class weights the mean divides by
    /// the sum of the targets' weights, as PyTorch. Targets equal to <paramref name="ignoreIndex"/> count for nothing.
    /// </summary>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100)
    {
        RefuseBatchMean("nll_loss", reduction);
        var (logp, tgt) = ClassLayout("nll_loss", input, target);
        int classes = logp.Size(1);
        foreach (var t in tgt.ToInt64Array())
        {
            if (t != ignoreIndex && (t < 0 || t >= classes))
            {
                throw Raise(TargetOutOfBoundsError(t, classes));
            }
        }
        // Each sample's log-probability is gathered at its target, never multiplied by a one-hot mask:
        // 0 · -inf is NaN, and a -inf logit on a class other than the target is a valid input.
        // Ignored samples gather class 0 and are replaced by 0 afterwards.
        var valid = tgt.Ne(ignoreIndex);
        var index = Tensor.Where(valid, tgt, Tensor.ZerosLike(tgt)).Unsqueeze(1);
        var picked = logp.Gather(1, index).Squeeze(1);
        var sampleWeight = weight is null ? valid.To(logp.DType) : weight.To(logp.DType).IndexSelect(0, index.Squeeze(1)) * valid.To(logp.DType);
        var loss = Tensor.Where(valid, -picked * sampleWeight, 0.0);
        return reduction switch
        {
            Reduction.None => loss.Reshape(target.Shape),
            Reduction.Sum => loss.Sum(),
            _ => loss.Sum() / sampleWeight.Sum(),
        };
    }

    /// <summary>
    /// Cross-entropy of logits [N, C] (or [C], [N, C, d...]) against int64 class indices, or against
    /// class probabilities of the input's shape, with optional label smoothing: log_softmax then NLL.
    /// </summary>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100, double labelSmoothing = 0)
    {
        RefuseBatchMean("cross_entropy", reduction);
        if (labelSmoothing < 0 || labelSmoothing > 1)
        {
            throw Raise(new TensorArgumentException("InvalidLabelSmoothing", $"label_smoothing must be between 0.0 and 1.0. Got: {labelSmoothing}"));
        }
        int classDim = input.Ndim == 1 ? 0 : 1;
        var logp = input.LogSoftmax(classDim);
        if (target.DType.IsFloating())
        {
            CheckSameShape("cross_entropy", input, target);
            if (ignoreIndex >= 0)
            {
                throw Raise(new TensorArgumentException("IgnoreIndexWithProbabilities",
                    $"cross_entropy: ignore_index ({ignoreIndex}) is not supported for floating point (class probability) targets"));
            }
            int c = input.Size(classDim);
            var t = labelSmoothing > 0 ? target * (1 - labelSmoothing) + labelSmoothing / c : target;
            var w = weight is null ? logp * t : logp * t * ClassWeightView(weight, input.Ndim, classDim);
            var loss = -w.Sum(classDim);
            return reduction switch
            {
                Reduction.None => loss,
                Reduction.Sum => loss.Sum(),
                _ => input.Ndim == 1 ? loss.Sum() : loss.Sum() / (double)(input.Numel() / c),
            };
        }
        var nll = NllLoss(logp, target, weight, reduction, ignoreIndex);
        if (labelSmoothing == 0) return nll;
        var (flat, tgt) = ClassLayout("cross_entropy", logp, target);
        int classes = flat.Size(1);
        var validMask = tgt.Ne(ignoreIndex);
        var valid = validMask.To(flat.DType);
        var smooth = weight is null ? -flat.Sum(1) : -(flat * weight.To(flat.DType).View(1, classes)).Sum(1);
        // Selected, not multiplied by the mask: when every target is ignored the mean's 1/0 gradient times 0 would be NaN.
        smooth = Tensor.Where(validMask, smooth, 0.0);
        Tensor smoothReduced = reduction switch
        {
            Reduction.None => smooth.Reshape(target.Shape),
            Reduction.Sum => smooth.Sum(),
            _ => weight is null
                ? smooth.Sum() / valid.Sum()
                : smooth.Sum() / (tgt.Unsqueeze(1).Eq(Tensor.Arange(0, classes, 1).View(1, classes)).To(flat.DType) * weight.To(flat.DType).View(1, classes)).Sum(1).Mul(valid).Sum(),
        };
        return nll * (1 - labelSmoothing) + smoothReduced * (labelSmoothing / classes);
    }

    private static Tensor ClassWeightView(Tensor weight, int rank, int classDim)
    {
        var shape = Enumerable.Repeat(1, rank).ToArray();
        shape[classDim] = weight.Numel();
        return weight.View(shape);
    }

    /// <summary>Brings class-index inputs to [M, C] log-probabilities and [M] targets, checking the shapes PyTorch checks.</summary>
    private static (Tensor LogP, Tensor Target) ClassLayout(string op, Tensor input, Tensor target)
    {
        if (target.DType != DType.Int64)
        {
            throw Raise(TargetDTypeError(op, target));
        }
        if (input.Ndim == 1)
        {
            if (target.Ndim != 0) throw Raise(ShapeError(op, input, target));
            return (input.Unsqueeze(0), target.Reshape(1));
        }
        if (input.Ndim < 1 || target.Ndim != input.Ndim - 1 || target.Size(0) != input.Size(0))
        {
            throw Raise(ShapeError(op, input, target));
        }
        for (int d = 2; d < input.Ndim; d++)
        {
            if (input.Size(d) != target.Size(d - 1)) throw Raise(ShapeError(op, input, target));
        }
        if (input.Ndim == 2) return (input, target);
        // [N, C, d1...] -> [N, d1..., C] -> [N*d1*..., C]: the rows follow the target's own order.
        int[] order = [0, .. Enumerable.Range(2, input.Ndim - 2), 1];
        var moved = input.Permute(order);
        int c = input.Size(1);
        return (moved.Reshape(-1, c), target.Reshape(-1));
    }

    private static ShapeMismatchException ShapeError(string op, Tensor input, Tensor target) =>
        new("LossShapeMismatch",
            $"{op}: expected input of shape [N, C] (or [C], [N, C, d1, ...]) and target of shape [N] (or [], [N, d1, ...]), got input {Shapes.Format(input.Sizes)} and target {Shapes.Format(target.Sizes)}");

    private static void CheckSameShape(string op, Tensor input, Tensor target)
    {
        if (!input.Shape.SequenceEqual(target.Shape))
        {
            throw Raise(TargetSizeError(op, input, target));
        }
    }

    /// <summary>
    /// Refuses a weight whose broadcast with the input is larger than the input: torch writes the
    /// weighted loss into the input's shape, so it refuses a weight that would add dims or grow one.
    /// </summary>
    private static void CheckBroadcastsTo(string op, string name, Tensor? weight, Tensor input)
    {
        if (weight is null || Shapes.SameShape(Shapes.Broadcast(input.Sizes, weight.Sizes), input.Sizes)) return;
        throw Raise(new ShapeMismatchException("LossWeightShape",
            $"{op}: {name} of shape {Shapes.Format(weight.Sizes)} does not broadcast to the input's shape {Shapes.Format(input.Sizes)}"));
    }

    /// <summary>
    /// A bool target as numbers (0 and 1) of the input's floating dtype: torch's mse, smooth_l1 and
    /// huber kernels read it so; l1_loss subtracts with `-`, which refuses bool, in torch as here.
    /// </summary>
    private static Tensor NumericTarget(Tensor input, Tensor target) =>
        target.DType != DType.Bool ? target : target.To(input.DType.IsFloating() ? input.DType : DTypes.DefaultFloat);

    private static void CheckFloating(string op, Tensor input, Tensor target)
    {
        if (!input.DType.IsFloating() || !target.DType.IsFloating())
        {
            throw Raise(LossDTypeError(op, input, target));
        }
    }

    private static Tensor Reduce(Tensor loss, Reduction reduction) => reduction switch
    {
        Reduction.Sum => loss.Sum(),
        Reduction.None => loss,
        _ => loss.Mean(),
    };

    // Error builders: each message is formatted in a method of its own, compiled only when it is thrown,
    // which keeps the checked method small for the JIT (a first training step compiles dozens of them).
    private static TensorArgumentException BceInputRangeError(double p) => new("BceInputRange", $"all elements of input should be between 0 and 1, found {p}; apply Sigmoid() first or use BinaryCrossEntropyWithLogits");
    private static TensorIndexException TargetOutOfBoundsError(long t, int classes) => new("TargetOutOfBounds", $"Target {t} is out of bounds: the input has {classes} classes");
    private static DTypeMismatchException TargetDTypeError(string op, Tensor target) => new("TargetDType",
        $"{op}: expected target of dtype torch.int64 (class indices) but got {target.DType.TorchName()}; use .Long() on the labels, or pass class probabilities with the input's shape");
    private static ShapeMismatchException TargetSizeError(string op, Tensor input, Tensor target) => new("LossShapeMismatch",
        $"{op}: Using a target size ({Shapes.Format(target.Sizes)}) that is different to the input size ({Shapes.Format(input.Sizes)}) is not supported; reshape one of them, e.g. the target with .Unsqueeze(1) or the input with .Squeeze()");
    private static DTypeMismatchException LossDTypeError(string op, Tensor input, Tensor target) => new("LossDType",
        $"{op}: input and target must be floating point, got {input.DType.TorchName()} and {target.DType.TorchName()}; convert the labels with .Float()");
}
