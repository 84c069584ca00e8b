"""Shared helpers for the fixture scripts: tensors to and from the JSON form the C# tests read.

A tensor is {"dtype": "float32"|"float64"|"int64"|"int32"|"uint8"|"bool", "shape": [...], "data": [flat row-major]}.
Floats are written with Python's repr of the exact double value (float32 values are widened
exactly), so they round-trip bit for bit; NaN and infinities are the strings "nan", "inf", "-inf".
"""
import json
import math

import torch

_NAMES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.bool: "bool",
          torch.int32: "int32", torch.uint8: "uint8"}
_DTYPES = {v: k for k, v in _NAMES.items()}


def _num(v):
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def tensor_json(t):
    t = t.detach()
    return {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data": [_num(v) for v in t.reshape(-1).tolist()]}


def tensor_from_json(d):
    return torch.tensor(d["data"], dtype=_DTYPES[d["dtype"]]).reshape(d["shape"])


def write(path, cases):
    with open(path, "w") as f:
        json.dump(cases, f, indent=None, separators=(",", ":"))
        f.write("\n")
