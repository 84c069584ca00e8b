#!/usr/bin/python3
"""PyTorch 1.13's answers for the int32 / uint8 dtypes and the default dtype (issue 22).

Run from this folder: /usr/bin/python3 make_dtypes.py. Writes
  promotion.json: every dtype pair x operand kind (tensor, 0-d tensor, Python int, float, bool) for
                  add, sub, mul, div, remainder, lt and eq: the result (dtype and values) or that torch raised;
  casts.json:     each dtype's sample values converted to every dtype (.to(dtype));
  default_dtype.json: with torch.set_default_dtype(torch.float64), the dtype each factory and
                  expression gives.
"""
import json
import sys
import warnings

import torch

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

warnings.filterwarnings("ignore")

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32,
          "uint8": torch.uint8, "bool": torch.bool}
# Values that make the narrow types wrap: uint8 254 + 5 is 3, int32 2^31 - 1 + 5 is negative.
TENSOR_VALUES = {"float32": [2.5, -1.5, 250.0], "float64": [2.5, -1.5, 250.0], "int64": [5, -2, 2 ** 31 - 1],
                 "int32": [5, -2, 2 ** 31 - 1], "uint8": [5, 254, 250], "bool": [True, False, True]}
ZERO_D = {"float32": 1.5, "float64": 1.5, "int64": 3, "int32": 3, "uint8": 3, "bool": True}
SCALARS = {"int": 300, "float": 2.5, "bool": True}
OPS = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "remainder": torch.remainder,
       "lt": torch.lt, "eq": torch.eq}


def operand(kind, dtype):
    if kind == "tensor":
        return torch.tensor(TENSOR_VALUES[dtype], dtype=DTYPES[dtype])
    if kind == "zerodim":
        return torch.tensor(ZERO_D[dtype], dtype=DTYPES[dtype])
    return SCALARS[kind]


def promotion():
    cases = []
    lefts = [(k, d) for k in ("tensor", "zerodim") for d in DTYPES]
    rights = lefts + [(k, None) for k in SCALARS]
    for op, fn in OPS.items():
        for lk, ld in lefts:
            for rk, rd in rights:
                case = {"op": op, "left": {"kind": lk, "dtype": ld}, "right": {"kind": rk, "dtype": rd}}
                try:
                    case["out"] = tensor_json(fn(operand(lk, ld), operand(rk, rd)))
                    case["raises"] = False
                except (RuntimeError, ZeroDivisionError) as e:
                    case["raises"] = True
                    case["error"] = str(e).splitlines()[0][:160]
                cases.append(case)
    return cases


CAST_SOURCES = {
    "float32": [-1.5, -0.5, 0.0, 2.7, 255.9, 256.5, 300.2, -129.7, 65535.0, -2147483520.0],
    "float64": [-1.5, -0.5, 0.0, 2.7, 255.9, 256.5, 300.2, -129.7, 65535.0, 3e9, -3e9, 2147483647.9],
    "int64": [-1, 0, 255, 256, 300, -129, 2 ** 31, 2 ** 31 - 1, -2 ** 31 - 1, 2 ** 40 + 7, -2 ** 63],
    "int32": [-1, 0, 255, 256, 300, -129, 2 ** 31 - 1, -2 ** 31, 16777217],
    "uint8": [0, 1, 127, 128, 255],
    "bool": [True, False],
}


def casts():
    cases = []
    for src, values in CAST_SOURCES.items():
        x = torch.tensor(values, dtype=DTYPES[src])
        for dst in DTYPES:
            cases.append({"input": tensor_json(x), "dtype": dst, "out": tensor_json(x.to(DTYPES[dst]))})
    return cases


def default_dtype():
    torch.set_default_dtype(torch.float64)
    i = torch.tensor([1, 2])
    u = torch.tensor([1, 2], dtype=torch.uint8)
    f32 = torch.tensor([1.5], dtype=torch.float32)
    results = {
        "tensor_of_floats": torch.tensor([1.5, 2]),
        "tensor_of_ints": torch.tensor([1, 2]),
        "zeros": torch.zeros(2), "ones": torch.ones(2), "full_float": torch.full((2,), 1.5),
        "rand": torch.rand(2), "randn": torch.randn(2), "arange_float": torch.arange(0.5, 2.0),
        "arange_int": torch.arange(0, 2), "linspace": torch.linspace(0, 1, 3), "eye": torch.eye(2),
        "int_times_float": i * 2.5, "uint8_times_float": u * 2.5, "int_div_int": i / 2,
        "int_exp": i.exp(), "float32_times_float": f32 * 2.5, "uint8_plus_int": u + 1,
    }
    torch.set_default_dtype(torch.float32)
    # Random values are not compared, only their dtype.
    return {k: {"dtype": tensor_json(v)["dtype"], "out": None if k in ("rand", "randn") else tensor_json(v)}
            for k, v in results.items()}


if __name__ == "__main__":
    write("promotion.json", promotion())
    write("casts.json", casts())
    write("default_dtype.json", default_dtype())
