namespace NNTools.Backends;

/// <summary>
/// The storage offsets of a strided view in row-major order, one per <see cref="Next"/>: the
/// reference backend's only way of reading an operand, so its loops need no layout cases.
/// </summary>
internal struct StridedWalk
{
    private readonly int[] _shape;
    private readonly int[] _strides;
    private readonly int[] _index;
    private long _left;
    private int _position;

    public StridedWalk(int[] shape, int offset, int[] strides)
    {
        _shape = shape;
        _strides = strides;
        _index = new int[shape.Length];
        _left = Shapes.Numel(shape);
        _position = offset;
    }

    /// <summary>The next element's offset, or false when every element has been visited.</summary>
    public bool Next(out int offset)
    {
        offset = _position;
        if (_left == 0) return false;
        _left--;
        for (int d = _shape.Length - 1; d >= 0; d--)
        {
            _position += _strides[d];
            if (++_index[d] < _shape[d]) return true;
            _position -= _strides[d] * _shape[d];
            _index[d] = 0;
        }
        return true;
    }
}
