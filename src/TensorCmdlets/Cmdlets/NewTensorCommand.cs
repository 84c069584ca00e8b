using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// New-Tensor: a tensor from data (torch.tensor) or from a factory (torch.zeros, ones, full,
/// rand, randn, randint, arange, linspace, eye and the *_like forms). Values piped in are
/// collected into one tensor whose first dimension runs over the pipeline items.
/// </summary>
[Cmdlet(VerbsCommon.New, "Tensor", DefaultParameterSetName = DataSet)]
[OutputType(typeof(Tensor))]
public sealed class NewTensorCommand : NNToolsCmdlet
{
    private const string DataSet = "Data";
    private const string ZerosSet = "Zeros";
    private const string OnesSet = "Ones";
    private const string FullSet = "Full";
    private const string RandSet = "Rand";
    private const string RandnSet = "Randn";
    private const string RandintSet = "Randint";
    private const string ArangeSet = "Arange";
    private const string LinspaceSet = "Linspace";
    private const string EyeSet = "Eye";
    private const string ZerosLikeSet = "ZerosLike";
    private const string OnesLikeSet = "OnesLike";
    private const string FullLikeSet = "FullLike";
    private const string RandLikeSet = "RandLike";
    private const string RandnLikeSet = "RandnLike";

    private readonly List<object?> _piped = [];

    [Parameter(ParameterSetName = DataSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [AllowNull]
    public object? Data { get; set; }

    [Parameter(ParameterSetName = ZerosSet, Mandatory = true)]
    [Parameter(ParameterSetName = ZerosLikeSet, Mandatory = true)]
    public SwitchParameter Zeros { get; set; }

    [Parameter(ParameterSetName = OnesSet, Mandatory = true)]
    [Parameter(ParameterSetName = OnesLikeSet, Mandatory = true)]
    public SwitchParameter Ones { get; set; }

    [Parameter(ParameterSetName = FullSet, Mandatory = true)]
    [Parameter(ParameterSetName = FullLikeSet, Mandatory = true)]
    public SwitchParameter Full { get; set; }

    [Parameter(ParameterSetName = RandSet, Mandatory = true)]
    [Parameter(ParameterSetName = RandLikeSet, Mandatory = true)]
    public SwitchParameter Rand { get; set; }

    [Parameter(ParameterSetName = RandnSet, Mandatory = true)]
    [Parameter(ParameterSetName = RandnLikeSet, Mandatory = true)]
    public SwitchParameter Randn { get; set; }

    [Parameter(ParameterSetName = RandintSet, Mandatory = true)]
    public SwitchParameter Randint { get; set; }

    [Parameter(ParameterSetName = ArangeSet, Mandatory = true)]
    public SwitchParameter Arange { get; set; }

    [Parameter(ParameterSetName = LinspaceSet, Mandatory = true)]
    public SwitchParameter Linspace { get; set; }

    [Parameter(ParameterSetName = EyeSet, Mandatory = true)]
    public SwitchParameter Eye { get; set; }

    [Parameter(ParameterSetName = ZerosSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = OnesSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = FullSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = RandSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = RandnSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = RandintSet, Mandatory = true, Position = 0)]
    [ValidateNotNull]
    [AllowEmptyCollection]
    [ValidateRange(0, int.MaxValue)]
    [Alias("Size")]
    public int[] Shape { get; set; } = [];

    [Parameter(ParameterSetName = FullSet, Mandatory = true)]
    [Parameter(ParameterSetName = FullLikeSet, Mandatory = true)]
    [Alias("FillValue")]
    public double Value { get; set; }

    [Parameter(ParameterSetName = RandintSet)]
    public long Low { get; set; }

    [Parameter(ParameterSetName = RandintSet, Mandatory = true)]
    public long High { get; set; }

    [Parameter(ParameterSetName = ArangeSet)]
    [Parameter(ParameterSetName = LinspaceSet, Mandatory = true, Position = 0)]
    public double Start { get; set; }

    [Parameter(ParameterSetName = ArangeSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = LinspaceSet, Mandatory = true, Position = 1)]
    public double End { get; set; }

    [Parameter(ParameterSetName = ArangeSet)]
    public double Step { get; set; } = 1;

    [Parameter(ParameterSetName = LinspaceSet, Mandatory = true, Position = 2)]
    [ValidateRange(0, int.MaxValue)]
    public int Steps { get; set; }

    [Parameter(ParameterSetName = EyeSet, Mandatory = true, Position = 0)]
    [ValidateRange(0, int.MaxValue)]
    public int N { get; set; }

    [Parameter(ParameterSetName = EyeSet, Position = 1)]
    [ValidateRange(0, int.MaxValue)]
    public int M { get; set; } = -1;

    [Parameter(ParameterSetName = ZerosLikeSet, Mandatory = true)]
    [Parameter(ParameterSetName = OnesLikeSet, Mandatory = true)]
    [Parameter(ParameterSetName = FullLikeSet, Mandatory = true)]
    [Parameter(ParameterSetName = RandLikeSet, Mandatory = true)]
    [Parameter(ParameterSetName = RandnLikeSet, Mandatory = true)]
    [ValidateNotNull]
    public Tensor Like { get; set; } = null!;

    [Parameter]
    [DTypeTransformation]
    [ArgumentCompleter(typeof(DTypeCompleter))]
    public DType? DType { get; set; }

    [Parameter]
    public SwitchParameter RequiresGrad { get; set; }

    [Parameter(ParameterSetName = RandSet)]
    [Parameter(ParameterSetName = RandnSet)]
    [Parameter(ParameterSetName = RandintSet)]
    [Parameter(ParameterSetName = RandLikeSet)]
    [Parameter(ParameterSetName = RandnLikeSet)]
    [ValidateNotNull]
    public Generator? Generator { get; set; }

    protected override void ProcessRecord()
    {
        // Piped items are rows of one tensor, so they wait for EndProcessing; -Data given
        // directly (or any factory) makes its tensor now.
        if (ParameterSetName == DataSet && MyInvocation.ExpectingInput) _piped.Add(Data);
        else TryOrStop(() => WriteObject(Finish(Create())));
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == DataSet && MyInvocation.ExpectingInput && _piped.Count > 0)
            TryOrStop(() => WriteObject(Finish(FromData(_piped.ToArray()))));
    }

    private Tensor Finish(Tensor t) => RequiresGrad ? t.RequiresGrad_() : t;

    private Tensor FromData(object? data) =>
        data is null
            ? throw new TensorArgumentException("NullData", "New-Tensor -Data got $null; give a number, a bool or a (nested) array of them")
            : DType is { } dtype ? new Tensor(data, dtype) : new Tensor(data);

    private Tensor Create()
    {
        var dtype = DType ?? DTypes.DefaultFloat;
        return ParameterSetName switch
        {
            DataSet => FromData(Data),
            ZerosSet => Tensor.Zeros(Shape, dtype),
            OnesSet => Tensor.Ones(Shape, dtype),
            FullSet => Tensor.Full(Shape, Value, dtype),
            RandSet => Tensor.Rand(Shape, dtype, Generator),
            RandnSet => Tensor.Randn(Shape, dtype, Generator),
            RandintSet => Tensor.Randint(Low, High, Shape, DType ?? NNTools.DType.Int64, Generator),
            ArangeSet => Tensor.Arange(Start, End, Step, DType),
            LinspaceSet => Tensor.Linspace(Start, End, Steps, dtype),
            EyeSet => Tensor.Eye(N, M, dtype),
            ZerosLikeSet => Tensor.ZerosLike(Like, DType ?? Like.DType),
            OnesLikeSet => Tensor.OnesLike(Like, DType ?? Like.DType),
            FullLikeSet => Tensor.FullLike(Like, Value, DType ?? Like.DType),
            RandLikeSet => Tensor.Rand(Like.Shape, DType ?? Like.DType, Generator),
            RandnLikeSet => Tensor.Randn(Like.Shape, DType ?? Like.DType, Generator),
            _ => throw new PSInvalidOperationException($"unknown parameter set {ParameterSetName}"),
        };
    }
}
