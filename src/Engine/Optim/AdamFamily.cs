namespace NNTools.Optim;

/// <summary>The hyper-parameter checks Adamax, NAdam and RAdam share with Adam, with PyTorch's messages.</summary>
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
        Check(lr >= 0, "InvalidLearningRate", "learning rate", lr);
        Check(eps >= 0, "InvalidEpsilon", "epsilon value", eps);
        Check(betas[0] >= 0 && betas[0] < 1, "InvalidBeta", "beta parameter at index 0", betas[0]);
        Check(betas[1] >= 0 && betas[1] < 1, "InvalidBeta", "beta parameter at index 1", betas[1]);
        Check(weightDecay >= 0, "InvalidWeightDecay", "weight_decay value", weightDecay);
    }

    private static void Check(bool ok, string errorId, string what, double value)
    {
        if (!ok) throw Raise(new TensorArgumentException(errorId, $"Invalid {what}: {PyFormat.Value(value)}"));
    }
}
