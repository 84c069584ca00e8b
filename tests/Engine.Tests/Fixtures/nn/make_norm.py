#!/usr/bin/python3
"""BatchNorm1d/2d, LayerNorm and Embedding against PyTorch 1.13.

Run from this folder: /usr/bin/python3 make_norm.py  -> norm.json
Each case: the layer's constructor arguments, two training batches (outputs, gradients of input and
parameters for a random upstream gradient, running statistics after each), then an eval pass on a
third batch, the printout and the state_dict keys. Embedding: the seeded initial weight, an output
and the weight's gradient.
"""
import sys

import torch
import torch.nn as nn

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

g = torch.Generator().manual_seed(7)


def randn(*shape):
    return torch.randn(*shape, generator=g)


def norm_case(name, module, shape, kwargs):
    case = {"layer": name, "kwargs": kwargs, "repr": repr(module), "keys": list(module.state_dict().keys()), "steps": []}
    module.train()
    for _ in range(2):
        x = randn(*shape).mul_(3).add_(1).requires_grad_()
        y = module(x)
        up = randn(*y.shape)
        y.backward(up)
        step = {"x": tensor_json(x), "up": tensor_json(up), "y": tensor_json(y), "x_grad": tensor_json(x.grad)}
        for pname, p in module.named_parameters():
            step[pname + "_grad"] = tensor_json(p.grad)
            p.grad = None
        for bname, b in module.named_buffers():
            step[bname] = tensor_json(b)
        case["steps"].append(step)
    module.eval()
    x = randn(*shape)
    case["eval_x"], case["eval_y"] = tensor_json(x), tensor_json(module(x).detach())
    return case


cases = [
    norm_case("BatchNorm1d", nn.BatchNorm1d(4), (6, 4), {"num_features": 4}),
    norm_case("BatchNorm1d", nn.BatchNorm1d(3, eps=1e-3, momentum=0.3), (5, 3, 7), {"num_features": 3, "eps": 1e-3, "momentum": 0.3}),
    norm_case("BatchNorm1d", nn.BatchNorm1d(3, affine=False), (5, 3), {"num_features": 3, "affine": False}),
    norm_case("BatchNorm2d", nn.BatchNorm2d(3), (4, 3, 5, 5), {"num_features": 3}),
    norm_case("BatchNorm2d", nn.BatchNorm2d(2, track_running_stats=False), (3, 2, 4, 4), {"num_features": 2, "track_running_stats": False}),
    norm_case("LayerNorm", nn.LayerNorm(5), (4, 5), {"normalized_shape": [5]}),
    norm_case("LayerNorm", nn.LayerNorm([3, 4], eps=1e-3), (2, 6, 3, 4), {"normalized_shape": [3, 4], "eps": 1e-3}),
    norm_case("LayerNorm", nn.LayerNorm(6, elementwise_affine=False), (3, 6), {"normalized_shape": [6], "elementwise_affine": False}),
]

torch.manual_seed(11)
emb = nn.Embedding(10, 3)
idx = torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]])
out = emb(idx)
up = randn(*out.shape)
out.backward(up)
cases.append({"layer": "Embedding", "kwargs": {"num_embeddings": 10, "embedding_dim": 3}, "seed": 11, "repr": repr(emb),
              "keys": list(emb.state_dict().keys()), "weight": tensor_json(emb.weight), "idx": tensor_json(idx),
              "up": tensor_json(up), "y": tensor_json(out), "weight_grad": tensor_json(emb.weight.grad)})

write("norm.json", cases)
