#!/usr/bin/python3
"""Conv2d and MaxPool2d from PyTorch: forward values, input / weight / bias gradients for an
upstream gradient stored in the case, printouts and seeded default initialisation.

Run from this folder: /usr/bin/python3 make_conv.py  -> conv.json
"""
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

torch.manual_seed(1234)


def conv_case(name, x_shape, w_shape, bias=True, stride=1, padding=0, dilation=1, groups=1, dtype=torch.float32):
    x = torch.randn(x_shape, dtype=dtype, requires_grad=True)
    w = torch.randn(w_shape, dtype=dtype, requires_grad=True)
    b = torch.randn(w_shape[0], dtype=dtype, requires_grad=True) if bias else None
    y = F.conv2d(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups)
    g = torch.randn(y.shape, dtype=dtype)
    y.backward(g)
    case = {"name": name, "stride": pair(stride), "padding": pair(padding), "dilation": pair(dilation), "groups": groups,
            "input": tensor_json(x), "weight": tensor_json(w), "out": tensor_json(y), "gout": tensor_json(g),
            "ginput": tensor_json(x.grad), "gweight": tensor_json(w.grad)}
    if bias:
        case["bias"] = tensor_json(b)
        case["gbias"] = tensor_json(b.grad)
    return case


def pair(v):
    return list(v) if isinstance(v, tuple) else [v, v]


def pool_case(name, x, kernel, stride=None, padding=0, dilation=1, ceil_mode=False):
    x = x.clone().requires_grad_(True)
    y, idx = F.max_pool2d(x, kernel, stride, padding, dilation, ceil_mode, return_indices=True)
    g = torch.randn(y.shape, dtype=x.dtype)
    y.backward(g)
    return {"name": name, "kernel": pair(kernel), "stride": None if stride is None else pair(stride), "padding": pair(padding),
            "dilation": pair(dilation), "ceil_mode": ceil_mode, "input": tensor_json(x), "out": tensor_json(y),
            "indices": tensor_json(idx), "gout": tensor_json(g), "ginput": tensor_json(x.grad)}


convs = [
    conv_case("basic", (2, 1, 8, 8), (3, 1, 5, 5)),
    conv_case("stride2", (2, 3, 9, 7), (4, 3, 3, 3), stride=2),
    conv_case("padding1", (1, 2, 6, 6), (3, 2, 3, 3), padding=1),
    conv_case("padding2_rect", (2, 2, 7, 8), (2, 2, 3, 5), stride=(2, 1), padding=2),
    conv_case("dilation2", (1, 2, 10, 9), (3, 2, 3, 3), padding=1, dilation=2),
    conv_case("groups2", (2, 4, 6, 5), (6, 2, 3, 3), groups=2),
    conv_case("nobias_f64", (2, 3, 5, 6), (4, 3, 2, 3), bias=False, dtype=torch.float64),
    conv_case("unbatched", (3, 7, 6), (2, 3, 3, 3)),
    conv_case("odd", (3, 3, 11, 13), (5, 3, 4, 3), stride=(3, 2), padding=(1, 2), dilation=(2, 1)),
    conv_case("pointwise", (2, 5, 4, 3), (3, 5, 1, 1)),
    conv_case("pointwise_strided_groups", (2, 4, 5, 5), (6, 2, 1, 1), stride=2, groups=2),
    conv_case("all_f64", (2, 4, 9, 8), (4, 2, 3, 2), stride=(2, 1), padding=(1, 1), dilation=(1, 2), groups=2, dtype=torch.float64),
]

ties = torch.randint(0, 3, (1, 2, 6, 6)).float()
nan_input = torch.randn(1, 1, 4, 4)
nan_input[0, 0, 1, 0] = float("nan")
pools = [
    pool_case("k2", torch.randn(2, 2, 6, 6), 2),
    pool_case("k3_s2", torch.randn(1, 3, 7, 7), 3, 2),
    pool_case("k3_s1_p1", torch.randn(1, 2, 5, 6), 3, 1, 1),
    pool_case("k2_ceil", torch.randn(1, 2, 5, 5), 2, ceil_mode=True),
    pool_case("k2_p1_ceil_drop", torch.randn(1, 1, 5, 5), 2, 2, 1, ceil_mode=True),
    pool_case("k3_s2_p1_ceil", torch.randn(2, 1, 8, 7), 3, 2, 1, ceil_mode=True),
    pool_case("ties_overlap", ties, 3, 1),
    pool_case("ties_k2", ties, 2),
    pool_case("dilation2", torch.randn(1, 2, 9, 8), 3, 1, 1, dilation=2),
    pool_case("unbatched_rect", torch.randn(2, 5, 7), (2, 3), (1, 2)),
    pool_case("f64", torch.randn(2, 2, 6, 5, dtype=torch.float64), (3, 2), (2, 1), (1, 0)),
    pool_case("nan", nan_input, 2),
]


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5)
        self.conv2 = nn.Conv2d(20, 20, 5)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        return F.relu(self.conv2(x))


def state(m):
    return {k: tensor_json(v) for k, v in m.state_dict().items()}


torch.manual_seed(0)
model = Model()
x = torch.randn(1, 1, 28, 28)
model_case = {"print": str(model), "state": state(model), "x": tensor_json(x), "y": tensor_json(model(x))}

torch.manual_seed(7)
net = nn.Sequential(nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(20, 20, 5), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Flatten(), nn.Linear(320, 10))
x = torch.randn(2, 1, 28, 28)
net_case = {"print": str(net), "x": tensor_json(x), "y": tensor_json(net(x))}

inits = []
for seed in (1, 42):
    torch.manual_seed(seed)
    inits.append({"seed": seed, "grouped": state(nn.Conv2d(4, 6, (3, 5), groups=2)),
                  "nobias": state(nn.Conv2d(3, 2, 3, bias=False)), "double": state(nn.Conv2d(2, 3, 2, dtype=torch.float64))})

prints = {
    "conv_full": str(nn.Conv2d(4, 6, (3, 5), stride=2, padding=(1, 2), dilation=2, groups=2, bias=False)),
    "pool_default": str(nn.MaxPool2d(2)),
    "pool_tuples": str(nn.MaxPool2d((2, 3), stride=(1, 2), padding=1, ceil_mode=True)),
    "pool_mixed": str(nn.MaxPool2d(3, 1, (1, 1), 2)),
}

write("conv.json", {"conv": convs, "pool": pools, "model": model_case, "net": net_case, "inits": inits, "prints": prints})
print("ok")
