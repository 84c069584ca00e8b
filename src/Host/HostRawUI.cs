using System.Management.Automation.Host;

namespace NNTools.Hosting;

/// <summary>
/// A virtual console: only its width matters, because the formatter reads BufferSize.Width to
/// lay out tables (Out-String -Width changes it while it renders). Buffer access is unsupported,
/// as for redirected output.
/// </summary>
internal sealed class HostRawUI(int width) : PSHostRawUserInterface
{
    public int Width { get; set; } = width;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override Coordinates CursorPosition { get; set; }
    public override Coordinates WindowPosition { get; set; }
    public override int CursorSize { get; set; }
    public override Size BufferSize { get => new(Width, int.MaxValue / 2); set { } }
    public override Size WindowSize { get => new(Width, 50); set { } }
    public override Size MaxWindowSize => WindowSize;
    public override Size MaxPhysicalWindowSize => WindowSize;
    public override bool KeyAvailable => false;
    public override string WindowTitle { get; set; } = "";

    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("nntools-host has no keyboard.");
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException("nntools-host has no screen buffer.");
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw new NotSupportedException("nntools-host has no screen buffer.");
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw new NotSupportedException("nntools-host has no screen buffer.");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw new NotSupportedException("nntools-host has no screen buffer.");
}
