using System.Management.Automation;
using NNTools.Data;

namespace NNTools.Commands;

/// <summary>New-DataLoader: batches over a data set, optionally shuffled each epoch (torch DataLoader).</summary>
[Cmdlet(VerbsCommon.New, "DataLoader")]
[OutputType(typeof(DataLoader))]
public sealed class NewDataLoaderCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNull]
    public Dataset Dataset { get; set; } = null!;

    [Parameter(Position = 1)]
    [ValidateRange(1, int.MaxValue)]
    public int BatchSize { get; set; } = 1;

    [Parameter]
    public SwitchParameter Shuffle { get; set; }

    [Parameter]
    public SwitchParameter DropLast { get; set; }

    /// <summary>Seeds a generator of the loader's own for the shuffled order (instead of the default generator).</summary>
    [Parameter]
    public long? Seed { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Generator? Generator { get; set; }

    protected override void ProcessRecord()
    {
        if (Seed is not null && Generator is not null) Stop("SeedAndGenerator", ErrorCategory.InvalidArgument, "give -Seed or -Generator, not both");
        var generator = Seed is long s ? new Generator(s) : Generator;
        // A loader is IEnumerable (one epoch of batches); it travels as one object, not as its batches.
        Try(() => WriteObject(new DataLoader(Dataset, BatchSize, Shuffle, DropLast, generator), false), Dataset);
    }
}
