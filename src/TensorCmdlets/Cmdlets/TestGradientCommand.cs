using System.Management.Automation;
using NNTools.Autograd;
using NNTools.NN;

namespace NNTools.Commands;

/// <summary>
/// Test-Gradient: torch.autograd.gradcheck with a report. Compares autograd's gradients with
/// central finite differences, for each input of a script block that requires grad, or for each
/// parameter of a model, and writes one <see cref="GradientCheckResult"/> per input or parameter.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "Gradient", DefaultParameterSetName = ScriptBlockSet)]
[OutputType(typeof(GradientCheckResult))]
public sealed class TestGradientCommand : NNToolsCmdlet
{
    private const string ScriptBlockSet = "ScriptBlock";
    private const string ModuleSet = "Module";

    [Parameter(ParameterSetName = ScriptBlockSet, Mandatory = true, Position = 0)]
    [ValidateNotNull]
    public ScriptBlock ScriptBlock { get; set; } = null!;

    [Parameter(ParameterSetName = ScriptBlockSet, Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public Tensor[] ArgumentList { get; set; } = [];

    [Parameter(ParameterSetName = ModuleSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    [Alias("Model")]
    public Module Module { get; set; } = null!;

    [Parameter(ParameterSetName = ModuleSet, Mandatory = true, Position = 1)]
    [ValidateNotNull]
    public Tensor Input { get; set; } = null!;

    [Parameter]
    [ValidateRange(1e-12, 1.0)]
    public double Epsilon { get; set; } = 1e-6;

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double AbsoluteTolerance { get; set; } = 1e-5;

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double RelativeTolerance { get; set; } = 1e-3;

    protected override void ProcessRecord()
    {
        IEnumerable<Tensor> checkedTensors = ArgumentList;
        // A piped module is one input among several: its problems are reported and the next one is checked.
        if (ParameterSetName == ModuleSet)
        {
            Try(() => CheckModule(), Module);
            return;
        }
        WarnIfNotFloat64(checkedTensors);
        TryOrStop(() =>
        {
            if (!ArgumentList.Any(t => t.RequiresGrad))
            {
                Stop("NothingToCheck", ErrorCategory.InvalidArgument,
                    "none of the -ArgumentList tensors requires grad; create the ones to check with -RequiresGrad");
            }
            foreach (var result in GradCheck.Check(Invoke, ArgumentList, Epsilon, AbsoluteTolerance, RelativeTolerance))
                WriteObject(new GradientCheckResult($"args[{result.InputIndex}]", result));
        });
    }

    private void CheckModule()
    {
        WarnIfNotFloat64([.. Module.Parameters(), Input]);
        foreach (var (name, result) in ModuleGradCheck.Check(Module, Input, Epsilon, AbsoluteTolerance, RelativeTolerance))
            WriteObject(new GradientCheckResult(name, result));
    }

    private void WarnIfNotFloat64(IEnumerable<Tensor> checkedTensors)
    {
        if (checkedTensors.Any(t => t.RequiresGrad && t.DType != NNTools.DType.Float64))
            WriteWarning("Test-Gradient is meant for float64 tensors: in float32 rounding errors of finite differences exceed the tolerances.");
    }

    // The script block gets the inputs as $args and must return exactly one tensor.
    private Tensor Invoke(Tensor[] inputs)
    {
        var output = ScriptBlock.Invoke([.. inputs]);
        var tensors = output.Select(o => o?.BaseObject).OfType<Tensor>().ToList();
        if (output.Count != 1 || tensors.Count != 1)
        {
            Stop("NotOneTensor", ErrorCategory.InvalidResult,
                $"the script block must return exactly one tensor; it returned {output.Count} object(s)");
        }
        return tensors[0];
    }
}
