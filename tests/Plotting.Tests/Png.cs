using System.Buffers.Binary;
using SkiaSharp;

namespace NNTools.Plotting.Tests;

/// <summary>Reads a PNG back: its header, its size from IHDR, and its pixels through SkiaSharp.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from the IHDR chunk, which the format requires to come first.</summary>
    public static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(png.Length > 33, $"a PNG is at least 33 bytes, this file has {png.Length}");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>
    /// Asserts a file is a PNG of the given size that decodes, and that something was drawn: several
    /// colours, and a good share of pixels unlike the background (the top-left corner's colour).
    /// Returns the distinct colours, for tests that look for a particular one.
    /// </summary>
    public static HashSet<uint> AssertImage(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal((width, height), Size(bytes));
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        var background = bitmap.GetPixel(0, 0);
        var colours = new HashSet<uint>();
        int different = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                colours.Add((uint)p);
                if (p != background) different++;
            }
        }
        Assert.True(colours.Count > 10, $"only {colours.Count} distinct colours: the picture is (nearly) blank");
        Assert.True(different > width * height / 100, $"only {different} of {width * height} pixels differ from the background");
        return colours;
    }
}
