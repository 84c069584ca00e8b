namespace NNTools.IO;

/// <summary>
/// A file whose contents cannot be what they claim: a malformed safetensors header, offsets that
/// do not tile the data, an architecture description that names an unknown layer. The
/// <see cref="TensorException.ErrorId"/> says which rule was broken; the message names the tensor
/// and the numbers involved.
/// </summary>
public class TensorDataException(string errorId, string message, ErrorKind kind = ErrorKind.InvalidData, Exception? inner = null)
    : TensorException(errorId, message, inner)
{
    public override ErrorKind Kind { get; } = kind;
}

/// <summary>
/// A safetensors file that breaks the format: ids HeaderTooSmall, HeaderTruncated,
/// InvalidHeaderUtf8, InvalidHeaderStart, InvalidHeaderJson, DuplicateKey, InvalidMetadata,
/// InvalidTensorEntry, InvalidDType, UnsupportedDType, InvalidShape, InvalidOffsets, OffsetsOverlap,
/// OffsetsGap, ShapeOverflow, ShapeLengthMismatch, DataTruncated, TrailingBytes, InvalidBoolValue;
/// or one past a limit on <see cref="SafeTensors"/>, with kind LimitsExceeded: HeaderTooLarge,
/// TooManyTensors, TooManyMetadataEntries, RankTooLarge, TooManyHeaderValues, and TensorTooLarge (a
/// valid file too big for this engine's int-indexed tensors).
/// </summary>
public sealed class SafeTensorsFormatException(string errorId, string message, ErrorKind kind = ErrorKind.InvalidData, Exception? inner = null)
    : TensorDataException(errorId, message, kind, inner);

/// <summary>
/// A save that would replace an existing file without being told to (ErrorId "FileExists"). The
/// cmdlets map it to -Force; the engine's switch is the <c>overwrite</c> argument.
/// </summary>
public sealed class FileExistsException(string path)
    : TensorException("FileExists", $"the file '{path}' already exists; use -Force (overwrite: true) to replace it")
{
    /// <summary>The full path of the existing file.</summary>
    public string Path { get; } = path;

    public override ErrorKind Kind => ErrorKind.InvalidOperation;
}

/// <summary>
/// A file or folder that cannot be used as asked: ids FileNotFound and DirectoryNotFound
/// (ObjectNotFound), FileNotRegular (InvalidArgument: a folder, a FIFO, a device), FileReadFailed
/// (ReadError) and FileWriteFailed (WriteError: a read-only folder, a full disk). The message names
/// the path the caller gave, never the temporary file a save writes first.
/// </summary>
public sealed class TensorFileException(string errorId, string message, ErrorKind kind, string path, Exception? inner = null)
    : TensorException(errorId, message, inner)
{
    /// <summary>The full path of the file the caller named.</summary>
    public string Path { get; } = path;

    public override ErrorKind Kind { get; } = kind;
}
