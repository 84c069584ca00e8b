namespace NNTools;

/// <summary>
/// What kind of mistake an engine error reports. The module maps these one to one onto
/// PowerShell's ErrorCategory, so the engine needs no PowerShell reference.
/// </summary>
public enum ErrorKind
{
    InvalidArgument,
    InvalidData,
    InvalidOperation,
    LimitsExceeded,
    OperationStopped,
    ObjectNotFound,
    ReadError,
    WriteError,
}

/// <summary>
/// Base of every error the engine raises on purpose. <see cref="ErrorId"/> is stable across
/// releases (scripts and tests match on it); the message names the actual shapes and values.
/// </summary>
public abstract class TensorException : Exception
{
    protected TensorException(string errorId, string message, Exception? inner = null) : base(message, inner)
    {
        ErrorId = errorId;
    }

    public string ErrorId { get; }

    public abstract ErrorKind Kind { get; }
}

/// <summary>A bad value or option: an unknown dtype, an out-of-range dim, a scalar where a tensor was needed.</summary>
public class TensorArgumentException(string errorId, string message) : TensorException(errorId, message)
{
    public override ErrorKind Kind => ErrorKind.InvalidArgument;
}

/// <summary>Shapes that do not fit: broadcasting, matmul, view, cat.</summary>
public sealed class ShapeMismatchException(string errorId, string message) : TensorArgumentException(errorId, message);

/// <summary>An operation the dtype does not support, or two dtypes that must agree and do not.</summary>
public sealed class DTypeMismatchException(string errorId, string message) : TensorArgumentException(errorId, message);

/// <summary>An index outside its dimension, or an indexing expression that cannot be parsed.</summary>
public sealed class TensorIndexException(string errorId, string message) : TensorArgumentException(errorId, message);

/// <summary>Nested input whose rows have different lengths, like PyTorch's "expected sequence of length 2 at dim 1 (got 3)".</summary>
public sealed class RaggedInputException(string message) : TensorArgumentException("RaggedInput", message);

/// <summary>Misuse of autograd: backward twice, grad on an integer tensor, in-place change of a leaf.</summary>
public sealed class AutogradException(string errorId, string message) : TensorException(errorId, message)
{
    public override ErrorKind Kind => ErrorKind.InvalidOperation;
}

/// <summary>Misuse of a model: a module that would contain itself, a Forward that returned nothing.</summary>
public sealed class ModuleException(string errorId, string message) : TensorException(errorId, message)
{
    public override ErrorKind Kind => ErrorKind.InvalidOperation;
}

/// <summary>A size beyond what the engine can hold (more than int.MaxValue elements, absurd ranks).</summary>
public sealed class TensorLimitException(string errorId, string message) : TensorException(errorId, message)
{
    public override ErrorKind Kind => ErrorKind.LimitsExceeded;
}

/// <summary>A numerical failure such as a singular matrix.</summary>
public sealed class NumericalException(string errorId, string message) : TensorException(errorId, message)
{
    public override ErrorKind Kind => ErrorKind.InvalidArgument;
}
