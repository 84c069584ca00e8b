"""Autograd families for make_differential.py (--module autograd): torch.autograd.grad of random
primitive ops, first order (ad_grad, values) and with create_graph (ad_double, whose outputs are the
gradients: run_case's backward of them with random upstream gradients is then a grad of a grad).

Every case is f(x_1..x_n, extra...) weighted by a last input w of f's output shape: y = sum(f * w).
ad_double adds sum(x_i^2)/2 to y, so each gradient depends on its input whatever f is (torch gives a
gradient that is constant in x no grad_fn, and run_case would then record no second-order gradients).
Inputs: kw "n" differentiable ones (rg), then constants (targets), then w. kw "f" names the primitive.
"""
import torch
import torch.nn.functional as F

from make_differential import FLOATS, In, tin

P = {
    "exp": lambda x, kw: x[0].exp(), "log": lambda x, kw: x[0].log(), "sqrt": lambda x, kw: x[0].sqrt(),
    "rsqrt": lambda x, kw: x[0].rsqrt(), "reciprocal": lambda x, kw: x[0].reciprocal(),
    "sin": lambda x, kw: x[0].sin(), "cos": lambda x, kw: x[0].cos(), "tanh": lambda x, kw: x[0].tanh(),
    "sigmoid": lambda x, kw: x[0].sigmoid(), "relu": lambda x, kw: x[0].relu(), "abs": lambda x, kw: x[0].abs(),
    "square": lambda x, kw: x[0].square(), "neg": lambda x, kw: -x[0],
    "pow_scalar": lambda x, kw: x[0] ** kw["p"], "mul_scalar": lambda x, kw: x[0] * kw["s"],
    "add_scalar": lambda x, kw: x[0] + kw["s"], "rdiv": lambda x, kw: kw["s"] / x[0],
    "add": lambda x, kw: x[0] + x[1], "sub": lambda x, kw: x[0] - x[1], "mul": lambda x, kw: x[0] * x[1],
    "div": lambda x, kw: x[0] / x[1], "pow": lambda x, kw: x[0] ** x[1],
    "maximum": lambda x, kw: torch.maximum(x[0], x[1]), "minimum": lambda x, kw: torch.minimum(x[0], x[1]),
    "sum": lambda x, kw: x[0].sum(), "sum_dim": lambda x, kw: x[0].sum(kw["dim"], keepdim=kw["keepdim"]),
    "mean": lambda x, kw: x[0].mean(), "mean_dim": lambda x, kw: x[0].mean(kw["dim"], keepdim=kw["keepdim"]),
    "max": lambda x, kw: x[0].max(), "min": lambda x, kw: x[0].min(),
    "max_dim": lambda x, kw: x[0].max(kw["dim"], keepdim=kw["keepdim"]).values,
    "min_dim": lambda x, kw: x[0].min(kw["dim"], keepdim=kw["keepdim"]).values,
    "matmul": lambda x, kw: x[0] @ x[1], "mm": lambda x, kw: x[0].mm(x[1]), "bmm": lambda x, kw: x[0].bmm(x[1]),
    "mv": lambda x, kw: x[0].mv(x[1]), "linear": lambda x, kw: F.linear(x[0], x[1], x[2]),
    "reshape": lambda x, kw: x[0].reshape(-1), "transpose": lambda x, kw: x[0].transpose(0, -1),
    "slice": lambda x, kw: x[0][1::2], "select": lambda x, kw: x[0][kw["i"]],
    "index": lambda x, kw: x[0][x[1]], "unsqueeze_expand": lambda x, kw: x[0].unsqueeze(0).expand(3, *x[0].shape),
    "cat": lambda x, kw: torch.cat([x[0], x[1]], kw["dim"]), "stack": lambda x, kw: torch.stack([x[0], x[1]], kw["dim"]),
    "softmax": lambda x, kw: x[0].softmax(kw["dim"]), "log_softmax": lambda x, kw: x[0].log_softmax(kw["dim"]),
    "mse": lambda x, kw: F.mse_loss(x[0], x[1], reduction=kw["reduction"]),
    "cross_entropy": lambda x, kw: F.cross_entropy(x[0], x[1], reduction=kw["reduction"]),
    "bce": lambda x, kw: F.binary_cross_entropy(x[0], x[1], reduction=kw["reduction"]),
    "bce_logits": lambda x, kw: F.binary_cross_entropy_with_logits(x[0], x[1], reduction=kw["reduction"]),
    "tanh_mlp": lambda x, kw: torch.tanh(x[0] @ x[1]) @ x[2],
}

UNARY = ["exp", "log", "sqrt", "rsqrt", "reciprocal", "sin", "cos", "tanh", "sigmoid", "relu", "abs", "square", "neg",
         "pow_scalar", "mul_scalar", "add_scalar", "rdiv"]
POSITIVE = {"log", "sqrt", "rsqrt", "reciprocal", "rdiv", "pow_scalar"}
BINARY = ["add", "sub", "mul", "div", "pow", "maximum", "minimum"]
REDUCE = ["sum", "sum_dim", "mean", "mean_dim", "max", "min", "max_dim", "min_dim"]
MATRIX = ["matmul", "mm", "bmm", "mv", "linear", "tanh_mlp"]
SHAPE = ["reshape", "transpose", "slice", "select", "index", "unsqueeze_expand", "cat", "stack", "softmax", "log_softmax"]
LOSS = ["mse", "cross_entropy", "bce", "bce_logits"]


def _nonempty(gen, lo=1, hi=3):
    return [gen.r.randint(1, 4) for _ in range(gen.r.randint(lo, hi))]


def _draw(gen):
    """(f, differentiable inputs, constant inputs, kw) of one random primitive call."""
    f = gen.choice(UNARY + BINARY + REDUCE + MATRIX + SHAPE + LOSS)
    dt = gen.choice(FLOATS)
    kw = {}
    if f in UNARY:
        s = gen.shape(0, 3, empty=0)
        if f == "pow_scalar":
            kw["p"] = gen.choice([2, 3, 0.5, -1, 2.5, -1.5])
        if f in ("mul_scalar", "add_scalar", "rdiv"):
            kw["s"] = gen.choice([2, -1.5, 0.5, 3])
        return f, [tin(gen, s, dt, rg=True, positive=f in POSITIVE)], [], kw
    if f in BINARY:
        s = gen.shape(0, 3, empty=0)
        s2 = s if gen.chance(0.6) else [1 if gen.chance(0.4) else d for d in s]
        return f, [tin(gen, s, dt, rg=True, positive=f == "pow"), tin(gen, s2, dt, rg=True, positive=f in ("div", "pow"))], [], kw
    if f in REDUCE:
        s = _nonempty(gen)
        if f.endswith("_dim"):
            kw["dim"] = gen.r.randint(-len(s), len(s) - 1)
            kw["keepdim"] = gen.chance(0.5)
        return f, [tin(gen, s, dt, rg=True)], [], kw
    n, k, m, b = (gen.r.randint(1, 4) for _ in range(4))
    if f == "matmul":
        sa = gen.choice([[k], [n, k], [b, n, k], [2, b, n, k]])
        sb = gen.choice([[k], [k, m], [b, k, m], [1, k, m]])
        return f, [tin(gen, sa, dt, rg=True), tin(gen, sb, dt, rg=True)], [], kw
    if f == "mm":
        return f, [tin(gen, [n, k], dt, rg=True), tin(gen, [k, m], dt, rg=True)], [], kw
    if f == "bmm":
        return f, [tin(gen, [b, n, k], dt, rg=True), tin(gen, [b, k, m], dt, rg=True)], [], kw
    if f == "mv":
        return f, [tin(gen, [n, k], dt, rg=True), tin(gen, [k], dt, rg=True)], [], kw
    if f == "linear":
        return f, [tin(gen, [n, k], dt, rg=True), tin(gen, [m, k], dt, rg=True), tin(gen, [m], dt, rg=True)], [], kw
    if f == "tanh_mlp":
        return f, [tin(gen, [n, k], dt, rg=True), tin(gen, [k, m], dt, rg=True), tin(gen, [m, b], dt, rg=True)], [], kw
    if f in SHAPE:
        s = _nonempty(gen, 1, 3)
        if f == "transpose" or f in ("cat", "stack", "softmax", "log_softmax"):
            kw["dim"] = gen.r.randint(-len(s), len(s) - 1)
        if f == "select":
            kw["i"] = gen.r.randint(-s[0], s[0] - 1)
        if f == "slice":
            s[0] = max(s[0], 2)
        x = tin(gen, s, dt, rg=True)
        if f == "index":
            idx = torch.randint(0, s[0], [gen.r.randint(1, 5)], generator=gen.g)
            return f, [x], [In(idx)], kw
        if f == "cat":
            s2 = list(s)
            s2[kw["dim"]] = gen.r.randint(1, 3)
            return f, [x, tin(gen, s2, dt, rg=True)], [], kw
        if f == "stack":
            kw["dim"] = gen.r.randint(-len(s) - 1, len(s))
            return f, [x, tin(gen, s, dt, rg=True)], [], kw
        return f, [x], [], kw
    kw["reduction"] = gen.choice(["mean", "sum", "none"])
    if f == "cross_entropy":
        c = gen.r.randint(2, 4)
        target = torch.randint(0, c, [n], generator=gen.g)
        return f, [tin(gen, [n, c], dt, rg=True)], [In(target)], kw
    s = _nonempty(gen)
    if f == "bce":
        p = tin(gen, s, dt, rg=True)
        p.base = torch.rand(p.base.shape, generator=gen.g, dtype=torch.float64).mul(0.9).add(0.05).to(p.base.dtype)
        t = torch.rand(s, generator=gen.g, dtype=torch.float64).to(p.base.dtype)
        return f, [p], [In(t)], kw
    return f, [tin(gen, s, dt, rg=True), tin(gen, s, dt, rg=True)], [], kw


def _weights(gen, f, diff, consts, kw):
    with torch.no_grad():
        out = P[f]([i.make()[1] for i in diff + consts], kw)
    w = torch.randn(out.shape, generator=gen.g, dtype=torch.float64).to(out.dtype)
    return In(w)


def _family(op):
    def draw(gen):
        f, diff, consts, kw = _draw(gen)
        kw = dict(kw, f=f, n=len(diff))
        return op, diff + consts + [_weights(gen, f, diff, consts, kw)], kw
    return draw


def _grads(i, kw, create_graph):
    n = kw["n"]
    xs = i[:n]
    y = (P[kw["f"]](i[:-1], kw) * i[-1]).sum()
    if create_graph:
        for x in xs:
            y = y + x.square().sum() / 2
    return list(torch.autograd.grad(y, xs, create_graph=create_graph))


FAMILIES = [("ad_grad", _family("ad_grad"), 300), ("ad_double", _family("ad_double"), 400)]
OPS = {"ad_grad": lambda i, kw: _grads(i, kw, False), "ad_double": lambda i, kw: _grads(i, kw, True)}
