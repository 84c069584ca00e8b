using System.Management.Automation;
using NNTools.NN;
using NNTools.Optim;

namespace NNTools.Commands;

/// <summary>New-Optimizer: SGD, Adam, AdamW, RMSprop or Adagrad over a model's parameters (or given tensors).</summary>
[Cmdlet(VerbsCommon.New, "Optimizer", DefaultParameterSetName = ModelSet)]
[OutputType(typeof(Optimizer))]
public sealed class NewOptimizerCommand : NNToolsCmdlet, IDynamicParameters
{
    private const string ModelSet = "Model";
    private const string ParametersSet = "Parameters";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet(typeof(OptimizerNames), IgnoreCase = true)]
    public string Type { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ParameterSetName = ModelSet)]
    [ValidateNotNull]
    public Module Model { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ParametersSet)]
    [ValidateNotNullOrEmpty]
    public Tensor[] Parameters { get; set; } = [];

    /// <summary>The step size; each type's PyTorch default (OptimizerCatalog) when not given.</summary>
    [Parameter]
    [Alias("Lr")]
    [ValidateRange(0.0, double.MaxValue)]
    public double? LearningRate { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? WeightDecay { get; set; }

    private RuntimeDefinedParameterDictionary? _arguments;

    /// <summary>The chosen type's own arguments (OptimizerCatalog) as parameters, taken by name.</summary>
    public object? GetDynamicParameters()
    {
        var kind = OptimizerCatalog.TryFind(Type);
        _arguments = kind is null ? null : DynamicArguments.Parameters(kind.Arguments, firstPosition: null);
        return _arguments;
    }

    protected override void ProcessRecord()
    {
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

    private Optimizer Create(List<Tensor> p) => OptimizerCatalog.Find(Type).Build(p, LearningRate, WeightDecay, DynamicArguments.Values(_arguments));
}
