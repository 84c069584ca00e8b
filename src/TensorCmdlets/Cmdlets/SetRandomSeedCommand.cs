using System.Management.Automation;

namespace NNTools.Commands;

/// <summary>
/// Set-RandomSeed: torch.manual_seed. Seeds the default generator, which every random factory,
/// initializer, dropout and shuffling loader draws from unless given a generator of its own, so
/// one seed repeats a whole run.
/// </summary>
[Cmdlet(VerbsCommon.Set, "RandomSeed")]
[OutputType(typeof(Generator))]
public sealed class SetRandomSeedCommand : NNToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public long Seed { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var generator = Tensor.ManualSeed(Seed);
        if (PassThru) WriteObject(generator);
    }
}
