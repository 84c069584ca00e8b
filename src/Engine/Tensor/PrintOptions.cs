namespace NNTools;

/// <summary>
/// How tensors print, as torch.set_printoptions: digits after the point, the element count above
/// which a tensor is summarised, the items kept at each end of a summarised dim, the line width,
/// and whether scientific notation is forced on or off (null lets each tensor choose).
/// </summary>
/// <remarks>
/// Process-wide, like PyTorch's. The options are held as one immutable <see cref="PrintSettings"/>
/// swapped atomically, so a tensor printed on another thread sees either the old or the new
/// options, never a mix.
/// </remarks>
public static class PrintOptions
{
    private static PrintSettings s_current = PrintSettings.Default;

    /// <summary>The options in force now.</summary>
    public static PrintSettings Current => Volatile.Read(ref s_current);

    /// <summary>Digits after the decimal point (default 4).</summary>
    public static int Precision
    {
        get => Current.Precision;
        set => UpdateFromSetter(s => s with { Precision = value });
    }

    /// <summary>Tensors with more elements than this are summarised (default 1000; +infinity never summarises).</summary>
    public static double Threshold
    {
        get => Current.Threshold;
        set => UpdateFromSetter(s => s with { Threshold = value });
    }

    /// <summary>Items shown at the start and end of each summarised dim (default 3).</summary>
    public static int EdgeItems
    {
        get => Current.EdgeItems;
        set => UpdateFromSetter(s => s with { EdgeItems = value });
    }

    /// <summary>Characters per line before elements wrap (default 80).</summary>
    public static int LineWidth
    {
        get => Current.LineWidth;
        set => UpdateFromSetter(s => s with { LineWidth = value });
    }

    /// <summary>True forces scientific notation, false forbids it, null (default) lets each tensor choose.</summary>
    public static bool? SciMode
    {
        get => Current.SciMode;
        set => UpdateFromSetter(s => s with { SciMode = value });
    }

    /// <summary>
    /// torch.set_printoptions: a <paramref name="profile"/> ("default", "short" or "full") is applied
    /// first, then each option given. As in PyTorch, <paramref name="sciMode"/> is always assigned,
    /// so leaving it out returns it to automatic.
    /// </summary>
    public static void Set(int? precision = null, double? threshold = null, int? edgeItems = null,
        int? lineWidth = null, string? profile = null, bool? sciMode = null)
    {
        Update(s =>
        {
            if (profile is not null) s = Profile(profile, s);
            return s with
            {
                Precision = precision ?? s.Precision,
                Threshold = threshold ?? s.Threshold,
                EdgeItems = edgeItems ?? s.EdgeItems,
                LineWidth = lineWidth ?? s.LineWidth,
                SciMode = sciMode,
            };
        });
    }

    /// <summary>Restores PyTorch's defaults: precision 4, threshold 1000, edge items 3, line width 80, automatic notation.</summary>
    public static void Reset() => Volatile.Write(ref s_current, PrintSettings.Default);

    private static PrintSettings Profile(string profile, PrintSettings s) => profile.ToLowerInvariant() switch
    {
        "default" => s with { Precision = 4, Threshold = 1000, EdgeItems = 3, LineWidth = 80 },
        "short" => s with { Precision = 2, Threshold = 1000, EdgeItems = 2, LineWidth = 80 },
        "full" => s with { Precision = 4, Threshold = double.PositiveInfinity, EdgeItems = 3, LineWidth = 80 },
        _ => throw Raise(new TensorArgumentException("UnknownPrintProfile",
            $"unknown print profile '{profile}'; expected one of default, short, full")),
    };

    private static void UpdateFromSetter(Func<PrintSettings, PrintSettings> change)
    {
        using var setter = InSetter();
        Update(change);
    }

    private static void Update(Func<PrintSettings, PrintSettings> change)
    {
        while (true)
        {
            var old = Current;
            var next = change(old);
            next.Validate();
            if (ReferenceEquals(Interlocked.CompareExchange(ref s_current, next, old), old)) return;
        }
    }
}

/// <summary>One immutable set of print options; see <see cref="PrintOptions"/>.</summary>
public sealed record PrintSettings(int Precision, double Threshold, int EdgeItems, int LineWidth, bool? SciMode)
{
    /// <summary>PyTorch's defaults.</summary>
    public static readonly PrintSettings Default = new(4, 1000, 3, 80, null);

    internal void Validate()
    {
        if (Precision < 0 || Precision > 100) Fail(nameof(Precision), Precision, "between 0 and 100");
        if (double.IsNaN(Threshold) || Threshold < 0) Fail(nameof(Threshold), Threshold, "zero or more");
        if (EdgeItems < 1) Fail(nameof(EdgeItems), EdgeItems, "at least 1");
        if (LineWidth < 1) Fail(nameof(LineWidth), LineWidth, "at least 1");
    }

    private static void Fail(string name, double value, string expected) =>
        throw Raise(new TensorArgumentException("InvalidPrintOption", $"print option {name} must be {expected}, got {value}"));
}
