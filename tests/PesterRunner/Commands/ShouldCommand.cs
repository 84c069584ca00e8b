using System.Management.Automation;

namespace NNTools.PesterLite.Commands;

/// <summary>
/// Should, with Pester 5's operators and parameters. Each operator switch names its own
/// parameter set, so the binder picks the operator and which value parameters it takes.
/// Input is collected as Pester does: nothing piped tests $null, one item tests that item,
/// several are tested as one array by the operators that take collections and one by one
/// by the others. A failure is a terminating error with id PesterAssertionFailed.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "PesterShould")]
[OutputType(typeof(ErrorRecord))]
public sealed class ShouldCommand : PSCmdlet
{
    private readonly List<object?> _input = [];

    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    [AllowEmptyCollection]
    [AllowEmptyString]
    public object? ActualValue { get; set; }

    [Parameter]
    public SwitchParameter Not { get; set; }

    [Parameter]
    public string? Because { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "Be")]
    [Alias("EQ")]
    public SwitchParameter Be { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeExactly")]
    [Alias("CEQ")]
    public SwitchParameter BeExactly { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeGreaterThan")]
    [Alias("GT")]
    public SwitchParameter BeGreaterThan { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeLessThan")]
    [Alias("LT")]
    public SwitchParameter BeLessThan { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeGreaterOrEqual")]
    [Alias("GE")]
    public SwitchParameter BeGreaterOrEqual { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeLessOrEqual")]
    [Alias("LE")]
    public SwitchParameter BeLessOrEqual { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeLike")]
    public SwitchParameter BeLike { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeLikeExactly")]
    public SwitchParameter BeLikeExactly { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeIn")]
    public SwitchParameter BeIn { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "Contain")]
    public SwitchParameter Contain { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "HaveCount")]
    public SwitchParameter HaveCount { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeTrue")]
    public SwitchParameter BeTrue { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeFalse")]
    public SwitchParameter BeFalse { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeNullOrEmpty")]
    public SwitchParameter BeNullOrEmpty { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "Match")]
    public SwitchParameter Match { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "MatchExactly")]
    public SwitchParameter MatchExactly { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "BeOfType")]
    [Alias("HaveType")]
    public SwitchParameter BeOfType { get; set; }
    [Parameter(Mandatory = true, ParameterSetName = "Throw")]
    public SwitchParameter Throw { get; set; }
    [Parameter(Position = 0, ParameterSetName = "Be")]
    [Parameter(Position = 0, ParameterSetName = "BeExactly")]
    [Parameter(Position = 0, ParameterSetName = "BeGreaterThan")]
    [Parameter(Position = 0, ParameterSetName = "BeLessThan")]
    [Parameter(Position = 0, ParameterSetName = "BeGreaterOrEqual")]
    [Parameter(Position = 0, ParameterSetName = "BeLessOrEqual")]
    [Parameter(Position = 0, ParameterSetName = "BeLike")]
    [Parameter(Position = 0, ParameterSetName = "BeLikeExactly")]
    [Parameter(Position = 0, ParameterSetName = "BeIn")]
    [Parameter(Position = 0, ParameterSetName = "Contain")]
    [Parameter(Position = 0, ParameterSetName = "HaveCount")]
    [AllowNull]
    [AllowEmptyCollection]
    [AllowEmptyString]
    public object? ExpectedValue { get; set; }

    [Parameter(Position = 0, Mandatory = true, ParameterSetName = "Match")]
    [Parameter(Position = 0, Mandatory = true, ParameterSetName = "MatchExactly")]
    public string RegularExpression { get; set; } = "";

    /// <summary>A type, or a type name with or without brackets: in argument mode [int] is the text "[int]".</summary>
    [Parameter(Position = 0, Mandatory = true, ParameterSetName = "BeOfType")]
    public object ExpectedType { get; set; } = typeof(object);

    [Parameter(Position = 0, ParameterSetName = "Throw")]
    public string? ExpectedMessage { get; set; }

    [Parameter(Position = 1, ParameterSetName = "Throw")]
    public string? ErrorId { get; set; }

    [Parameter(Position = 2, ParameterSetName = "Throw")]
    public Type? ExceptionType { get; set; }

    [Parameter(ParameterSetName = "Throw")]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => _input.Add(ActualValue);

    protected override void EndProcessing() => PesterCall.Run(this, Assert);

    private void Assert()
    {
        var assertion = Assertions.For(ParameterSetName);
        if (_input.Count == 0) Check(assertion, null);
        else if (assertion.TakesCollection) Check(assertion, _input.Count == 1 ? _input[0] : _input.ToArray());
        else foreach (object? item in _input) Check(assertion, item);
    }

    private void Check(Assertion assertion, object? actual)
    {
        string? failure = assertion.Test(this, actual);
        if (failure is not null)
            ThrowTerminatingError(new ErrorRecord(new ShouldFailedException(failure), "PesterAssertionFailed", ErrorCategory.InvalidResult, actual));
    }

    /// <summary>Pester's ", because ...," clause, empty without -Because.</summary>
    internal string BecauseClause => string.IsNullOrWhiteSpace(Because) ? "" : $" because {Because.Trim().TrimEnd('.')},";

    internal void Output(object value) => WriteObject(value);
}
