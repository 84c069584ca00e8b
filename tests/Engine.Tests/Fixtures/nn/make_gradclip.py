#!/usr/bin/python3
"""torch.nn.utils.clip_grad_norm_ and clip_grad_value_ (PyTorch 1.13) on fixed gradients.

Run from this folder: /usr/bin/python3 make_gradclip.py  -> gradclip.json
Each case: three gradients (one parameter has none), the call's arguments, the returned norm and the
gradients after the call.
"""
import sys

import torch

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

g = torch.Generator().manual_seed(3)
cases = []
for fn, kwargs in [("norm", {"max_norm": 1.0}), ("norm", {"max_norm": 100.0}), ("norm", {"max_norm": 0.5, "norm_type": 1.0}),
                   ("norm", {"max_norm": 0.5, "norm_type": float("inf")}), ("norm", {"max_norm": 2.0, "norm_type": 3.0}),
                   ("value", {"clip_value": 0.3})]:
    ps = [torch.zeros(3, 4, requires_grad=True), torch.zeros(4, requires_grad=True), torch.zeros(2, requires_grad=True)]
    ps[0].grad = torch.randn(3, 4, generator=g) * 2
    ps[1].grad = torch.randn(4, generator=g)
    before = [tensor_json(p.grad) for p in ps[:2]]
    if fn == "norm":
        total = torch.nn.utils.clip_grad_norm_(ps, **kwargs)
        result = tensor_json(total)
    else:
        torch.nn.utils.clip_grad_value_(ps, **kwargs)
        result = None
    cases.append({"fn": fn, "kwargs": {k: (str(v) if v == float("inf") else v) for k, v in kwargs.items()},
                  "grads": before, "total": result, "after": [tensor_json(p.grad) for p in ps[:2]]})
write("gradclip.json", cases)
