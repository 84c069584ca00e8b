"""Reference values for indexing, assignment and joining (tests/Engine.Tests/Indexing).

Run from this folder: python3 make_indexing.py. Writes indexing.json:
- tensors: the named sources;
- get: an index expression (Python subscript text, which the C# string indexer parses too),
  its result, and for float sources the gradient of sum(result * w), w = 1..n in result's shape;
- set: source[expr] = value, the whole source afterwards (value converted to the source dtype);
- put: index_put_ with index tensors and accumulate;
- errors: expressions PyTorch refuses, with its message;
- ops: cat, stack, split, chunk, repeat, flip, gather, scatter_add, index_select,
  masked_select, masked_fill, nonzero with their results (and gradients where differentiable).
"""
import sys

import torch

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

T = {
    "a": torch.arange(12, dtype=torch.float32).reshape(3, 4) * 0.5 - 2,
    "b": torch.arange(24, dtype=torch.float64).reshape(2, 3, 4) * 0.25 + 1,
    "c": torch.arange(120, dtype=torch.float32).reshape(2, 3, 4, 5) - 60,
    "l": torch.arange(10) * 3 - 7,
    "m": torch.tensor([[True, False, True, False], [False, True, True, False], [True, True, False, False]]),
    "s": torch.tensor(2.5),
}

GET = {
    "a": ["1", "-1", "1, :2", ":, None", "..., 0", "::2, -1", "1:3", "-2:", ":-1, 1::2", "None, ..., None",
          "5:10", "-10:2", ":, 0:0", " 2 ,  1:  ", "1,", "...", "[0, 2]", "[0, 2], 1:", "[[0, 1], [2, 2]]",
          ":, [3, 0, 3]", "[0, 2], [1, 3]", "[[0], [2]], [1, 3]", "[True, False, True]", "[True, False, True], 1",
          ":, [True, False, True, False]",
          "[[True, False, True, False], [False, True, True, False], [True, True, False, False]]",
          "..., [0, -1]", "None, [1, 2], None", "True", "False", "[]", "[-3, 2, -1], ::3", "1, [2, 2, 0]"],
    "b": ["0, 1, 2", "-1, ..., ::3", "..., None, 1", ":, 1:, ::2", "[0, 1], :, [1, 2]", "[1, 0], [2, 0]",
          ":, [2, 0], [1, 3]", "1, :, [0, 3]", "[1], [0, 2], [[3], [1]]",
          "[[True, False, True], [False, True, True]]", 
          ":, :, [True, False, False, True]", "[0, 1, 1], ..., [0, -1, 2]", "[[0, 1], [1, 0]], None, :, 2",
          "0, [1, 2], [[0], [3]]"],
    "c": ["1, ..., 2", "..., 1:3, None, -1", "[0, 1], :, [1, 2], :", "[0, 1], :, :, [1, 2]", ":, [0, 2], [1, 3], :",
          "None, 0, [1, 2], ..., [[4], [0]]", ":, 1, [0, 3], 1:4:2", "..., [True, False, True, True, False]",
          "1, [[True, False, True, True], [False, False, False, True], [True, True, True, True]]"],
    "l": ["[9, -10, 3]", "::3", "2:8:2", "-1", "[True, False, True, False, True, False, True, False, True, False]"],
    "s": ["None", "...", "None, None", "True", "False, None"],
}

SET = [
    ("a", "0, :", 5.0), ("a", "1", torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=torch.float64)),
    ("a", ":, 1", torch.tensor([7, 8, 9])), ("a", "[0, 2]", torch.tensor([[1.5, 2.5, 3.5, 4.5]])),
    ("a", "[0, 0, 2], 1", torch.tensor([1.0, 2.0, 3.0])), ("a", "[True, False, True]", -1.0),
    ("a", "[[True, False, True, False], [False, True, True, False], [True, True, False, False]]",
     torch.arange(6, dtype=torch.float32)),
    ("a", "..., None, 0", 1), ("a", "::2, 1::2", torch.tensor([[10.0], [20.0]])),
    ("a", "1", torch.tensor([[[3.0]]])), ("a", "False", 9.0), ("a", "[2, 0], [1, 3]", torch.tensor([4.0, 5.0])),
    ("b", "[0, 1], :, [1, 2]", torch.tensor([0.5, 0.25, 0.125], dtype=torch.float64)),
    ("b", ":, [2, 0], [1, 3]", torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=torch.float64)),
    ("c", "..., [True, False, True, True, False]", 0.0),
    ("l", "[1, 3]", 2.7), ("l", "::4", torch.tensor([True, False, True])), ("l", "-1", 100),
    ("m", ":, 0", False), ("m", "[0, 1]", torch.tensor([1, 0, 1, 1])),
]

PUT = [
    ("a", [torch.tensor([0, 2, 0])], torch.tensor([1.0, 2.0, 3.0, 4.0]), True),
    ("a", [torch.tensor([0, 2, 0]), torch.tensor([1, 1, 1])], torch.tensor(1.5), True),
    ("l", [torch.tensor([1, 1, 5])], torch.tensor([10, 20, 30]), True),
    ("b", [torch.tensor([1]), torch.tensor([0, 2])], torch.tensor([9.0], dtype=torch.float64), False),
]

ERRORS = [("a", "5"), ("a", "0, 5"), ("a", "-4"), ("a", "[0, 5]"), ("a", "[True, False]"), ("a", ":, [True, False]"),
          ("a", "[0, 1], [0, 1, 2]"), ("a", "0, 0, 0")]


def as_python(expr):
    """The expression with each top-level [list] written as a tensor, as the C# parser reads it.

    (Python would read a list of lists as a tuple of indices, a legacy numpy rule.)"""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(expr):
        if ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                body = expr[start:i + 1]
                dtype = "torch.bool" if "True" in body or "False" in body else "torch.long"
                out.append(f"torch.tensor({body}, dtype={dtype})")
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def weights(shape):
    n = 1
    for s in shape:
        n *= s
    return torch.arange(1, n + 1, dtype=torch.float64).reshape(shape)


def get_cases():
    cases = []
    for name, exprs in GET.items():
        for expr in exprs:
            x = T[name].clone()
            if x.is_floating_point():
                x.requires_grad_(True)
            try:
                r = eval(f"x[{as_python(expr)}]")
            except Exception as e:
                raise AssertionError(f"{name}[{expr}]: {e}")
            case = {"source": name, "expr": expr, "result": tensor_json(r)}
            if x.is_floating_point():
                (r * weights(r.shape).to(r.dtype)).sum().backward()
                case["grad"] = tensor_json(x.grad)
            cases.append(case)
    return cases


def value_json(v):
    return {"tensor": tensor_json(v)} if isinstance(v, torch.Tensor) else {"number": v}


def set_cases():
    cases = []
    for name, expr, value in SET:
        y = T[name].clone()
        v = value.to(y.dtype) if isinstance(value, torch.Tensor) else value
        exec(f"y[{as_python(expr)}] = v")
        cases.append({"source": name, "expr": expr, "value": value_json(value), "result": tensor_json(y)})
    for name, indices, value, acc in PUT:
        y = T[name].clone()
        y.index_put_(tuple(indices), value.to(y.dtype), accumulate=acc)
        cases.append({"source": name, "indices": [tensor_json(i) for i in indices], "value": value_json(value),
                      "accumulate": acc, "result": tensor_json(y)})
    return cases


def error_cases():
    cases = []
    for name, expr in ERRORS:
        try:
            eval(f"T[name][{as_python(expr)}]")
        except IndexError as e:
            cases.append({"source": name, "expr": expr, "message": str(e)})
            continue
        raise AssertionError(f"{expr} did not fail")
    return cases


def op(name, inputs, fn, differentiable):
    xs = [t.clone().requires_grad_(differentiable[i]) if differentiable[i] else t for i, t in enumerate(inputs)]
    out = fn(*xs)
    outs = list(out) if isinstance(out, tuple) else [out]
    case = {"op": name, "inputs": [tensor_json(t) for t in inputs], "results": [tensor_json(o) for o in outs]}
    if any(differentiable):
        sum((o * weights(o.shape).to(o.dtype)).sum() for o in outs).backward()
        case["grads"] = [tensor_json(x.grad) if differentiable[i] else None for i, x in enumerate(xs)]
    return case


def op_cases():
    a, b, l, m = T["a"], T["b"], T["l"], T["m"]
    f64 = torch.arange(6, dtype=torch.float64).reshape(2, 3)
    return [
        op("cat0", [a, a[:2] * 3], lambda x, y: torch.cat([x, y], 0), [True, True]),
        op("cat1", [f64, torch.ones(2, 1, dtype=torch.float64)], lambda x, y: torch.cat([x, y], 1), [True, True]),
        op("catPromote", [torch.tensor([[1, 2], [3, 4]]), a[:2, :3]], lambda x, y: torch.cat([x, y], -1), [False, True]),
        op("catBoolLong", [torch.tensor([True, False]), torch.tensor([5, 6])], lambda x, y: torch.cat([x, y]), [False, False]),
        op("catSkipEmpty", [torch.zeros(0), a], lambda x, y: torch.cat([x, y], 1), [False, True]),
        op("stack0", [a, a * 2], lambda x, y: torch.stack([x, y]), [True, True]),
        op("stack2", [a, a * 2], lambda x, y: torch.stack([x, y], 2), [True, True]),
        op("stackNeg", [f64, f64 + 1, f64 - 1], lambda x, y, z: torch.stack([x, y, z], -2), [True, False, True]),
        op("split2", [b], lambda x: x.split(2, 2), [True]),
        op("splitSizes", [b], lambda x: x.split([1, 2], 1), [True]),
        op("chunk4", [torch.arange(6.)], lambda x: x.chunk(4), [True]),
        op("chunk3dim1", [b], lambda x: x.chunk(3, 1), [True]),
        op("unbind1", [b], lambda x: x.unbind(1), [True]),
        op("repeat", [f64], lambda x: x.repeat(2, 1, 3), [True]),
        op("repeat1d", [torch.tensor([1.0, 2.0], dtype=torch.float64)], lambda x: x.repeat(3), [True]),
        op("flip", [b], lambda x: x.flip(0, 2), [True]),
        op("flipNeg", [a], lambda x: x.flip(-1), [True]),
        op("gather1", [a, torch.tensor([[0, 3, 3], [1, 1, 0]])], lambda x, i: x.gather(1, i), [True, False]),
        op("gather0", [b, torch.tensor([[[1, 0, 1, 1]], [[0, 0, 1, 0]]])], lambda x, i: x.gather(0, i), [True, False]),
        op("scatterAdd", [a, torch.tensor([[0, 1, 0], [2, 2, 2]]), torch.arange(6., dtype=torch.float32).reshape(2, 3)],
           lambda x, i, s: x.scatter_add(1, i, s), [True, False, True]),
        op("indexSelect", [b, torch.tensor([3, 0, 0])], lambda x, i: x.index_select(2, i), [True, False]),
        op("indexSelect0", [a, torch.tensor([2, 0])], lambda x, i: x.index_select(0, i), [True, False]),
        op("maskedSelect", [a, m], lambda x, k: x.masked_select(k), [True, False]),
        op("maskedSelectBroadcast", [a, torch.tensor([True, False, False, True])], lambda x, k: x.masked_select(k), [True, False]),
        op("maskedFill", [a, m], lambda x, k: x.masked_fill(k, -7.5), [True, False]),
        op("maskedFillLong", [l, l > 0], lambda x, k: x.masked_fill(k, 2.9), [False, False]),
        op("maskedFillTensor", [f64, torch.tensor([True, False, True]), torch.tensor(3.0, dtype=torch.float64)],
           lambda x, k, v: x.masked_fill(k, v), [True, False, True]),
        op("nonzero", [m], lambda x: x.nonzero(), [False]),
        op("nonzeroFloat", [torch.tensor([[0.0, 1.5], [2.0, 0.0]])], lambda x: x.nonzero(), [False]),
    ]


write("indexing.json", {
    "tensors": {k: tensor_json(v) for k, v in T.items()},
    "get": get_cases(),
    "set": set_cases(),
    "errors": error_cases(),
    "ops": op_cases(),
})
