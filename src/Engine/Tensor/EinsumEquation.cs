namespace NNTools;

/// <summary>
/// A parsed einsum equation: each operand's subscripts and the output's, as label codes. Letters
/// A-Z are 0-25 and a-z 26-51, so that sorting codes orders labels as PyTorch's implicit output
/// does (upper case first); <see cref="Ellipsis"/> marks where "..." stands.
/// </summary>
internal sealed class EinsumEquation
{
    public const int Ellipsis = -1;
    public const int LetterCount = 52;

    public required int[][] Inputs { get; init; }

    /// <summary>The output's subscripts, or null when the equation has no "->" (implicit output).</summary>
    public required int[]? Output { get; init; }

    public static EinsumEquation Parse(string equation, int operandCount)
    {
        int arrow = equation.IndexOf("->", StringComparison.Ordinal);
        string lhs = arrow < 0 ? equation : equation[..arrow];
        var terms = lhs.Split(',');
        if (terms.Length > operandCount) throw Errors.Raise(Fail("EinsumOperandCount", "fewer operands were provided than specified in the equation"));
        if (terms.Length < operandCount) throw Errors.Raise(Fail("EinsumOperandCount", "more operands were provided than specified in the equation"));
        var inputs = new int[terms.Length][];
        int position = 0;
        for (int i = 0; i < terms.Length; i++)
        {
            inputs[i] = Term(terms[i], position, $"operand {i}");
            position += terms[i].Length + 1;
        }
        int[]? output = arrow < 0 ? null : Term(equation[(arrow + 2)..], arrow + 2, "the output");
        return new EinsumEquation { Inputs = inputs, Output = output };
    }

    /// <summary>The label codes of one term; <paramref name="start"/> is its position in the equation, for messages.</summary>
    private static int[] Term(string term, int start, string what)
    {
        var labels = new List<int>();
        bool ellipsis = false;
        for (int i = 0; i < term.Length; i++)
        {
            char c = term[i];
            if (c == ' ') continue;
            if (c == '.')
            {
                if (ellipsis) throw Errors.Raise(Fail("EinsumEllipsis", $"found '.' for {what} for which an ellipsis was already found"));
                if (i + 2 >= term.Length || term[i + 1] != '.' || term[i + 2] != '.')
                {
                    throw Errors.Raise(Fail("EinsumEllipsis", $"found '.' for {what} that is not part of any ellipsis"));
                }
                ellipsis = true;
                labels.Add(Ellipsis);
                i += 2;
            }
            else if (c is >= 'A' and <= 'Z') labels.Add(c - 'A');
            else if (c is >= 'a' and <= 'z') labels.Add(c - 'a' + 26);
            else throw Errors.Raise(Fail("EinsumSubscript", $"invalid subscript given at index {start + i} in the equation string, subscripts must be in [a-zA-Z]"));
        }
        return labels.ToArray();
    }

    public static char Letter(int code) => code < 26 ? (char)('A' + code) : (char)('a' + code - 26);

    public static TensorArgumentException Fail(string id, string message) => new(id, "einsum(): " + message);
}
