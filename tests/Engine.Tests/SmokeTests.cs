namespace NNTools.Tests;

public class SmokeTests
{
    [Fact]
    public void AddsBroadcastAndBackpropagates()
    {
        var x = new Tensor(new object[] { 2.0, 3.0, 4.0 }).RequiresGrad_();
        var y = (x.Pow(2) + x).Sum();
        Assert.Equal(38.0, y.ToDouble(), 5);
        y.Backward();
        Assert.Equal(new[] { 5f, 7f, 9f }, x.Grad!.ToFloatArray());
    }
}
