namespace NNTools.NN;

/// <summary>
/// Bounds on the shape of a model's tree of modules. Every walk of a model (parameters, state
/// dict, printing, forward through nested Sequentials), Export-Model and Import-Model check the
/// same bounds, so whatever exports also imports, and a runaway model is refused with a
/// LimitsExceeded error before the work grows instead of overflowing the stack.
/// </summary>
public static class ModuleLimits
{
    /// <summary>
    /// The most levels of modules nested in one another: a layer alone is 1 level, Sequential(Linear)
    /// is 2. Real models nest about ten levels; each level costs stack in printing and in forward
    /// passes (more when it is a PowerShell class), and 100 keeps far from the stack's end.
    /// Error id ModuleNestingTooDeep.
    /// </summary>
    public const int MaxDepth = 100;

    /// <summary>
    /// The most modules an architecture description (Export-Model, Import-Model) may hold, counting a
    /// module each time it appears. Real models have hundreds to a few thousand; building or loading
    /// 100,000 takes about a second, and a file claiming more is refused before any layer is built.
    /// Error id TooManyModules.
    /// </summary>
    public const int MaxModules = 100_000;
}
