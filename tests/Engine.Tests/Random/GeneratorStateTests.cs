using System.Buffers.Binary;

namespace NNTools.Tests.Random;

/// <summary>GetState / SetState: PyTorch's byte layout, exact round trips, and clear errors for bad bytes.</summary>
public class GeneratorStateTests
{
    [Fact]
    public void StateHasTorchLayoutForAFreshGenerator()
    {
        var state = new Generator(42).GetState();
        Assert.Equal(Generator.StateSize, state.Length);
        Assert.Equal(42L, BinaryPrimitives.ReadInt64LittleEndian(state));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(8)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(12)));
        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(16)));
        Assert.Equal(42UL, BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(24)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(5040)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 1)]
    [InlineData(700, 3)]
    public void RoundTripRepeatsEveryStream(int uniformsBefore, int normalsBefore)
    {
        var g = new Generator(12345);
        Tensor.Rand([uniformsBefore], DType.Float32, g);
        Tensor.Randn([normalsBefore], DType.Float64, g);
        var state = g.GetState();
        var first = Draws(g);
        g.SetState(state);
        Assert.Equal(first, Draws(g));
        var other = new Generator();
        other.SetState(state);
        Assert.Equal(state, other.GetState());
    }

    [Fact]
    public void RoundTripKeepsTheCachedNormal()
    {
        var g = new Generator(5);
        Tensor.Randn([1], DType.Float64, g);
        var state = g.GetState();
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(state.AsSpan(5040)));
        double cached = Tensor.Randn([1], DType.Float64, g).ToDouble();
        Assert.Equal(cached, BinaryPrimitives.ReadDoubleLittleEndian(state.AsSpan(5024)));
        var restored = new Generator(0);
        restored.SetState(state);
        Assert.Equal(cached, Tensor.Randn([1], DType.Float64, restored).ToDouble());
    }

    /// <summary>The legacy THGeneratorState kept uniforms and a radius; the cached normal is rho·sin(2π·x).</summary>
    [Fact]
    public void LegacyStateRebuildsTheCachedNormalFromRhoAndX()
    {
        var legacy = new Generator(9).GetState()[..Generator.LegacyStateSize];
        BinaryPrimitives.WriteDoubleLittleEndian(legacy.AsSpan(5016), 0.125);
        BinaryPrimitives.WriteDoubleLittleEndian(legacy.AsSpan(5032), 2.0);
        BinaryPrimitives.WriteInt32LittleEndian(legacy.AsSpan(5040), 1);
        var g = new Generator();
        g.SetState(legacy);
        Assert.Equal(2.0 * Math.Sin(2 * Math.PI * 0.125), Tensor.Randn([1], DType.Float64, g).ToDouble());
        Assert.Equal(new Generator(9).GetState()[..5016], g.GetState()[..5016]);
    }

    [Theory]
    [InlineData(0, 8, 1)]
    [InlineData(Generator.StateSize, 8, 0)]
    [InlineData(Generator.StateSize, 8, 625)]
    [InlineData(Generator.StateSize, 12, 0)]
    [InlineData(Generator.StateSize, 16, 625)]
    public void BadStateIsRefusedWithAStableId(int size, int offset, int value)
    {
        var state = new byte[size];
        if (size > 0)
        {
            new Generator(1).GetState().CopyTo(state, 0);
            BinaryPrimitives.WriteInt32LittleEndian(state.AsSpan(offset), value);
        }
        var g = new Generator(1);
        var before = g.GetState();
        var e = Assert.Throws<TensorArgumentException>(() => g.SetState(state));
        Assert.Equal("InvalidGeneratorState", e.ErrorId);
        Assert.Equal(before, g.GetState());
    }

    private static ulong[] Draws(Generator g) =>
    [
        .. RandomFixture.Bits(Tensor.Randn([3], DType.Float32, g)),
        .. RandomFixture.Bits(Tensor.Randn([20], DType.Float32, g)),
        .. RandomFixture.Bits(Tensor.Rand([5], DType.Float64, g)),
        .. RandomFixture.Bits(Tensor.Randint(0, 1L << 40, [4], DType.Int64, g)),
        .. RandomFixture.Bits(Tensor.Randperm(9, g)),
    ];
}
