using System.Management.Automation;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>New-Mlp: a multi-layer perceptron as a Sequential of Linear layers and activations.</summary>
[Cmdlet(VerbsCommon.New, "Mlp")]
[OutputType(typeof(Sequential))]
public sealed class NewMlpCommand : NNToolsCmdlet
{
    /// <summary>Input size, hidden sizes, output size: 2, 500, 500, 1.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateCount(2, int.MaxValue)]
    [ValidateRange(1, int.MaxValue)]
    public int[] Size { get; set; } = [];

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ActivationCompleter))]
    public string Activation { get; set; } = "ReLU";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ActivationCompleter))]
    public string? OutputActivation { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Dropout { get; set; }

    /// <summary>Draws the initial weights from this generator instead of the runspace's default.</summary>
    [Parameter]
    public Generator? Generator { get; set; }

    protected override void ProcessRecord() =>
        TryOrStop(() => WriteObject(Layers.Mlp(Size, Activation, OutputActivation, Dropout, Generator)));
}
