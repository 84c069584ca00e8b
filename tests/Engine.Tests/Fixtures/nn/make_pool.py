#!/usr/bin/python3
"""AvgPool2d, AdaptiveAvgPool2d and Dropout2d against PyTorch 1.13.

Run from this folder: /usr/bin/python3 make_pool.py  -> pool.json
Pooling cases: input, upstream gradient, output, input gradient and printout. Dropout2d cases: the
seed of the default generator, input and output in training mode (the mask drawn as PyTorch draws it).
"""
import sys

import torch
import torch.nn as nn

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

g = torch.Generator().manual_seed(5)
cases = []
for name, module, kwargs, shape in [
    ("AvgPool2d", nn.AvgPool2d(2), {"kernel_size": [2]}, (2, 3, 6, 6)),
    ("AvgPool2d", nn.AvgPool2d(3, stride=2, padding=1), {"kernel_size": [3], "stride": [2], "padding": [1]}, (1, 2, 7, 5)),
    ("AvgPool2d", nn.AvgPool2d((2, 3), stride=(1, 2)), {"kernel_size": [2, 3], "stride": [1, 2]}, (3, 5, 7)),
    ("AdaptiveAvgPool2d", nn.AdaptiveAvgPool2d(1), {"output_size": [1]}, (2, 3, 5, 4)),
    ("AdaptiveAvgPool2d", nn.AdaptiveAvgPool2d((3, 2)), {"output_size": [3, 2]}, (2, 2, 7, 5)),
    ("AdaptiveAvgPool2d", nn.AdaptiveAvgPool2d(4), {"output_size": [4]}, (3, 8, 8)),
]:
    x = torch.randn(*shape, generator=g).requires_grad_()
    y = module(x)
    up = torch.randn(*y.shape, generator=g)
    y.backward(up)
    cases.append({"layer": name, "kwargs": kwargs, "repr": repr(module), "x": tensor_json(x), "up": tensor_json(up),
                  "y": tensor_json(y), "x_grad": tensor_json(x.grad)})
for p, shape, seed in [(0.5, (4, 6, 3, 3), 1), (0.2, (2, 5, 4, 4), 2)]:
    x = torch.randn(*shape, generator=g)
    torch.manual_seed(seed)
    module = nn.Dropout2d(p)
    cases.append({"layer": "Dropout2d", "kwargs": {"p": p}, "seed": seed, "repr": repr(module), "x": tensor_json(x), "y": tensor_json(module(x))})
write("pool.json", cases)
