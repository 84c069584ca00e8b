using System.Globalization;

namespace NNTools.NN;

/// <summary>
/// A lookup table of <c>num_embeddings</c> vectors of size <c>embedding_dim</c>, as nn.Embedding: an
/// int64 input of any shape gives the rows it names, shape [*input, embedding_dim]. The weight starts
/// as N(0, 1) drawn from the given or default generator (init.normal_, as PyTorch draws it).
/// </summary>
public sealed class Embedding : Module
{
    public Embedding(int numEmbeddings, int embeddingDim, Generator? generator = null)
    {
        if (numEmbeddings <= 0 || embeddingDim <= 0)
        {
            throw Raise(new TensorArgumentException("InvalidEmbeddingSize", $"Embedding needs positive sizes, got num_embeddings={numEmbeddings}, embedding_dim={embeddingDim}"));
        }
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        Weight = Tensor.ZerosLongLived([numEmbeddings, embeddingDim], DType.Float32).Normal_(0, 1, generator).RequiresGrad_();
        RegisterParameter("weight", Weight);
    }

    public int NumEmbeddings { get; }

    public int EmbeddingDim { get; }

    public Tensor Weight { get; }

    public override Tensor Forward(Tensor input)
    {
        ThrowIfNull(input);
        if (input.DType != DType.Int64)
        {
            throw Raise(new TensorArgumentException("EmbeddingIndexDType",
                $"Expected tensor for argument #1 'indices' to have scalar type Long; but got {input.DType.TorchName()} instead (shape {Shapes.Format(input.Sizes)})"));
        }
        var rows = Weight.IndexSelect(0, input.Reshape(-1));
        return rows.View([.. input.Sizes, EmbeddingDim]);
    }

    protected override string ExtraRepr() => string.Create(CultureInfo.InvariantCulture, $"{NumEmbeddings}, {EmbeddingDim}");
}
