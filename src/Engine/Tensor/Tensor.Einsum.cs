namespace NNTools;

/// <summary>
/// Einstein summation, reduced to Diagonal, Permute, Unsqueeze, Sum, Reshape and Bmm so that its
/// gradient is theirs. Operands are aligned on one global list of dims (output labels first, then
/// the summed ones), size 1 where an operand lacks a label; they are then multiplied pairwise left
/// to right, each dim summed as soon as no later operand has it, as PyTorch's sumproduct_pair.
/// </summary>
public sealed partial class Tensor
{
    /// <summary>
    /// torch.einsum: e.g. "ij,jk->ik" is a matrix product, "bij,bjk->bik" a batched one, "ii->i" a
    /// diagonal, "ii" a trace, "i,j->ij" an outer product, "...ij->...ji" a transpose of the last two
    /// dims. Without "->" the output holds the ellipsis dims, then the labels used once, in
    /// alphabetical order (upper case first). A label repeated within one operand takes its
    /// diagonal; labels missing from the output are summed; size-1 dims and ellipsis dims broadcast.
    /// </summary>
    public static Tensor Einsum(string equation, params Tensor[] operands)
    {
        ThrowIfNull(equation);
        ThrowIfNull(operands);
        foreach (var t in operands) ThrowIfNull(t, nameof(operands));
        if (operands.Length == 0) throw Raise(EinsumEquation.Fail("EinsumOperandCount", "must provide at least one operand"));
        var eq = EinsumEquation.Parse(equation, operands.Length);
        int ellipsisDims = 0;
        var labels = new int[operands.Length][];
        for (int i = 0; i < operands.Length; i++) labels[i] = ExpandEllipsis(eq.Inputs[i], operands[i], i, ref ellipsisDims);
        // Ellipsis dims are labels LetterCount + k, right-aligned across operands as broadcasting aligns them.
        for (int i = 0; i < operands.Length; i++)
        {
            int own = labels[i].Count(l => l >= EinsumEquation.LetterCount);
            for (int j = 0; j < labels[i].Length; j++) if (labels[i][j] >= EinsumEquation.LetterCount) labels[i][j] += ellipsisDims - own;
        }
        var output = OutputLabels(eq, labels, ellipsisDims);
        var order = output.Concat(labels.SelectMany(l => l).Distinct().Where(l => !output.Contains(l)).Order()).ToArray();
        var aligned = new Tensor[operands.Length];
        for (int i = 0; i < operands.Length; i++) aligned[i] = Align(operands[i], labels[i], order, i);
        CheckBroadcast(operands, aligned);
        return Contract(aligned, output.Length);
    }

    /// <summary>An operand's labels, one per dim, its ellipsis replaced by codes LetterCount + k for its k-th ellipsis dim.</summary>
    private static int[] ExpandEllipsis(int[] term, Tensor t, int i, ref int ellipsisDims)
    {
        int letters = term.Count(l => l != EinsumEquation.Ellipsis);
        bool hasEllipsis = letters != term.Length;
        if (!hasEllipsis && letters != t.Ndim)
        {
            throw Raise(EinsumEquation.Fail("EinsumSubscriptCount",
                $"the number of subscripts in the equation ({letters}) does not match the number of dimensions ({t.Ndim}) for operand {i} and no ellipsis was given"));
        }
        if (hasEllipsis && letters > t.Ndim)
        {
            throw Raise(EinsumEquation.Fail("EinsumSubscriptCount",
                $"the number of subscripts in the equation ({letters}) is more than the number of dimensions ({t.Ndim}) for operand {i}"));
        }
        int own = t.Ndim - letters;
        ellipsisDims = Math.Max(ellipsisDims, own);
        return term.SelectMany(l => l == EinsumEquation.Ellipsis
            ? Enumerable.Range(EinsumEquation.LetterCount, own)
            : [l]).ToArray();
    }

    private static int[] OutputLabels(EinsumEquation eq, int[][] labels, int ellipsisDims)
    {
        var ellipsis = Enumerable.Range(EinsumEquation.LetterCount, ellipsisDims);
        if (eq.Output is null)
        {
            var once = labels.SelectMany(l => l).Where(l => l < EinsumEquation.LetterCount).GroupBy(l => l).Where(g => g.Count() == 1).Select(g => g.Key).Order();
            return ellipsis.Concat(once).ToArray();
        }
        var output = new List<int>();
        foreach (var l in eq.Output)
        {
            if (l == EinsumEquation.Ellipsis)
            {
                output.AddRange(ellipsis);
                continue;
            }
            char c = EinsumEquation.Letter(l);
            if (output.Contains(l)) throw Raise(EinsumEquation.Fail("EinsumOutputSubscript", $"output subscript {c} appears more than once in the output"));
            if (!labels.Any(x => x.Contains(l))) throw Raise(EinsumEquation.Fail("EinsumOutputSubscript", $"output subscript {c} does not appear in the equation for any input operand"));
            output.Add(l);
        }
        return output.ToArray();
    }

    /// <summary>
    /// The operand with its repeated labels reduced to diagonals, its dims permuted into
    /// <paramref name="order"/> and size-1 dims inserted for the labels it lacks.
    /// </summary>
    private static Tensor Align(Tensor t, int[] labels, int[] order, int i)
    {
        var own = labels.ToList();
        for (int j = 0; j < own.Count; j++)
        {
            int k = own.IndexOf(own[j], j + 1);
            if (k < 0) continue;
            if (t.Sizes[j] != t.Sizes[k])
            {
                throw Raise(EinsumEquation.Fail("EinsumRepeatedSize",
                    $"subscript {EinsumEquation.Letter(own[j])} is repeated for operand {i} but the sizes don't match, {t.Sizes[j]} != {t.Sizes[k]}"));
            }
            // Diagonal removes dims j and k and appends their diagonal last; the label follows it.
            t = t.Diagonal(0, j, k);
            int label = own[j];
            own.RemoveAt(k);
            own.RemoveAt(j);
            own.Add(label);
            j--;
        }
        var present = order.Where(own.Contains).ToArray();
        t = t.Permute(present.Select(l => own.IndexOf(l)).ToArray());
        for (int p = 0; p < order.Length; p++)
        {
            if (!own.Contains(order[p])) t = t.Unsqueeze(p);
        }
        return t;
    }

    private static void CheckBroadcast(Tensor[] operands, Tensor[] aligned)
    {
        for (int d = 0; d < aligned[0].Ndim; d++)
        {
            int size = aligned.Select(t => t.Sizes[d]).Where(s => s != 1).DefaultIfEmpty(1).First();
            if (aligned.All(t => t.Sizes[d] == 1 || t.Sizes[d] == size)) continue;
            var pairs = operands.Select((t, i) => $"{Shapes.Format(t.Sizes)}->{Shapes.Format(aligned[i].Sizes)}");
            throw Raise(EinsumEquation.Fail("EinsumBroadcast", $"operands do not broadcast with remapped shapes (original->remapped): {string.Join(" ", pairs)}"));
        }
    }

    /// <summary>Multiplies the aligned operands left to right, summing each non-output dim once no later operand has it; the first <paramref name="outputDims"/> dims are the output.</summary>
    private static Tensor Contract(Tensor[] ops, int outputDims)
    {
        int rank = ops[0].Ndim;
        bool Later(int d, int from) => ops.Skip(from).Any(t => t.Sizes[d] != 1);
        var result = ops[0];
        var alone = Enumerable.Range(outputDims, rank - outputDims).Where(d => result.Sizes[d] != 1 && !Later(d, 1)).ToArray();
        if (alone.Length > 0) result = result.Sum(alone, keepDim: true);
        for (int i = 1; i < ops.Length; i++)
        {
            var sumDims = Enumerable.Range(outputDims, rank - outputDims).Where(d => !Later(d, i + 1)).ToArray();
            result = SumProductPair(result, ops[i], sumDims);
        }
        return result.Reshape(result.Sizes.Take(outputDims).ToArray());
    }

    /// <summary>(a * b) summed over <paramref name="sumDims"/> (kept as size 1), as one Bmm over [batch, left, summed] x [batch, summed, right].</summary>
    private static Tensor SumProductPair(Tensor a, Tensor b, int[] sumDims)
    {
        var onlyA = sumDims.Where(d => a.Sizes[d] != 1 && b.Sizes[d] == 1).ToArray();
        var onlyB = sumDims.Where(d => b.Sizes[d] != 1 && a.Sizes[d] == 1).ToArray();
        if (onlyA.Length > 0) a = a.Sum(onlyA, keepDim: true);
        if (onlyB.Length > 0) b = b.Sum(onlyB, keepDim: true);
        int rank = a.Ndim;
        var dims = Enumerable.Range(0, rank).ToArray();
        var summed = dims.Where(d => sumDims.Contains(d) && a.Sizes[d] != 1).ToArray();
        var batch = dims.Where(d => !sumDims.Contains(d) && a.Sizes[d] != 1 && b.Sizes[d] != 1).ToArray();
        var left = dims.Where(d => !sumDims.Contains(d) && a.Sizes[d] != 1 && b.Sizes[d] == 1).ToArray();
        var right = dims.Where(d => !sumDims.Contains(d) && a.Sizes[d] == 1 && b.Sizes[d] != 1).ToArray();
        int Prod(Tensor t, int[] ds) => ds.Aggregate(1, (p, d) => p * t.Sizes[d]);
        int[] Rest(params int[][] used) => dims.Where(d => !used.Any(u => u.Contains(d))).ToArray();
        var a3 = a.Permute([.. batch, .. left, .. summed, .. Rest(batch, left, summed)]).Reshape(Prod(a, batch), Prod(a, left), Prod(a, summed));
        var b3 = b.Permute([.. batch, .. summed, .. right, .. Rest(batch, summed, right)]).Reshape(Prod(b, batch), Prod(b, summed), Prod(b, right));
        var kept = batch.Concat(left).Concat(right).ToArray();
        var product = a3.Bmm(b3).Reshape(kept.Select(d => d < 0 ? 1 : (a.Sizes[d] != 1 ? a.Sizes[d] : b.Sizes[d])).ToArray());
        // Back to ascending dim order, then size-1 dims where the rank's other dims were.
        var sortedKept = kept.Order().ToArray();
        product = product.Permute(sortedKept.Select(d => Array.IndexOf(kept, d)).ToArray());
        var shape = dims.Select(d => kept.Contains(d) ? (a.Sizes[d] != 1 ? a.Sizes[d] : b.Sizes[d]) : 1).ToArray();
        return product.Reshape(shape);
    }
}
