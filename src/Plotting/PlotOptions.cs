namespace NNTools.Plotting;

/// <summary>What every picture shares: its labels and its size in pixels.</summary>
public sealed record PlotOptions
{
    /// <summary>The smallest and largest width or height accepted, in pixels.</summary>
    public const int MinSize = 64, MaxSize = 8192;

    public string? Title { get; init; }
    public string? XLabel { get; init; }
    public string? YLabel { get; init; }
    public int Width { get; init; } = 640;
    public int Height { get; init; } = 480;

    /// <summary>The defaults: 640 x 480, no title, no axis labels.</summary>
    public static PlotOptions Default { get; } = new();
}
