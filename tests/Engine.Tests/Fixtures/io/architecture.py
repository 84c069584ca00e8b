"""The nntools.architecture description (src/Engine/NN/Architecture.cs) for PyTorch modules, both
ways: describe(model) writes the JSON NNTools writes, with keys in the same order; build(desc)
makes the torch.nn model a description names."""
import torch
from torch import nn



def describe(m):
    if isinstance(m, nn.Sequential):
        return {"type": "Sequential", "layers": [describe(c) for c in m]}
    if isinstance(m, nn.Linear):
        return {"type": "Linear", "in": m.in_features, "out": m.out_features, "bias": m.bias is not None,
                "dtype": str(m.weight.dtype).replace("torch.", "")}
    if isinstance(m, nn.LeakyReLU):
        return {"type": "LeakyReLU", "negative_slope": m.negative_slope}
    if isinstance(m, (nn.Softmax, nn.LogSoftmax)):
        return {"type": type(m).__name__, "dim": m.dim}
    if isinstance(m, nn.Flatten):
        return {"type": "Flatten", "start_dim": m.start_dim, "end_dim": m.end_dim}
    if isinstance(m, nn.Dropout):
        return {"type": "Dropout", "p": m.p}
    if isinstance(m, (nn.ReLU, nn.Sigmoid, nn.Tanh, nn.Identity)):
        return {"type": type(m).__name__}
    raise ValueError(f"no description for {type(m).__name__}")


def build(d):
    kind = d["type"]
    if kind == "Sequential":
        return nn.Sequential(*[build(layer) for layer in d["layers"]])
    if kind == "Linear":
        return nn.Linear(d["in"], d["out"], bias=d["bias"], dtype=getattr(torch, d["dtype"]))
    if kind == "LeakyReLU":
        return nn.LeakyReLU(d["negative_slope"])
    if kind in ("Softmax", "LogSoftmax"):
        return getattr(nn, kind)(dim=d["dim"])
    if kind == "Flatten":
        return nn.Flatten(d["start_dim"], d["end_dim"])
    if kind == "Dropout":
        return nn.Dropout(d["p"])
    return getattr(nn, kind)()
