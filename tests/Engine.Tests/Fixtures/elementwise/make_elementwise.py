#!/usr/bin/python3
"""Reference values for elementwise ops, type promotion, views and factories.

Run from this folder with Debian's PyTorch: /usr/bin/python3 make_elementwise.py
Writes elementwise.json: a list of {"op", "args", "out"} where each arg is a tensor
(fixture_util form) or {"scalar": number, "kind": "int"|"float"|"bool"} for a plain number.
The C# side (ElementwiseFixtureTests) maps each op name to the same NNTools call.
"""
import sys

import torch

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

g = torch.Generator().manual_seed(7)


def randf(*shape, dtype=torch.float32):
    return (torch.rand(*shape, generator=g, dtype=torch.float64) * 4 - 2).to(dtype)


def randi(*shape, lo=-5, hi=6):
    return torch.randint(lo, hi, shape, generator=g)


def arg(a):
    if isinstance(a, torch.Tensor):
        return tensor_json(a)
    kind = "bool" if isinstance(a, bool) else "int" if isinstance(a, int) else "float"
    return {"scalar": a, "kind": kind}


cases = []


def case(op, fn, *args):
    out = fn(*args)
    cases.append({"op": op, "args": [arg(a) for a in args], "out": tensor_json(out)})


binary = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "remainder": lambda a, b: a % b,
    "maximum": torch.maximum,
    "minimum": torch.minimum,
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}
pairs = [
    (randf(3, 4), randf(3, 4)),
    (randf(3, 1), randf(1, 4)),
    (randf(2, 3, 4), randf(4)),
    (randf(5), randf(5, dtype=torch.float64)),
    (randi(3, 4), randi(4, lo=1, hi=6)),
    (randi(3, 4), randf(3, 4)),
    (randi(2, 3), torch.tensor(2.5)),
    (randf(2, 3, dtype=torch.float64), torch.tensor(1.5)),
    (torch.tensor([True, False, True]), randi(3)),
    (randf(2, 3), 2),
    (randf(2, 3), 0.5),
    (randi(2, 3), 3),
    (randi(2, 3), 2.5),
    (3, randi(2, 3, lo=1, hi=5)),
    (1.5, randf(2, 3)),
    (randf(2, 2, dtype=torch.float64), 0.1),
]
for name, fn in binary.items():
    for a, b in pairs:
        if name in ("maximum", "minimum") and not (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)):
            continue
        if name == "remainder" and isinstance(a, (int, float)):
            continue
        if name == "sub" and isinstance(a, torch.Tensor) and a.dtype == torch.bool:
            continue  # PyTorch refuses bool subtraction; the C# test checks the same error
        case(name, fn, a, b)

case("maximum", torch.maximum, torch.tensor([1.0, float("nan"), 3.0]), torch.tensor([2.0, 1.0, float("nan")]))
case("remainder", lambda a, b: a % b, torch.tensor([-7, -1, 0, 5, 7]), torch.tensor([3, -3, 2, -2, 3]))
case("remainder", lambda a, b: a % b, torch.tensor([-7.5, -1.0, 0.0, 5.25, 7.0]), torch.tensor([3.0, -3.0, 2.0, -2.0, 3.0]))
case("pow", torch.pow, randf(3, 3).abs() + 0.1, randf(3, 3))
case("pow", torch.pow, randi(2, 3), 2)
case("pow", torch.pow, randi(2, 3), 3)
case("pow", torch.pow, randf(2, 3), 2)
case("pow", torch.pow, randf(2, 3).abs(), 0.5)
case("pow", torch.pow, randi(2, 3), 0.5)
case("pow", torch.pow, torch.arange(1, 10), 2)
case("logical_and", torch.logical_and, torch.tensor([True, True, False, False]), torch.tensor([True, False, True, False]))
case("logical_or", torch.logical_or, torch.tensor([True, True, False, False]), torch.tensor([True, False, True, False]))
case("logical_xor", torch.logical_xor, torch.tensor([True, True, False, False]), torch.tensor([True, False, True, False]))
case("logical_not", torch.logical_not, torch.tensor([True, False]))
case("add", lambda a, b: a + b, torch.tensor([True, False]), torch.tensor([True, True]))
case("mul", lambda a, b: a * b, torch.tensor([True, False]), torch.tensor([True, True]))

unary = {
    "neg": torch.neg, "abs": torch.abs, "exp": torch.exp, "sqrt": lambda x: torch.sqrt(x.abs()),
    "log": lambda x: torch.log(x.abs() + 0.01), "sin": torch.sin, "cos": torch.cos, "tanh": torch.tanh,
    "sigmoid": torch.sigmoid, "relu": torch.relu, "sign": torch.sign, "floor": torch.floor,
    "round": torch.round, "ceil": torch.ceil, "square": torch.square, "reciprocal": torch.reciprocal,
}
for name, fn in unary.items():
    for x in (randf(3, 4) * 3, randf(2, 5, dtype=torch.float64) * 3, randi(7)):
        if name in ("round", "floor", "ceil") and x.dtype == torch.int64:
            continue
        case(name, fn, x)
case("round", torch.round, torch.tensor([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999]))
case("sigmoid", torch.sigmoid, torch.tensor([-100.0, -20.0, 0.0, 20.0, 100.0]))
case("clamp", lambda x: torch.clamp(x, -0.5, 0.5), randf(3, 4))
case("clamp_min", lambda x: torch.clamp(x, min=0.25), randf(3, 4))
case("clamp_max", lambda x: torch.clamp(x, max=1), randi(6))
case("where", torch.where, randf(3, 4) > 0, randf(3, 4), randf(1, 4))
case("where", torch.where, randf(3, 1) > 0, randi(3, 4), randf(4, dtype=torch.float64))

x = randf(2, 3, 4)
case("view_6_4", lambda t: t.view(6, 4), x)
case("view_m1_2", lambda t: t.view(-1, 2), x)
case("transpose_0_2", lambda t: t.transpose(0, 2), x)
case("permute_2_0_1", lambda t: t.permute(2, 0, 1), x)
case("transpose_reshape", lambda t: t.transpose(0, 1).reshape(3, 8), x)
case("unsqueeze_1", lambda t: t.unsqueeze(1), x)
case("unsqueeze_m1", lambda t: t.unsqueeze(-1), x)
case("squeeze", lambda t: t.squeeze(), randf(1, 3, 1, 2))
case("squeeze_2", lambda t: t.squeeze(2), randf(1, 3, 1, 2))
case("flatten", lambda t: t.flatten(), x)
case("flatten_1", lambda t: t.flatten(1), x)
case("expand", lambda t: t.expand(2, 3, 4), randf(3, 1))
case("t", lambda t: t.t(), randf(3, 4))
case("slice_rows", lambda t: t[1:, ::2], randf(4, 5))
case("select", lambda t: t[:, 2], randf(4, 5))
case("narrow", lambda t: t.narrow(1, 1, 2), randf(4, 5))
case("contiguous_after_transpose", lambda t: t.t().contiguous().view(-1), randf(3, 4))

write("elementwise.json", cases)
print(f"wrote {len(cases)} cases")
