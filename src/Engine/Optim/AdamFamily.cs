namespace NNTools.Optim;

/// <summary>The hyper-parameter checks of Adam, AdamW, Adamax, NAdam and RAdam, with PyTorch's messages.</summary>
internal static class AdamFamily
{
    public static void Validate(ParamGroup group)
    {
        double lr = group.GetDouble("lr"), eps = group.GetDouble("eps"), weightDecay = group.GetDouble("weight_decay");
        var betas = group.GetPair("betas");
        if (betas.Length != 2)
        {
            throw Raise(new TensorArgumentException("InvalidBeta", $"betas must be a pair of numbers, got {betas.Length} of them"));
        }
        Optimizer.Require(lr >= 0, "InvalidLearningRate", "learning rate", lr);
        Optimizer.Require(eps >= 0, "InvalidEpsilon", "epsilon value", eps);
        Optimizer.Require(betas[0] >= 0 && betas[0] < 1, "InvalidBeta", "beta parameter at index 0", betas[0]);
        Optimizer.Require(betas[1] >= 0 && betas[1] < 1, "InvalidBeta", "beta parameter at index 1", betas[1]);
        Optimizer.Require(weightDecay >= 0, "InvalidWeightDecay", "weight_decay value", weightDecay);
    }
}
