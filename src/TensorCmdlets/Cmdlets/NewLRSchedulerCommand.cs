using System.Management.Automation;
using NNTools.Optim;
using NNTools.Optim.Schedulers;

namespace NNTools.Commands;

/// <summary>New-LRScheduler: a learning-rate schedule on an optimizer, stepped once per epoch by Start-Training.</summary>
[Cmdlet(VerbsCommon.New, "LRScheduler")]
[OutputType(typeof(ILRScheduler))]
public sealed class NewLRSchedulerCommand : NNToolsCmdlet
{
    private static readonly Dictionary<string, string[]> Accepts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["StepLR"] = [nameof(StepSize), nameof(Gamma)],
        ["ExponentialLR"] = [nameof(Gamma)],
        ["CosineAnnealingLR"] = [nameof(TMax), nameof(EtaMin)],
        ["ReduceLROnPlateau"] = [nameof(Mode), nameof(Factor), nameof(Patience), nameof(Threshold), nameof(Cooldown), nameof(MinLr)],
    };

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("StepLR", "ExponentialLR", "CosineAnnealingLR", "ReduceLROnPlateau", IgnoreCase = true)]
    public string Type { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Optimizer Optimizer { get; set; } = null!;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? StepSize { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? Gamma { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? TMax { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double EtaMin { get; set; }

    [Parameter]
    public PlateauMode Mode { get; set; } = PlateauMode.Min;

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double Factor { get; set; } = 0.1;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Patience { get; set; } = 10;

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double Threshold { get; set; } = 1e-4;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Cooldown { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double MinLr { get; set; }

    protected override void ProcessRecord()
    {
        string[] accepted = Accepts[Type];
        foreach (string name in MyInvocation.BoundParameters.Keys)
        {
            if (name is not (nameof(Type) or nameof(Optimizer)) && typeof(NewLRSchedulerCommand).GetProperty(name) is not null && !accepted.Contains(name))
            {
                Stop("ParameterNotApplicable", ErrorCategory.InvalidArgument,
                    $"{Type} does not take -{name}; it takes {string.Join(", ", accepted.Select(a => "-" + a))}");
            }
        }
        TryOrStop(() => WriteObject(Create()), Optimizer);
    }

    private ILRScheduler Create() => Type.ToLowerInvariant() switch
    {
        "steplr" => new StepLR(Optimizer, Required(StepSize, nameof(StepSize)), Gamma ?? 0.1),
        "exponentiallr" => new ExponentialLR(Optimizer, Required(Gamma, nameof(Gamma))),
        "cosineannealinglr" => new CosineAnnealingLR(Optimizer, Required(TMax, nameof(TMax)), EtaMin),
        _ => new ReduceLROnPlateau(Optimizer, Mode, Factor, Patience, Threshold, cooldown: Cooldown, minLr: MinLr),
    };

    private T Required<T>(T? value, string name) where T : struct
    {
        if (value is null) Stop("MissingSchedulerParameter", ErrorCategory.InvalidArgument, $"{Type} needs -{name}");
        return value!.Value;
    }
}
