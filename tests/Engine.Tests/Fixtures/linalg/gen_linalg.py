"""Reference values for matmul and torch.linalg: run from this folder with /usr/bin/python3 gen_linalg.py.

Each case names an op, its inputs a and b (b may be absent), flags saying whether an input is passed
transposed (its last two dims swapped, to test strided operands), the output, and for float64
inputs the gradients of sum(out * w).
"""
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from fixture_util import tensor_json, write  # noqa: E402

torch.manual_seed(11)
cases = []


def add(name, op, fn, a, b=None, ta=False, tb=False):
    ag = a.clone().requires_grad_(a.dtype == torch.float64)
    bg = None if b is None else b.clone().requires_grad_(b.dtype == torch.float64)
    ua = ag.transpose(-2, -1) if ta else ag
    ub = None if bg is None else (bg.transpose(-2, -1) if tb else bg)
    out = fn(ua) if b is None else fn(ua, ub)
    case = {"name": name, "op": op, "a": tensor_json(a), "ta": ta, "tb": tb, "out": tensor_json(out)}
    if b is not None:
        case["b"] = tensor_json(b)
    if out.requires_grad:
        w = torch.rand(out.shape, dtype=torch.float64) + 0.5
        try:
            (out * w).sum().backward()
        except IndexError:
            # PyTorch 1.13's lstsq backward fails for a vector B; finite differences cover that case.
            cases.append(case)
            return
        case["w"] = tensor_json(w)
        if ag.grad is not None:
            case["ga"] = tensor_json(ag.grad)
        if bg is not None and bg.grad is not None:
            case["gb"] = tensor_json(bg.grad)
    cases.append(case)


def r(*shape, dtype=torch.float64):
    return torch.randn(*shape, dtype=dtype)


shapes = [((3,), (3,)), ((2, 3), (3, 4)), ((3,), (3, 4)), ((2, 3), (3,)), ((2, 1, 3, 4), (5, 4, 2)),
          ((2, 3, 4), (4,)), ((4,), (2, 4, 3)), ((5, 3), (2, 3, 4)), ((2, 3, 4), (4, 5)), ((3, 2, 4), (3, 4, 2)),
          ((1, 3), (3, 1)), ((3, 0), (0, 2)), ((2, 0, 3), (3, 4))]
for sa, sb in shapes:
    add(f"matmul {sa} {sb}", "matmul", torch.matmul, r(*sa), r(*sb))
add("matmul f32", "matmul", torch.matmul, r(6, 7, dtype=torch.float32), r(7, 5, dtype=torch.float32))
add("matmul f32 batched", "matmul", torch.matmul, r(3, 1, 4, 9, dtype=torch.float32), r(2, 9, 3, dtype=torch.float32))
add("matmul i64", "matmul", torch.matmul, torch.randint(-9, 10, (2, 3, 4)), torch.randint(-9, 10, (4, 5)))
add("matmul i64 dot", "matmul", torch.matmul, torch.randint(-9, 10, (5,)), torch.randint(-9, 10, (5,)))
add("matmul transposed a", "matmul", torch.matmul, r(4, 3), r(4, 2), ta=True)
add("matmul transposed b", "matmul", torch.matmul, r(3, 4), r(2, 4), tb=True)
add("matmul transposed both batched", "matmul", torch.matmul, r(2, 4, 3), r(2, 5, 4), ta=True, tb=True)
add("dot", "dot", torch.dot, r(4), r(4))
add("mm", "mm", torch.mm, r(3, 5), r(5, 2))
add("mv", "mv", torch.mv, r(3, 5), r(5))
add("bmm", "bmm", torch.bmm, r(2, 3, 5), r(2, 5, 4))
add("outer", "outer", torch.outer, r(3), r(4))
add("outer mixed dtypes", "outer", torch.outer, torch.arange(3), r(2))

spd = lambda *s: (lambda m: m @ m.transpose(-2, -1) + 3 * torch.eye(s[-1], dtype=torch.float64))(r(*s))
add("inv", "inv", torch.linalg.inv, spd(4, 4))
add("inv general", "inv", torch.linalg.inv, r(3, 3))
add("inv batched", "inv", torch.linalg.inv, r(2, 3, 3, 3))
add("inv f32", "inv", torch.linalg.inv, r(3, 3, dtype=torch.float32))
add("det", "det", torch.linalg.det, r(4, 4))
add("det batched", "det", torch.linalg.det, r(2, 3, 3))
add("det f32", "det", torch.linalg.det, r(3, 3, dtype=torch.float32))
add("det singular", "det", torch.linalg.det, torch.tensor([[1.0, 2.0], [2.0, 4.0]], dtype=torch.float32))
add("solve matrix", "solve", torch.linalg.solve, r(3, 3), r(3, 2))
add("solve vector", "solve", torch.linalg.solve, r(3, 3), r(3))
add("solve batched vector", "solve", torch.linalg.solve, r(2, 3, 3), r(2, 3))
add("solve broadcast", "solve", torch.linalg.solve, r(2, 3, 3), r(3, 2))
add("solve broadcast A", "solve", torch.linalg.solve, r(3, 3), r(4, 3, 2))
add("solve f32", "solve", torch.linalg.solve, r(4, 4, dtype=torch.float32), r(4, 2, dtype=torch.float32))
lstsq = lambda a, b: torch.linalg.lstsq(a, b).solution
add("lstsq tall", "lstsq", lstsq, r(6, 3), r(6, 2))
add("lstsq square", "lstsq", lstsq, r(3, 3), r(3, 1))
add("lstsq vector", "lstsq", lstsq, r(5, 2), r(5))
add("lstsq batched", "lstsq", lstsq, r(2, 5, 3), r(2, 5, 2))
add("lstsq f32", "lstsq", lstsq, r(8, 3, dtype=torch.float32), r(8, 1, dtype=torch.float32))
add("lstsq wide", "lstsq", lstsq, r(2, 4), r(2, 3))
with torch.no_grad():
    add("lstsq rank deficient", "lstsq", lstsq, torch.ones(3, 2, dtype=torch.float64), torch.tensor([1.0, 2.0, 4.0], dtype=torch.float64))

write("linalg.json", cases)
print(len(cases), "cases")
