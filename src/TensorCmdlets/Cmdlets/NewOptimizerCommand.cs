using System.Management.Automation;
using NNTools.NN;
using NNTools.Optim;

namespace NNTools.Commands;

/// <summary>New-Optimizer: SGD, Adam, AdamW, RMSprop or Adagrad over a model's parameters (or given tensors).</summary>
[Cmdlet(VerbsCommon.New, "Optimizer", DefaultParameterSetName = ModelSet)]
[OutputType(typeof(Optimizer))]
public sealed class NewOptimizerCommand : NNToolsCmdlet
{
    private const string ModelSet = "Model";
    private const string ParametersSet = "Parameters";

    // The options each type reads, beyond -LearningRate and -WeightDecay which all take.
    private static readonly Dictionary<string, string[]> Accepts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SGD"] = [nameof(Momentum), nameof(Dampening), nameof(Nesterov), nameof(Maximize)],
        ["Adam"] = [nameof(Betas), nameof(Eps), nameof(Amsgrad), nameof(Maximize)],
        ["AdamW"] = [nameof(Betas), nameof(Eps), nameof(Amsgrad), nameof(Maximize)],
        ["RMSprop"] = [nameof(Alpha), nameof(Eps), nameof(Momentum), nameof(Centered), nameof(Maximize)],
        ["Adagrad"] = [nameof(LrDecay), nameof(Eps), nameof(InitialAccumulatorValue), nameof(Maximize)],
    };

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet(typeof(OptimizerNames), IgnoreCase = true)]
    public string Type { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ParameterSetName = ModelSet)]
    [ValidateNotNull]
    public Module Model { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ParametersSet)]
    [ValidateNotNullOrEmpty]
    public Tensor[] Parameters { get; set; } = [];

    /// <summary>The step size; each type's PyTorch default when not given (SGD 0.001, Adam 0.001, RMSprop 0.01, ...).</summary>
    [Parameter]
    [Alias("Lr")]
    [ValidateRange(0.0, double.MaxValue)]
    public double? LearningRate { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? WeightDecay { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? Momentum { get; set; }

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double? Dampening { get; set; }

    [Parameter]
    public SwitchParameter Nesterov { get; set; }

    /// <summary>Adam's (beta1, beta2): two numbers in [0, 1).</summary>
    [Parameter]
    [ValidateCount(2, 2)]
    [ValidateRange(0.0, 1.0)]
    public double[]? Betas { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? Eps { get; set; }

    [Parameter]
    public SwitchParameter Amsgrad { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? Alpha { get; set; }

    [Parameter]
    public SwitchParameter Centered { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? LrDecay { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? InitialAccumulatorValue { get; set; }

    [Parameter]
    public SwitchParameter Maximize { get; set; }

    protected override void ProcessRecord()
    {
        string[] accepted = Accepts[Type];
        string[] always = [nameof(Type), nameof(Model), nameof(Parameters), nameof(LearningRate), nameof(WeightDecay)];
        foreach (string name in MyInvocation.BoundParameters.Keys)
        {
            if (typeof(NewOptimizerCommand).GetProperty(name) is not null && !always.Contains(name) && !accepted.Contains(name))
            {
                Stop("ParameterNotApplicable", ErrorCategory.InvalidArgument,
                    $"{Type} does not take -{name}; it takes -LearningRate, -WeightDecay, {string.Join(", ", accepted.Select(a => "-" + a))}");
            }
        }
        if (ParameterSetName == ParametersSet) RefuseFrozen();
        // A piped model whose parameters cannot be had (none, or a broken structure) is that input's
        // problem: reported, and the next model still gets its optimizer. Bad hyper-parameters are
        // the command's problem and end it.
        List<Tensor>? parameters = null;
        if (ParameterSetName == ModelSet) Try(() => parameters = NonEmpty(Model.Parameters().ToList()), Model);
        else parameters = [.. Parameters];
        if (parameters is null) return;
        TryOrStop(() => WriteObject(Create(parameters)), Model);
    }

    /// <summary>
    /// Refuses -Parameters tensors that do not require grad. PyTorch accepts them and never changes
    /// them (a frozen layer); a tensor passed here by name was always meant to train, so this
    /// cmdlet, unlike the engine, reports the mistake instead of training nothing.
    /// </summary>
    private void RefuseFrozen()
    {
        for (int i = 0; i < Parameters.Length; i++)
        {
            if (Parameters[i] is { RequiresGrad: false } p)
            {
                Stop("ParameterDoesNotRequireGrad", ErrorCategory.InvalidArgument,
                    $"-Parameters tensor {i} (shape [{string.Join(", ", p.Shape)}], {p.DType.TorchName()}) does not require grad, so the optimizer would never change it; " +
                    "create it with New-Tensor -RequiresGrad or call its RequiresGrad_() first", p);
            }
        }
    }

    private static List<Tensor> NonEmpty(List<Tensor> parameters) =>
        parameters.Count > 0 ? parameters : throw new TensorArgumentException("EmptyParameterList", "optimizer got an empty parameter list: the model has no parameters");

    private Optimizer Create(List<Tensor> p)
    {
        (double, double)? betas = Betas is { } b ? (b[0], b[1]) : null;
        return Type.ToLowerInvariant() switch
        {
            "sgd" => new SGD(p, LearningRate ?? 1e-3, Momentum ?? 0, Dampening ?? 0, WeightDecay ?? 0, Nesterov, Maximize),
            "adam" => new Adam(p, LearningRate ?? 1e-3, betas, Eps ?? 1e-8, WeightDecay ?? 0, Amsgrad, Maximize),
            "adamw" => new AdamW(p, LearningRate ?? 1e-3, betas, Eps ?? 1e-8, WeightDecay ?? 1e-2, Amsgrad, Maximize),
            "rmsprop" => new RMSprop(p, LearningRate ?? 1e-2, Alpha ?? 0.99, Eps ?? 1e-8, WeightDecay ?? 0, Momentum ?? 0, Centered, Maximize),
            _ => new Adagrad(p, LearningRate ?? 1e-2, LrDecay ?? 0, WeightDecay ?? 0, InitialAccumulatorValue ?? 0, Eps ?? 1e-10, Maximize),
        };
    }
}
