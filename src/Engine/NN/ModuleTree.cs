namespace NNTools.NN;

/// <summary>
/// Walks a tree of modules without recursion, so no model, however deep or cyclic, can overflow
/// the stack (a StackOverflow cannot be caught and ends the whole PowerShell session). Children
/// come from <see cref="Module.NamedChildren"/>, so cycles made through a PowerShell class's
/// properties are found as well as those made by registration.
/// </summary>
internal static class ModuleTree
{
    private sealed class Frame(string name, Module module, int level)
    {
        public string Name { get; } = name;
        public Module Module { get; } = module;
        public int Level { get; } = level;
        public List<(string Name, Module Module)> Children { get; } = module.NamedChildren().ToList();
        public int Next { get; set; }
    }

    /// <summary>
    /// <paramref name="root"/> and its descendants, depth first, each shared module once (as PyTorch's
    /// named_modules), with dotted names that start from <paramref name="rootName"/>. A module that
    /// contains itself raises ModuleCycle, and a module deeper than <see cref="ModuleLimits.MaxDepth"/>
    /// (counting <paramref name="rootLevel"/> for the root) raises ModuleNestingTooDeep, both as soon
    /// as the walk reaches them.
    /// </summary>
    public static IEnumerable<(string Name, Module Module)> Walk(Module root, string rootName = "", int rootLevel = 1)
    {
        ArgumentNullException.ThrowIfNull(root);
        CheckLevel(root, rootName, rootLevel);
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance) { root };
        // The modules on the path from the root to the current one, with their names: meeting one
        // again is a cycle, meeting any other seen module is sharing, which is allowed.
        var path = new Dictionary<Module, string>(ReferenceEqualityComparer.Instance) { [root] = rootName };
        var frames = new Stack<Frame>();
        yield return (rootName, root);
        frames.Push(new Frame(rootName, root, rootLevel));
        while (frames.Count > 0)
        {
            var frame = frames.Peek();
            if (frame.Next == frame.Children.Count)
            {
                path.Remove(frame.Module);
                frames.Pop();
                continue;
            }
            var (childName, child) = frame.Children[frame.Next++];
            string name = Join(frame.Name, childName);
            if (path.TryGetValue(child, out var first)) throw Cycle(child, first, name);
            if (!seen.Add(child)) continue;
            CheckLevel(child, name, frame.Level + 1);
            yield return (name, child);
            path.Add(child, name);
            frames.Push(new Frame(name, child, frame.Level + 1));
        }
    }

    /// <summary>Walks the whole tree for its errors alone (cycles, nesting), without keeping anything.</summary>
    public static void Check(Module root)
    {
        foreach (var _ in Walk(root)) { }
    }

    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static string Describe(Module module, string name) =>
        name.Length == 0 ? $"the {module.GetType().Name} at the top of the model" : $"the {module.GetType().Name} at '{name}'";

    private static ModuleException Cycle(Module module, string first, string again) =>
        new("ModuleCycle",
            $"the model contains itself: {Describe(module, first)} is its own descendant again at '{again}'; " +
            "a module must not hold itself or a module that holds it");

    public static TensorLimitException TooDeep(string what, int level) =>
        new("ModuleNestingTooDeep",
            $"{what} is nested {level} levels deep, more than the {ModuleLimits.MaxDepth} levels a model may nest (ModuleLimits.MaxDepth)");

    private static void CheckLevel(Module module, string name, int level)
    {
        if (level > ModuleLimits.MaxDepth) throw TooDeep(Describe(module, name), level);
    }
}
