using NNTools.IO;
using NNTools.NN;

namespace NNTools.Tests.NN;

/// <summary>
/// Models that contain themselves, nest too deep or return nothing: every walk of a model reports
/// them with a stable error id instead of overflowing the stack (which would end the session).
/// </summary>
public class ModuleStructureTests
{
    /// <summary>A module holding another in a property, as a PowerShell class does; its Forward runs the held one.</summary>
    private sealed class Holder : Module
    {
        public Module? Inner { get; set; }

        public override Tensor Forward(Tensor input) => Inner is null ? input : Inner.Forward(input);
    }

    private sealed class ReturnsNull : Module
    {
        public override Tensor Forward(Tensor input) => null!;
    }

    private static readonly Tensor X = Tensor.Ones(2, 3);

    /// <summary>Identity nested in <paramref name="levels"/> - 1 Sequentials: a model <paramref name="levels"/> levels deep.</summary>
    private static (Module Top, Sequential Innermost) Chain(int levels)
    {
        var innermost = new Sequential(new Identity());
        Module top = innermost;
        for (int level = 3; level <= levels; level++) top = new Sequential(top);
        return (top, innermost);
    }

    [Fact]
    public void ASequentialCannotHoldItself()
    {
        var s = new Sequential(new ReLU());
        var e = Assert.Throws<ModuleException>(() => s.Append(s));
        Assert.Equal("ModuleCycle", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidOperation, e.Kind);
        Assert.Equal("cannot add a Sequential as child '1' of this Sequential: it is this very module, and a model must not contain itself", e.Message);
        Assert.Equal(1, s.Count);
    }

    [Fact]
    public void ASequentialCannotHoldAModuleThatHoldsIt()
    {
        var inner = new Sequential(new ReLU());
        var outer = new Sequential(new Tanh(), inner);
        var e = Assert.Throws<ModuleException>(() => inner.Append(outer));
        Assert.Equal("ModuleCycle", e.ErrorId);
        Assert.Contains("it holds this Sequential (at '1.1')", e.Message);

        var holder = new Holder { Inner = inner };
        Assert.Equal("ModuleCycle", Assert.Throws<ModuleException>(() => inner.Append(holder)).ErrorId);
        Assert.Equal(1, inner.Count);
    }

    [Fact]
    public void ACycleThroughPropertiesIsReportedByEveryWalk()
    {
        var a = new Holder();
        var b = new Holder { Inner = a };
        a.Inner = b;
        Action[] walks =
        [
            () => a.Parameters().ToList(), () => a.StateDict(), () => a.Modules().ToList(), () => a.Train(),
            () => a.ZeroGrad(), () => _ = a.ToString(), () => a.CheckStructure(), () => Architecture.Describe(a), () => ModelFile.Serialize(a),
        ];
        foreach (var walk in walks)
        {
            var e = Assert.Throws<ModuleException>(walk);
            Assert.Equal("ModuleCycle", e.ErrorId);
            Assert.Equal("the model contains itself: the Holder at the top of the model is its own descendant again at 'Inner.Inner'; " +
                "a module must not hold itself or a module that holds it", e.Message);
        }
    }

    [Fact]
    public void SharedModulesAreNotCycles()
    {
        var shared = new Linear(2, 2, generator: new Generator(0));
        var model = new Sequential(shared, new ReLU(), shared);
        Assert.Equal(["0.weight", "0.bias"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal("Sequential(\n  (0): Linear(in_features=2, out_features=2, bias=True)\n  (1): ReLU()\n  (2): Linear(in_features=2, out_features=2, bias=True)\n)", model.ToString());
        Assert.Equal([2, 2], model.Forward(Tensor.Ones(2, 2)).Shape);
    }

    [Fact]
    public void NestingIsRefusedBeyondTheLimitWhereTheModelIsBuilt()
    {
        var (top, _) = Chain(ModuleLimits.MaxDepth);
        Assert.Equal(ModuleLimits.MaxDepth, top.Modules().Count());
        Assert.Equal([2, 3], top.Forward(X).Shape);

        var e = Assert.Throws<TensorLimitException>(() => new Sequential(top));
        Assert.Equal("ModuleNestingTooDeep", e.ErrorId);
        Assert.Equal(ErrorKind.LimitsExceeded, e.Kind);
        Assert.StartsWith("the Identity at '0.0.", e.Message);
        Assert.EndsWith($"' is nested {ModuleLimits.MaxDepth + 1} levels deep, more than the {ModuleLimits.MaxDepth} levels a model may nest (ModuleLimits.MaxDepth)", e.Message);
    }

    [Fact]
    public void NestingGrownAfterwardsIsRefusedByWalksPrintingAndForward()
    {
        var (top, innermost) = Chain(ModuleLimits.MaxDepth);
        var (branch, _) = Chain(3);
        innermost.Append(branch); // fine for innermost, one level too many for top
        Assert.Equal("ModuleNestingTooDeep", Assert.Throws<TensorLimitException>(() => top.Parameters().ToList()).ErrorId);
        Assert.Equal("ModuleNestingTooDeep", Assert.Throws<TensorLimitException>(() => top.ToString()).ErrorId);
        Assert.Equal("ModuleNestingTooDeep", Assert.Throws<TensorLimitException>(() => ModelFile.Serialize(top)).ErrorId);
        var forward = Assert.Throws<TensorLimitException>(() => top.Forward(X));
        Assert.Equal("ModuleNestingTooDeep", forward.ErrorId);
        Assert.Contains($"nested {ModuleLimits.MaxDepth + 1} levels deep", forward.Message);
        // The count of running forward passes unwound with the error.
        Assert.Equal([2, 3], innermost.Forward(X).Shape);
    }

    [Fact]
    public void ForwardRecursingThroughAPropertyCycleStopsWithALimitError()
    {
        var holder = new Holder();
        var model = new Sequential(new ReLU(), holder);
        holder.Inner = model; // made after the Append, so only the forward pass meets it
        var e = Assert.Throws<TensorLimitException>(() => model.Forward(X));
        Assert.Equal("ModuleNestingTooDeep", e.ErrorId);
        Assert.Equal(ErrorKind.LimitsExceeded, e.Kind);
        Assert.Equal("ModuleCycle", Assert.Throws<ModuleException>(model.CheckStructure).ErrorId);
        holder.Inner = null;
        Assert.Equal([2, 3], model.Forward(X).Shape);
    }

    [Fact]
    public void AForwardThatReturnsNullIsRefused()
    {
        var e = Assert.Throws<ModuleException>(() => new ReturnsNull().Invoke(X));
        Assert.Equal("ForwardReturnedNull", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidOperation, e.Kind);
        Assert.Equal("ReturnsNull.Forward returned null for an input of shape [2, 3]; Forward must return a tensor", e.Message);
        var inside = Assert.Throws<ModuleException>(() => new Sequential(new ReLU(), new ReturnsNull(), new Tanh()).Forward(X));
        Assert.Equal("ForwardReturnedNull", inside.ErrorId);
    }

    [Fact]
    public void PrintingAModelWhoseSharingMultipliesIsRefused()
    {
        // 20 levels of Sequential(s, s): a million modules to print, from 21 objects.
        Module s = new ReLU();
        for (int i = 0; i < 20; i++) s = new Sequential(s, s);
        Assert.Equal("TooManyModules", Assert.Throws<TensorLimitException>(() => s.ToString()).ErrorId);
        Assert.Equal("TooManyModules", Assert.Throws<TensorLimitException>(() => Architecture.Describe(s)).ErrorId);
        Assert.Equal("Sequential(\n  (0): ReLU()\n)", new Sequential(new ReLU()).ToString());
    }
}
