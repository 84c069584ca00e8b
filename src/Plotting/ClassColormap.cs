using ScottPlot;

namespace NNTools.Plotting;

/// <summary>
/// Colours a decision surface in the classes' own (lightened) colours, so regions match the points
/// drawn over them: a blend from class 0 to class 1 for a probability, or one flat colour per class
/// for a predicted class index.
/// </summary>
internal sealed class ClassColormap(Color[] colors, bool blend) : IColormap
{
    public string Name => blend ? "ClassBlend" : "ClassRegions";

    /// <summary><paramref name="position"/> is the intensity scaled to [0, 1] over the heatmap's range.</summary>
    public Color GetColor(double position)
    {
        if (double.IsNaN(position)) return Colors.Transparent;
        position = Math.Clamp(position, 0, 1);
        if (blend) return colors[0].MixedWith(colors[1], position);
        return colors[(int)Math.Round(position * (colors.Length - 1))];
    }
}
