using System.Management.Automation;
using NNTools.Data;

namespace NNTools.Commands;

/// <summary>Split-Dataset: random, non-overlapping subsets of given fractions or lengths (random_split).</summary>
[Cmdlet(VerbsCommon.Split, "Dataset", DefaultParameterSetName = FractionSet)]
[OutputType(typeof(Subset))]
public sealed class SplitDatasetCommand : NNToolsCmdlet
{
    private const string FractionSet = "Fraction";
    private const string LengthSet = "Length";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Dataset Dataset { get; set; } = null!;

    /// <summary>The fraction of items in each subset; one fraction f means f and 1 - f.</summary>
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = FractionSet)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(0.0, 1.0)]
    public double[] Fraction { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = LengthSet)]
    [ValidateNotNullOrEmpty]
    [ValidateRange(0, int.MaxValue)]
    public int[] Length { get; set; } = [];

    [Parameter]
    public long? Seed { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Generator? Generator { get; set; }

    protected override void ProcessRecord()
    {
        if (Seed is not null && Generator is not null) Stop("SeedAndGenerator", ErrorCategory.InvalidArgument, "give -Seed or -Generator, not both");
        var generator = Seed is long s ? new Generator(s) : Generator;
        Try(() =>
        {
            var parts = ParameterSetName == LengthSet ? DataSplit.RandomSplit(Dataset, Length, generator)
                : Fraction.Length == 1 ? DataSplit.RandomSplit(Dataset, FractionAndRest(Fraction[0]), generator)
                : DataSplit.RandomSplit(Dataset, Fraction, generator);
            foreach (var part in parts) WriteObject(part);
        }, Dataset);
    }

    // As lengths: the fractions f and 1 - f would round 1 - f down (0.19999... of 10 is 1 item, not 2).
    private int[] FractionAndRest(double fraction)
    {
        int n = Dataset.GetLength();
        int first = (int)Math.Floor(fraction * n);
        return [first, n - first];
    }
}
