using NNTools.Autograd;
using NNTools.Data;
using NNTools.NN;
using NNTools.Optim;

namespace NNTools.Bench;

/// <summary>
/// W3 through the engine: moons (200 points, noise 0.1, seed 0: the same values as moons.csv),
/// Linear(2,500) ReLU Linear(500,500) ReLU Linear(500,1) Sigmoid, BCE, SGD lr 0.5 weight decay 0.01,
/// shuffled batches of 50 from a DataLoader, in a plain loop. Used by W3 and, beside Start-Training,
/// by the module workload.
/// </summary>
internal sealed class MoonsLoop
{
    private readonly Tensor _x;
    private readonly Tensor _y;
    private readonly Module _model;
    private readonly BCELoss _loss = new();
    private readonly SGD _optimizer;
    private readonly DataLoader _loader;

    public MoonsLoop()
    {
        var moons = Datasets.MakeMoons(200, 0.1, randomState: 0);
        _x = moons.X;
        _y = moons.Y.Float().Reshape(-1, 1);
        Tensor.ManualSeed(0);
        _model = Layers.Mlp([2, 500, 500, 1], "ReLU", "Sigmoid");
        _optimizer = new SGD(_model.Parameters(), lr: 0.5, weightDecay: 1e-2);
        _loader = new DataLoader(new TensorDataset(_x, _y), batchSize: 50, shuffle: true);
    }

    /// <summary>The loss over all 200 points (call under no-grad).</summary>
    public Tensor FullBatchLoss() => _loss.Compute(_model.Forward(_x), _y);

    /// <summary>Trains for the epochs and returns the number of steps taken.</summary>
    public int Epochs(int epochs)
    {
        int steps = 0;
        for (int e = 0; e < epochs; e++)
        {
            foreach (var batch in _loader)
            {
                _optimizer.ZeroGrad(setToNone: false);
                var loss = _loss.Compute(_model.Forward(batch.Input), batch.Target!);
                loss.Backward();
                _optimizer.Step();
                steps++;
            }
        }
        return steps;
    }
}
