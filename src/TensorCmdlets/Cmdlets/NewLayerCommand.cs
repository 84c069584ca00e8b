using System.Management.Automation;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>New-Layer: one built-in layer by type name, with the arguments that type takes.</summary>
[Cmdlet(VerbsCommon.New, "Layer")]
[OutputType(typeof(Module))]
public sealed class NewLayerCommand : NNToolsCmdlet
{
    // Which optional parameters each type reads; any other bound parameter is a mistake worth reporting.
    private static readonly Dictionary<string, string[]> Accepts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Linear"] = [nameof(InFeatures), nameof(OutFeatures), nameof(NoBias), nameof(Generator)],
        ["Conv2d"] = [nameof(InChannels), nameof(OutChannels), nameof(KernelSize), nameof(Stride), nameof(Padding), nameof(NoBias), nameof(Generator)],
        ["MaxPool2d"] = [nameof(KernelSize), nameof(Stride), nameof(Padding)],
        ["LeakyReLU"] = [nameof(NegativeSlope)],
        ["Softmax"] = [nameof(Dim)],
        ["LogSoftmax"] = [nameof(Dim)],
        ["Flatten"] = [nameof(StartDim), nameof(EndDim)],
        ["Dropout"] = [nameof(P)],
    };

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("Linear", "Conv2d", "MaxPool2d", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Flatten", "Dropout", "Identity", IgnoreCase = true)]
    public string Type { get; set; } = "";

    [Parameter(Position = 1)]
    [ValidateRange(1, int.MaxValue)]
    public int? InFeatures { get; set; }

    [Parameter(Position = 2)]
    [ValidateRange(1, int.MaxValue)]
    public int? OutFeatures { get; set; }

    [Parameter]
    public SwitchParameter NoBias { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? InChannels { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? OutChannels { get; set; }

    /// <summary>One size for both dims, or two (height, width).</summary>
    [Parameter]
    [ValidateCount(1, 2)]
    [ValidateRange(1, int.MaxValue)]
    public int[]? KernelSize { get; set; }

    [Parameter]
    [ValidateCount(1, 2)]
    [ValidateRange(1, int.MaxValue)]
    public int[]? Stride { get; set; }

    [Parameter]
    [ValidateCount(1, 2)]
    [ValidateRange(0, int.MaxValue)]
    public int[]? Padding { get; set; }

    [Parameter]
    public int Dim { get; set; } = -1;

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double P { get; set; } = 0.5;

    [Parameter]
    public double NegativeSlope { get; set; } = 0.01;

    [Parameter]
    public int StartDim { get; set; } = 1;

    [Parameter]
    public int EndDim { get; set; } = -1;

    /// <summary>Draws a Linear or Conv2d layer's initial weights from this generator instead of the runspace's default.</summary>
    [Parameter]
    public Generator? Generator { get; set; }

    protected override void ProcessRecord()
    {
        string[] accepted = Accepts.GetValueOrDefault(Type, []);
        foreach (string name in MyInvocation.BoundParameters.Keys)
        {
            if (name != nameof(Type) && !accepted.Contains(name, StringComparer.OrdinalIgnoreCase)
                && typeof(NewLayerCommand).GetProperty(name) is not null && !IsCommonParameter(name))
            {
                Stop("ParameterNotApplicable", ErrorCategory.InvalidArgument,
                    $"a {Type} layer does not take -{name}" + (accepted.Length > 0 ? $"; it takes {string.Join(", ", accepted.Select(a => "-" + a))}" : "; it takes no arguments"));
            }
        }
        TryOrStop(() => WriteObject(Create()));
    }

    private static bool IsCommonParameter(string name) =>
        Cmdlet.CommonParameters.Contains(name) || Cmdlet.OptionalCommonParameters.Contains(name);

    private Module Create() => Type.ToLowerInvariant() switch
    {
        "linear" => new Linear(Required(InFeatures, nameof(InFeatures)), Required(OutFeatures, nameof(OutFeatures)), bias: !NoBias, generator: Generator),
        "conv2d" => new Conv2d(Required(InChannels, nameof(InChannels)), Required(OutChannels, nameof(OutChannels)),
            Required(KernelSize, nameof(KernelSize)), Stride, Padding, bias: !NoBias, generator: Generator),
        "maxpool2d" => new MaxPool2d(Required(KernelSize, nameof(KernelSize)), Stride, Padding),
        "leakyrelu" => new LeakyReLU(NegativeSlope),
        "softmax" => new Softmax(Dim),
        "logsoftmax" => new LogSoftmax(Dim),
        "flatten" => new Flatten(StartDim, EndDim),
        "dropout" => new Dropout(P),
        _ => Layers.Activation(Type),
    };

    private T Required<T>(T? value, string name) where T : struct
    {
        if (value is null) Stop("MissingLayerParameter", ErrorCategory.InvalidArgument, $"a {Type} layer needs -{name}");
        return value!.Value;
    }

    private T Required<T>(T? value, string name) where T : class
    {
        if (value is null) Stop("MissingLayerParameter", ErrorCategory.InvalidArgument, $"a {Type} layer needs -{name}");
        return value!;
    }
}
