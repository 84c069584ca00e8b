namespace NNTools.Tests.Differential;

/// <summary>The ops families_dtypes.py adds to the replay's table: the casts to the narrow integers.</summary>
[DifferentialOpSet]
internal static class DTypeOps
{
    public static void Register(Dictionary<string, DifferentialOps.Op> t)
    {
        t["int"] = (x, _) => x[0].Int();
        t["byte"] = (x, _) => x[0].Byte();
    }
}
