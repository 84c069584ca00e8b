namespace NNTools.Tests.Kernels;

/// <summary>
/// Tests that need the whole GEMM worker team run with no other test beside them: a product started
/// by a test in another class holds the team, and a job that finds it busy runs alone on its caller
/// (by design), so a test counting the workers that ran would see one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerTeamCollection
{
    public const string Name = "WorkerTeam";
}
