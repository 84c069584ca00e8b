using System.Management.Automation;
using NNTools.Data;

namespace NNTools.Commands;

/// <summary>Get-Dataset: a built-in data set by name: moons, circles, blobs, regression, iris, digits.</summary>
[Cmdlet(VerbsCommon.Get, "Dataset")]
[OutputType(typeof(LabeledDataset))]
public sealed class GetDatasetCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DatasetNameCompleter))]
    public string Name { get; set; } = "";

    [Parameter]
    [Alias("N")]
    [ValidateRange(1, int.MaxValue)]
    public int? Samples { get; set; }

    [Parameter]
    [ValidateRange(0.0, double.MaxValue)]
    public double? Noise { get; set; }

    [Parameter]
    public long? Seed { get; set; }

    protected override void ProcessRecord() =>
        TryOrStop(() => WriteObject(LabeledDataset.FromSampleSet(Datasets.Get(Name, Samples, Noise, Seed))));
}
