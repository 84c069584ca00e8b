"""Reference values for the reductions: run from this folder with /usr/bin/python3 gen_reductions.py.

Each case names an op and its arguments, the input x, the outputs, and for float64 inputs the
gradient of sum(out * w) with respect to x, as PyTorch computes it.
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from fixture_util import tensor_json, write  # noqa: E402

torch.manual_seed(7)
cases = []


def add(name, op, x, fn, **args):
    xg = x.clone().requires_grad_(x.dtype == torch.float64)
    out = fn(xg)
    case = {"name": name, "op": op, "x": tensor_json(x), **args}
    if isinstance(out, tuple):
        case["out"] = tensor_json(out[0])
        case["indices"] = tensor_json(out[1])
        out = out[0]
    else:
        case["out"] = tensor_json(out)
    if xg.requires_grad and out.requires_grad:
        w = torch.rand(out.shape, dtype=torch.float64) + 0.5
        (out * w).sum().backward()
        case["w"] = tensor_json(w)
        case["grad"] = tensor_json(xg.grad if xg.grad is not None else torch.zeros_like(x))
    cases.append(case)


x32 = torch.randn(3, 4, 5)
x64 = torch.randn(3, 4, 5, dtype=torch.float64)
i64 = torch.randint(-5, 6, (3, 4, 5))
b = torch.rand(3, 4) > 0.4
ties = torch.tensor([[1.0, 3.0, 3.0, 0.0], [2.0, 2.0, -1.0, -1.0], [5.0, 5.0, 5.0, 5.0]], dtype=torch.float64)
nans = torch.tensor([[1.0, float("nan"), 3.0], [4.0, 0.5, float("nan")]], dtype=torch.float64)
zeros = torch.tensor([[1.5, 0.0, 2.0], [0.0, 0.0, 3.0], [2.0, -1.0, 0.5]], dtype=torch.float64)

dims_list = [None, 0, -1, [0, 2], [-1, 1]]
for x, tag in [(x32, "f32"), (x64, "f64")]:
    for dims in dims_list:
        for keep in [False, True]:
            d = dims if dims is not None else None
            kw = {"dim": d}
            add(f"var {tag} {dims} {keep}", "var", x, lambda t: torch.var(t, **kw, unbiased=True, keepdim=keep), dim=dims, keepdim=keep, unbiased=True)
            add(f"std {tag} {dims} {keep}", "std", x, lambda t: torch.std(t, **kw, unbiased=False, keepdim=keep), dim=dims, keepdim=keep, unbiased=False)
            add(f"norm2 {tag} {dims} {keep}", "norm", x, lambda t: torch.norm(t, p=2, **kw, keepdim=keep), dim=dims, keepdim=keep, p=2)
            add(f"logsumexp {tag} {dims} {keep}", "logsumexp", x, lambda t: torch.logsumexp(t, dim=d if d is not None else [0, 1, 2], keepdim=keep), dim=dims if dims is not None else [0, 1, 2], keepdim=keep)
add("var correction 0 dim", "var", x64, lambda t: torch.var(t, dim=1, correction=0), dim=1, keepdim=False, correction=0)
add("var correction 2", "var", x64, lambda t: torch.var(t, dim=[0, 1], correction=2), dim=[0, 1], keepdim=False, correction=2)
add("var single element nan", "var", torch.tensor([[1.5], [2.0]], dtype=torch.float64), lambda t: torch.var(t, dim=1), dim=1, keepdim=False, unbiased=True)
add("std constant rows", "std", torch.tensor([[2.0, 2.0, 2.0], [1.0, 2.0, 4.0]], dtype=torch.float64), lambda t: torch.std(t, dim=1), dim=1, keepdim=False, unbiased=True)
add("std 0-d", "std", torch.tensor(3.0, dtype=torch.float64), lambda t: torch.std(t), dim=None, keepdim=False, unbiased=True)

for p in [1, float("inf"), float("-inf"), 3, 0, "fro"]:
    for dims in [None, 1, [0, 2]]:
        kw = {} if dims is None else {"dim": dims}
        add(f"norm p={p} {dims}", "norm", x64, lambda t: torch.norm(t, p=p, **kw), dim=dims, keepdim=False, p=p if isinstance(p, (str, int)) else str(p))
add("norm at zero", "norm", torch.zeros(2, 3, dtype=torch.float64), lambda t: torch.norm(t, dim=1), dim=1, keepdim=False, p=2)
add("norm inf ties", "norm", torch.tensor([[3.0, -3.0, 1.0], [0.5, 2.0, -2.0]], dtype=torch.float64), lambda t: torch.norm(t, p=float("inf"), dim=1), dim=1, keepdim=False, p="inf")
add("norm f32 keepdim", "norm", x32, lambda t: torch.norm(t, dim=-1, keepdim=True), dim=-1, keepdim=True, p=2)

for x, tag in [(x32, "f32"), (x64, "f64"), (i64, "i64"), (ties, "ties"), (nans, "nans")]:
    add(f"max all {tag}", "max", x, lambda t: t.max(), dim=None, keepdim=False)
    add(f"min all {tag}", "min", x, lambda t: t.min(), dim=None, keepdim=False)
    add(f"argmax all {tag}", "argmax", x, lambda t: t.argmax(), dim=None, keepdim=False)
    add(f"argmin all {tag}", "argmin", x, lambda t: t.argmin(), dim=None, keepdim=False)
    for dim in [0, -1, 1]:
        for keep in [False, True]:
            add(f"max dim {tag} {dim} {keep}", "max", x, lambda t: tuple(t.max(dim=dim, keepdim=keep)), dim=dim, keepdim=keep)
            add(f"min dim {tag} {dim} {keep}", "min", x, lambda t: tuple(t.min(dim=dim, keepdim=keep)), dim=dim, keepdim=keep)
            add(f"argmax dim {tag} {dim} {keep}", "argmax", x, lambda t: t.argmax(dim=dim, keepdim=keep), dim=dim, keepdim=keep)
            add(f"argmin dim {tag} {dim} {keep}", "argmin", x, lambda t: t.argmin(dim=dim, keepdim=keep), dim=dim, keepdim=keep)
add("max bool", "max", b, lambda t: t.max(), dim=None, keepdim=False)
add("max bool dim", "max", b, lambda t: tuple(t.max(dim=1)), dim=1, keepdim=False)

for x, tag in [(x32, "f32"), (x64, "f64"), (i64, "i64"), (zeros, "zeros"), (b, "bool")]:
    add(f"prod all {tag}", "prod", x, lambda t: t.prod(), dim=None, keepdim=False)
    for dim in [0, -1]:
        for keep in [False, True]:
            add(f"prod dim {tag} {dim} {keep}", "prod", x, lambda t: t.prod(dim=dim, keepdim=keep), dim=dim, keepdim=keep)
    add(f"cumsum {tag} 0", "cumsum", x, lambda t: t.cumsum(0), dim=0, keepdim=False)
    add(f"cumsum {tag} -1", "cumsum", x, lambda t: t.cumsum(-1), dim=-1, keepdim=False)
add("logsumexp large", "logsumexp", torch.tensor([[1000.0, 1000.0], [-1000.0, -1e4], [float("inf"), 1.0]], dtype=torch.float64),
    lambda t: torch.logsumexp(t, dim=1), dim=1, keepdim=False)
add("logsumexp int", "logsumexp", i64, lambda t: torch.logsumexp(t, dim=1), dim=1, keepdim=False)

for x, tag in [(b, "bool"), (i64, "i64"), (x32, "f32")]:
    for op in ["all", "any"]:
        add(f"{op} {tag}", op, x, lambda t: getattr(t, op)(), dim=None, keepdim=False)
        for dim in [0, -1]:
            add(f"{op} {tag} {dim}", op, x, lambda t: getattr(t, op)(dim=dim, keepdim=True), dim=dim, keepdim=True)

close_a = torch.tensor([1.0, 1.0 + 1e-6, float("nan"), float("inf"), 2.0, 0.0, float("-inf")], dtype=torch.float64)
close_b = torch.tensor([1.0, 1.0, float("nan"), float("inf"), 2.1, 1e-9, float("inf")], dtype=torch.float64)
close = []
for rtol, atol, eqn in [(1e-5, 1e-8, False), (1e-5, 1e-8, True), (0.1, 0.0, False), (0.0, 1e-8, False)]:
    close.append({"a": tensor_json(close_a), "b": tensor_json(close_b), "rtol": rtol, "atol": atol, "equal_nan": eqn,
                  "out": tensor_json(torch.isclose(close_a, close_b, rtol=rtol, atol=atol, equal_nan=eqn)),
                  "all": torch.allclose(close_a, close_b, rtol=rtol, atol=atol, equal_nan=eqn)})

write("reductions.json", cases)
write("isclose.json", close)
print(len(cases), "reduction cases")
