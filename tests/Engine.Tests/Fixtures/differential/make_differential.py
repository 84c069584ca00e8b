#!/usr/bin/python3
"""Randomized differential cases: PyTorch 1.13's answers for seeded random calls of every op family.

Run from this folder with Debian's PyTorch: /usr/bin/python3 make_differential.py [--seed N] [--out FILE]
Writes differential.json.gz: {"seed", "cases": [...]}. With --module NAME it draws the families of
families_NAME.py instead (its FAMILIES, and its OPS merged into this file's) and writes
differential_NAME.json.gz: newer op areas live in their own module and fixture file, and the C# replay
reads every differential*.json.gz of this folder. Each case is
  {"id", "family", "op", "inputs": [tensor + {"rg": requires grad, "view": null|"T"|"step"}],
   "kw": {named arguments: JSON numbers keep Python's int/float distinction (2 vs 2.0)},
   "raises": true if PyTorch raised, else "out" (a tensor or a list of tensors),
   "up": upstream gradients (one per backward call), "grads": per input, its base's .grad or null}.
A "T" view is the stored tensor transposed in its last two dims, a "step" view its even rows
(stored[::2]): both non-contiguous. Gradients belong to the stored (leaf) tensor.
The C# replay (Differential/DifferentialReplayTests) maps each op name to the same NNTools call.
"""
import argparse
import gzip
import importlib
import json
import math
import random
import sys
import warnings

import torch
import torch.nn.functional as F

sys.path.insert(0, "..")
from fixture_util import tensor_json  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool,
          "int32": torch.int32, "uint8": torch.uint8}
# The narrow integers are drawn only by the families that name them (families_dtypes.py); ALL stays
# as it was so the older families' draws, and differential.json.gz, do not change.
INTS = ["int64", "int32", "uint8"]
FLOATS = ["float32", "float64"]
ALL = ["float32", "float64", "int64", "bool"]


class Gen:
    """Random structure from `random`, values from a seeded torch generator."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.g = torch.Generator().manual_seed(seed)

    def choice(self, xs):
        return xs[self.r.randrange(len(xs))]

    def chance(self, p):
        return self.r.random() < p

    def shape(self, min_nd=0, max_nd=3, empty=0.05, max_size=4):
        nd = self.r.randint(min_nd, max_nd)
        return [0 if self.chance(empty) else self.r.randint(1, max_size) for _ in range(nd)]

    def values(self, shape, dtype, special=False, positive=False, lo=-5, hi=6):
        if dtype == "bool":
            return torch.randint(0, 2, shape, generator=self.g).bool()
        if dtype == "int64":
            return torch.randint(1 if positive else lo, hi, shape, generator=self.g)
        if dtype in ("int32", "uint8"):
            # uint8 draws the same range and wraps its negatives (-1 is 255), as torch's cast does.
            return torch.randint(1 if positive else lo, hi, shape, generator=self.g).to(DTYPES[dtype])
        t = torch.randn(shape, generator=self.g, dtype=torch.float64) * self.choice([1.0, 1.0, 3.0])
        if positive:
            t = t.abs() + 0.1
        if special and t.numel() > 0:
            flat = t.view(-1)
            for _ in range(self.r.randint(1, 3)):
                flat[self.r.randrange(flat.numel())] = self.choice(
                    [0.0, -0.0, math.inf, -math.inf, math.nan, 1e20, -1e20, 0.5, -2.5, 1e-30])
        return t.to(DTYPES[dtype])


class In:
    """A case input: the stored tensor, whether it requires grad, and the view taken of it."""

    def __init__(self, base, rg=False, view=None):
        self.base, self.rg, self.view = base, rg, view

    def make(self):
        b = self.base.clone().requires_grad_(self.rg)
        return b, apply_view(b, self.view)


def apply_view(t, view):
    if view == "T":
        return t.transpose(-2, -1)
    if view == "step":
        return t[::2]
    return t


def tin(gen, shape, dtype, rg=None, special=False, positive=False, views=True, lo=-5, hi=6):
    """An input of the given (viewed) shape; floats require grad unless told, some are non-contiguous."""
    view = None
    if views and len(shape) >= 2 and gen.chance(0.15):
        view = "T"
    elif views and len(shape) >= 1 and gen.chance(0.1):
        view = "step"
    base_shape = list(shape)
    if view == "T":
        base_shape[-1], base_shape[-2] = base_shape[-2], base_shape[-1]
    elif view == "step":
        base_shape[0] = base_shape[0] * 2
    base = gen.values(base_shape, dtype, special=special, positive=positive, lo=lo, hi=hi)
    if rg is None:
        rg = dtype in FLOATS and not special
    return In(base, rg and dtype in FLOATS, view)


def bshape(gen, shape):
    """A shape broadcastable with `shape`: some leading dims dropped, some dims set to 1."""
    s = list(shape)
    if s and gen.chance(0.3):
        s = s[gen.r.randint(0, len(s)):]
    s = [1 if gen.chance(0.3) else d for d in s]
    if gen.chance(0.1):
        s = [1] + s
    return s


def num(gen, kind=None):
    kind = kind or gen.choice(["int", "float", "float_whole"])
    if kind == "int":
        return gen.r.randint(-3, 3)
    if kind == "float_whole":
        return float(gen.r.randint(-3, 3))
    if kind == "bool":
        return gen.chance(0.5)
    return round(gen.r.uniform(-3, 3), 2)


# --- the op table: name -> f(inputs, kw), inputs already viewed ---------------------------------

def red(fn):
    def call(i, kw):
        args = {}
        if "dim" in kw:
            args["dim"] = kw["dim"]
        if "keepdim" in kw:
            args["keepdim"] = kw["keepdim"]
        if "unbiased" in kw:
            args["unbiased"] = kw["unbiased"]
        return fn(i[0], **args)
    return call


def idx_items(items, ins):
    out = []
    for it in items:
        k = it[0]
        if k == "int":
            out.append(it[1])
        elif k == "slice":
            out.append(slice(it[1], it[2], it[3]))
        elif k == "none":
            out.append(None)
        elif k == "ellipsis":
            out.append(Ellipsis)
        elif k == "bool":
            out.append(it[1])
        elif k == "tensor":
            out.append(ins[it[1]])
    return tuple(out)


def loss_kw(kw):
    return {k: v for k, v in kw.items() if k in ("reduction", "beta", "delta", "ignore_index", "label_smoothing")}


UNARY = {
    "neg": torch.neg, "abs": torch.abs, "sign": torch.sign, "exp": torch.exp, "log": torch.log,
    "sqrt": torch.sqrt, "rsqrt": torch.rsqrt, "reciprocal": torch.reciprocal, "sin": torch.sin,
    "cos": torch.cos, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu,
    "floor": torch.floor, "ceil": torch.ceil, "round": torch.round, "square": torch.square,
    "logical_not": torch.logical_not, "isnan": torch.isnan, "isfinite": torch.isfinite,
    "long": lambda x: x.long(), "float": lambda x: x.float(), "double": lambda x: x.double(),
    "bool": lambda x: x.bool(), "clone": torch.clone, "contiguous": lambda x: x.contiguous(),
}
BINARY = {
    "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "remainder": torch.remainder,
    "pow": torch.pow, "maximum": torch.maximum, "minimum": torch.minimum, "eq": torch.eq, "ne": torch.ne,
    "lt": torch.lt, "le": torch.le, "gt": torch.gt, "ge": torch.ge, "logical_and": torch.logical_and,
    "logical_or": torch.logical_or, "logical_xor": torch.logical_xor,
}

OPS = {}
for _n, _f in UNARY.items():
    OPS[_n] = (lambda f: lambda i, kw: f(i[0]))(_f)
for _n, _f in BINARY.items():
    OPS[_n] = (lambda f: lambda i, kw: f(i[0], i[1]))(_f)
    # tensor (op) number and number (op) tensor, as Python's operators and torch's functions
    OPS[_n + "_scalar"] = (lambda f: lambda i, kw: f(i[0], kw["s"]))(_f)
OPS.update({
    "radd": lambda i, kw: kw["s"] + i[0], "rsub": lambda i, kw: kw["s"] - i[0],
    "rmul": lambda i, kw: kw["s"] * i[0], "rdiv": lambda i, kw: kw["s"] / i[0],
    "rpow": lambda i, kw: kw["s"] ** i[0], "rremainder": lambda i, kw: kw["s"] % i[0],
    "add_alpha": lambda i, kw: torch.add(i[0], i[1], alpha=kw["alpha"]),
    "clamp": lambda i, kw: torch.clamp(i[0], min=kw.get("min"), max=kw.get("max")),
    "leaky_relu": lambda i, kw: F.leaky_relu(i[0], kw["slope"]),
    "where": lambda i, kw: torch.where(i[0], i[1], i[2]),
    "addcmul": lambda i, kw: torch.addcmul(i[0], i[1], i[2], value=kw["value"]),
    "addcdiv": lambda i, kw: torch.addcdiv(i[0], i[1], i[2], value=kw["value"]),
    "sum": red(torch.sum), "mean": red(torch.mean), "prod": red(torch.prod),
    "amax_all": lambda i, kw: i[0].max(), "amin_all": lambda i, kw: i[0].min(),
    "max_dim": lambda i, kw: list(torch.max(i[0], kw["dim"], keepdim=kw["keepdim"])),
    "min_dim": lambda i, kw: list(torch.min(i[0], kw["dim"], keepdim=kw["keepdim"])),
    "argmax": red(torch.argmax), "argmin": red(torch.argmin),
    "std": red(torch.std), "var": red(torch.var),
    "logsumexp": lambda i, kw: torch.logsumexp(i[0], kw["dim"], keepdim=kw["keepdim"]),
    "norm": lambda i, kw: torch.norm(i[0], p=kw["p"], dim=kw.get("dim"), keepdim=kw.get("keepdim", False)),
    "all": red(torch.all), "any": red(torch.any),
    "cumsum": lambda i, kw: torch.cumsum(i[0], kw["dim"]),
    "view": lambda i, kw: i[0].view(kw["shape"]), "reshape": lambda i, kw: i[0].reshape(kw["shape"]),
    "permute": lambda i, kw: i[0].permute(kw["dims"]),
    "transpose": lambda i, kw: i[0].transpose(kw["d0"], kw["d1"]),
    "squeeze": lambda i, kw: i[0].squeeze(kw["dim"]) if "dim" in kw else i[0].squeeze(),
    "unsqueeze": lambda i, kw: i[0].unsqueeze(kw["dim"]),
    "cat": lambda i, kw: torch.cat(list(i), kw["dim"]), "stack": lambda i, kw: torch.stack(list(i), kw["dim"]),
    "expand": lambda i, kw: i[0].expand(kw["shape"]),
    "flatten": lambda i, kw: i[0].flatten(kw["start"], kw["end"]),
    "unflatten": lambda i, kw: i[0].unflatten(kw["dim"], kw["sizes"]),
    "flip": lambda i, kw: i[0].flip(kw["dims"]), "repeat": lambda i, kw: i[0].repeat(kw["reps"]),
    "narrow": lambda i, kw: i[0].narrow(kw["dim"], kw["start"], kw["length"]),
    "select": lambda i, kw: i[0].select(kw["dim"], kw["index"]),
    "chunk": lambda i, kw: list(i[0].chunk(kw["chunks"], kw["dim"])),
    "split": lambda i, kw: list(i[0].split(kw["size"], kw["dim"])),
    "unbind": lambda i, kw: list(i[0].unbind(kw["dim"])),
    "t": lambda i, kw: i[0].t(),
    "index": lambda i, kw: i[0][idx_items(kw["items"], i)],
    "gather": lambda i, kw: torch.gather(i[0], kw["dim"], i[1]),
    "index_select": lambda i, kw: torch.index_select(i[0], kw["dim"], i[1]),
    "masked_fill": lambda i, kw: i[0].masked_fill(i[1], kw["value"]),
    # torch 1.13's masked_select backward scatters into a non-contiguous input in memory order, not
    # index order (docs/FIDELITY.md); through .contiguous() the values are the same and the gradient right.
    "masked_select": lambda i, kw: torch.masked_select(i[0].contiguous(), i[1]),
    "scatter_add": lambda i, kw: torch.scatter_add(i[0], kw["dim"], i[1], i[2]),
    "index_put": lambda i, kw: i[0].detach().clone().index_put_(tuple(i[1:-1]), i[-1], accumulate=kw["acc"]),
    "matmul": lambda i, kw: torch.matmul(i[0], i[1]), "mm": lambda i, kw: torch.mm(i[0], i[1]),
    "bmm": lambda i, kw: torch.bmm(i[0], i[1]), "mv": lambda i, kw: torch.mv(i[0], i[1]),
    "dot": lambda i, kw: torch.dot(i[0], i[1]), "outer": lambda i, kw: torch.outer(i[0], i[1]),
    "softmax": lambda i, kw: torch.softmax(i[0], kw["dim"]),
    "log_softmax": lambda i, kw: torch.log_softmax(i[0], kw["dim"]),
    "mse": lambda i, kw: F.mse_loss(i[0], i[1], **loss_kw(kw)),
    "l1": lambda i, kw: F.l1_loss(i[0], i[1], **loss_kw(kw)),
    "smooth_l1": lambda i, kw: F.smooth_l1_loss(i[0], i[1], **loss_kw(kw)),
    "huber": lambda i, kw: F.huber_loss(i[0], i[1], **loss_kw(kw)),
    "bce": lambda i, kw: F.binary_cross_entropy(i[0], i[1], weight=i[2] if len(i) > 2 else None, **loss_kw(kw)),
    "bce_logits": lambda i, kw: F.binary_cross_entropy_with_logits(
        i[0], i[1], weight=i[kw["w"]] if "w" in kw else None,
        pos_weight=i[kw["pw"]] if "pw" in kw else None, **loss_kw(kw)),
    "nll": lambda i, kw: F.nll_loss(i[0], i[1], weight=i[2] if len(i) > 2 else None, **loss_kw(kw)),
    "cross_entropy": lambda i, kw: F.cross_entropy(i[0], i[1], weight=i[2] if len(i) > 2 else None, **loss_kw(kw)),
    "meshgrid": lambda i, kw: list(torch.meshgrid(*i, indexing=kw["indexing"])),
    "inplace_mul_scalar": lambda i, kw: i[0].detach().clone().mul_(kw["s"]),
    "inplace_add_scalar": lambda i, kw: i[0].detach().clone().add_(kw["s"]),
    "inplace_addcdiv": lambda i, kw: i[0].detach().clone().addcdiv_(i[1], i[2], value=kw["value"]),
    "inplace_uniform": lambda i, kw: i[0].detach().clone().uniform_(kw["lo"], kw["hi"]).mul(0),
    "chain": lambda i, kw: CHAINS[kw["chain"]](*i),
    "inplace_graph": lambda i, kw: INPLACE[kw["chain"]](*i),
})

# Compositions whose gradients flow through several ops (the names say the formula).
CHAINS = {
    "sum(a*b).exp": lambda a, b: (a * b).sum().exp() if a.numel() < 8 else (a * b).sum(),
    "tanh(a@b)+a@b": lambda a, b: torch.tanh(a @ b) + a @ b,
    "softmax(a*b,-1).log": lambda a, b: torch.softmax(a * b, -1).log(),
    "sigmoid(a)*b-relu(b)": lambda a, b: torch.sigmoid(a) * b - torch.relu(b),
    "(a-b)^2.mean(0)": lambda a, b: ((a - b) ** 2).mean(0),
    "a.T@a": lambda a, b: a.t() @ a + b.sum(),
    "std(a*b,0)": lambda a, b: (a * b + 1).std(0),
    "cat([a,b]).max(0)": lambda a, b: torch.cat([a, b], 0).max(0)[0],
    "where(a>b,a*a,b)": lambda a, b: torch.where(a > b, a * a, b),
    "logsumexp(a+b,1)": lambda a, b: torch.logsumexp(a + b, 1),
    "a[:,0]*b[0]": lambda a, b: a[:, 0] * b[0] + a.sum(),
    "clamp(a,-.5,.5)/b.abs()+1": lambda a, b: torch.clamp(a, -0.5, 0.5) / (b.abs() + 1),
}



def _assign(y, index, value):
    y[index] = value
    return y


# In-place writes on tensors an autograd graph holds: recorded as PyTorch records them (a rebased
# grad_fn, CopySlices through a view), refused on a leaf, and a saved value overwritten makes the
# backward pass raise (version counters).
INPLACE = {
    "y=a*2;y.add_(b)": lambda a, b: (a * 2).add_(b),
    "y=a.clone();y[0]=b[0]": lambda a, b: _assign(a.clone(), 0, b[0]),
    "y=a*1;y[:,0]=0": lambda a, b: _assign(a * 1, (slice(None), 0), 0) * b,
    "y=a+0;y.mul_(b).sigmoid()": lambda a, b: (a + 0).mul_(b).sigmoid(),
    "y=a.exp();y.mul_(2)": lambda a, b: a.exp().mul_(2) + b,
    "y=a.sigmoid();y.add_(b)": lambda a, b: a.sigmoid().add_(b),
    "buf=zeros;buf.add_(a*b)": lambda a, b: torch.zeros_like(a).add_(a * b),
    "y=a.clone();y.clamp_(-.5,.5)*b": lambda a, b: a.clone().clamp_(-0.5, 0.5) * b,
    "y=a*3;y.sub_(b).div_(2)": lambda a, b: (a * 3).sub_(b).div_(2),
    "a.add_(b)": lambda a, b: a.add_(b),
    "y=a*1;y[0].mul_(b[0])": lambda a, b: _view_write(a * 1, b),
    "z=a*b;y=z*1;z.mul_(2);y": lambda a, b: _write_after_use(a, b),
}


def _view_write(y, b):
    y[0].mul_(b[0])
    return y


def _write_after_use(a, b):
    z = a * b
    y = z * 1
    z.mul_(2)
    return y + z


# --- case drawing, one function per family ---------------------------------------------------------

def c_unary(gen):
    op = gen.choice(list(UNARY))
    dt = gen.choice(ALL if gen.chance(0.3) else FLOATS)
    special = dt in FLOATS and gen.chance(0.25)
    positive = op in ("log", "sqrt", "rsqrt") and gen.chance(0.7)
    return op, [tin(gen, gen.shape(), dt, special=special, positive=positive)], {}


def c_binary(gen):
    op = gen.choice(list(BINARY))
    s = gen.shape()
    s2 = bshape(gen, s)
    if gen.chance(0.5):
        s, s2 = s2, s
    d1 = gen.choice(ALL) if gen.chance(0.4) else gen.choice(FLOATS)
    d2 = gen.choice(ALL) if gen.chance(0.4) else d1
    pos = op == "pow"
    a = tin(gen, s, d1, positive=pos and d1 in FLOATS)
    b = tin(gen, s2, d2, lo=-2 if op == "pow" else -5, hi=4 if op == "pow" else 6)
    return op, [a, b], {}


def c_scalar(gen):
    # torch.maximum and the logical ops take no Python number, so they have no _scalar form here.
    plain = [b for b in BINARY if not b.startswith(("logical", "maximum", "minimum"))]
    op = gen.choice(plain + ["radd", "rsub", "rmul", "rdiv", "rpow", "rremainder", "clamp", "add_alpha"])
    dt = gen.choice(ALL)
    kind = gen.choice(["int", "float", "float_whole", "int", "float_whole"] + (["bool"] if gen.chance(0.1) else []))
    s = gen.shape()
    if op == "clamp":
        kind = "int" if kind == "bool" else kind  # a bool bound is neither engine overload
        kw = {}
        if gen.chance(0.7):
            kw["min"] = num(gen, kind)
        if gen.chance(0.7) or not kw:
            kw["max"] = num(gen, gen.choice([kind, "int", "float"]))
        return op, [tin(gen, s, dt)], kw
    if op == "add_alpha":
        d2 = dt if gen.chance(0.7) else gen.choice(ALL)
        return op, [tin(gen, s, dt), tin(gen, bshape(gen, s), d2)], {"alpha": num(gen, kind if kind != "bool" else "int")}
    x = num(gen, kind)
    if op in ("pow_scalar",):
        return "pow_scalar", [tin(gen, s, dt, positive=True)], {"s": abs(x) if kind != "bool" else x}
    if op in ("rpow",):
        return op, [tin(gen, s, dt, lo=-2, hi=4)], {"s": abs(x) if kind != "bool" else x}
    if op in BINARY:
        op = op + "_scalar"
    return op, [tin(gen, s, dt)], {"s": x}


def c_promotion(gen):
    """0-d tensors beside dimensioned ones, of every dtype pair: result_type's three tiers."""
    op = gen.choice(["add", "mul", "sub", "div", "maximum", "eq", "where", "pow"])
    d1, d2 = gen.choice(ALL), gen.choice(ALL)
    s = gen.shape(1, 3)
    if op == "where":
        return op, [tin(gen, s, "bool"), tin(gen, gen.choice([[], s]), d1), tin(gen, gen.choice([[], s[-1:]]), d2)], {}
    a, b = tin(gen, s, d1, lo=0, hi=4), tin(gen, [], d2, lo=0, hi=4)
    return op, [a, b] if gen.chance(0.5) else [b, a], {}


def c_reduction(gen):
    op = gen.choice(["sum", "mean", "prod", "amax_all", "amin_all", "max_dim", "min_dim", "argmax", "argmin",
                     "std", "var", "logsumexp", "norm", "all", "any", "cumsum"])
    dt = gen.choice(FLOATS) if gen.chance(0.7) else gen.choice(ALL)
    s = gen.shape(0, 3, empty=0.08)
    special = dt in FLOATS and gen.chance(0.1)
    x = tin(gen, s, dt, special=special)
    if op in ("std", "var") and dt in FLOATS and gen.chance(0.15):
        x = In(torch.tensor(gen.choice([[1e20, -1e20], [3e200, -3e200, 1e200], [1.5], [1e-20, 3e-20]])).to(DTYPES[dt]),
               True)
        s = list(x.base.shape)
    nd = len(s)
    kw = {}
    if op in ("max_dim", "min_dim", "logsumexp", "cumsum") or (op not in ("amax_all", "amin_all") and gen.chance(0.6)):
        if nd == 0:
            kw["dim"] = gen.choice([0, -1])
        elif op in ("sum", "mean", "std", "var", "logsumexp", "norm") and gen.chance(0.3):
            kw["dim"] = sorted(gen.r.sample(range(nd), gen.r.randint(1, nd)))
        else:
            kw["dim"] = gen.r.randint(-nd, nd - 1)
        if op != "cumsum":
            kw["keepdim"] = gen.chance(0.5)
    if op in ("std", "var"):
        kw["unbiased"] = gen.chance(0.6)
    if op == "norm":
        kw["p"] = gen.choice([2, 1, 2.0, 3.0, "fro"]) if "dim" not in kw or isinstance(kw["dim"], int) else 2
        if kw["p"] == "fro" and "dim" not in kw:
            kw["p"] = 2
    return op, [x], kw


def c_shape(gen):
    op = gen.choice(["view", "reshape", "permute", "transpose", "squeeze", "unsqueeze", "cat", "stack", "expand",
                     "flatten", "unflatten", "flip", "repeat", "narrow", "select", "chunk", "split", "unbind", "t"])
    dt = gen.choice(FLOATS) if gen.chance(0.8) else gen.choice(ALL)
    s = gen.shape(0, 4, empty=0.08, max_size=3)
    nd = len(s)
    n = 1
    for d in s:
        n *= d
    x = tin(gen, s, dt)
    kw = {}
    if op in ("view", "reshape"):
        shapes = [[n], [-1], [1] + s, s[::-1]]
        if n > 0 and n % 2 == 0:
            shapes += [[2, -1], [-1, 2, 1]]
        if gen.chance(0.1):
            shapes = [[n + 1], [-1, -1]]
        kw["shape"] = gen.choice(shapes)
    elif op == "permute":
        p = list(range(nd))
        gen.r.shuffle(p)
        kw["dims"] = [d - nd if gen.chance(0.3) else d for d in p]
    elif op == "transpose":
        m = max(nd, 1)
        kw["d0"], kw["d1"] = gen.r.randint(-m, m - 1), gen.r.randint(-m, m - 1)
    elif op == "squeeze":
        s = [1 if gen.chance(0.4) else d for d in s]
        x = tin(gen, s, dt)
        if gen.chance(0.6):
            kw["dim"] = gen.r.randint(-max(nd, 1), max(nd, 1) - 1)
    elif op == "unsqueeze":
        kw["dim"] = gen.r.randint(-nd - 1, nd)
    elif op in ("cat", "stack"):
        k = gen.r.randint(1, 3)
        ins = []
        d = gen.r.randint(-max(nd, 1), max(nd, 1) - 1) if op == "cat" else gen.r.randint(-nd - 1, nd)
        for _ in range(k):
            s2 = list(s)
            if op == "cat" and nd > 0:
                s2[d] = gen.r.randint(0, 3)
            if op == "cat" and gen.chance(0.08):
                s2 = [0]
            ins.append(tin(gen, s2, dt if gen.chance(0.8) else gen.choice(ALL)))
        return op, ins, {"dim": d}
    elif op == "expand":
        s = [1 if gen.chance(0.5) else d for d in s]
        x = tin(gen, s, dt)
        kw["shape"] = [gen.choice([2, 3, -1]) if d == 1 else gen.choice([d, -1]) for d in s]
        if gen.chance(0.3):
            kw["shape"] = [2] + kw["shape"]
    elif op == "flatten":
        m = max(nd, 1)
        a, b = sorted([gen.r.randint(0, m - 1), gen.r.randint(0, m - 1)])
        kw["start"], kw["end"] = a, b if gen.chance(0.7) else -1
    elif op == "unflatten":
        if nd == 0:
            s, nd = [6], 1
            x = tin(gen, s, dt)
        d = gen.r.randint(0, nd - 1)
        size = s[d]
        opts = [[size], [1, size], [-1, 1]]
        if size % 2 == 0 and size > 0:
            opts.append([2, -1])
        kw["dim"], kw["sizes"] = d, gen.choice(opts)
    elif op == "flip":
        kw["dims"] = gen.r.sample(range(nd), gen.r.randint(0, nd)) if nd else []
    elif op == "repeat":
        kw["reps"] = [gen.r.randint(0, 2) if gen.chance(0.2) else gen.r.randint(1, 2) for _ in range(nd + gen.r.randint(0, 1))]
    elif op in ("narrow", "select", "chunk", "split", "unbind"):
        if nd == 0:
            s, nd = [3], 1
            x = tin(gen, s, dt)
        d = gen.r.randint(-nd, nd - 1)
        size = s[d]
        kw["dim"] = d
        if op == "narrow":
            kw["start"] = gen.r.randint(0, size)
            kw["length"] = gen.r.randint(0, size - kw["start"])
        elif op == "select":
            kw["index"] = gen.r.randint(-size, size - 1) if size > 0 else 0
        elif op == "chunk":
            kw["chunks"] = gen.r.randint(1, 4)
        elif op == "split":
            kw["size"] = gen.r.randint(1, 3)
    elif op == "t":
        s = s[:2]
        x = tin(gen, s, dt)
    return op, [x], kw


def c_indexing(gen):
    op = gen.choice(["index"] * 6 + ["gather", "index_select", "masked_fill", "masked_select", "scatter_add", "index_put"])
    dt = gen.choice(FLOATS) if gen.chance(0.8) else gen.choice(ALL)
    s = gen.shape(1, 3, empty=0.05, max_size=4)
    nd = len(s)
    x = tin(gen, s, dt)
    if op == "index":
        items, ins, dim = [], [x], 0
        n_items = gen.r.randint(1, nd + 1)
        for _ in range(n_items):
            size = s[dim] if dim < nd else 1
            k = gen.choice(["int", "slice", "slice", "none", "ellipsis", "tensor", "mask", "bool", "int0d"])
            if dim >= nd and k not in ("none", "bool", "ellipsis"):
                k = "none"
            if k == "int":
                items.append(["int", gen.r.randint(-size, size - 1) if size else 0])
                dim += 1
            elif k == "slice":
                items.append(["slice", gen.choice([None, 0, 1, -2]), gen.choice([None, 2, -1, 5]), gen.choice([None, 1, 2])])
                dim += 1
            elif k == "none":
                items.append(["none"])
            elif k == "ellipsis":
                if any(i[0] == "ellipsis" for i in items):
                    continue
                items.append(["ellipsis"])
                dim = nd - (n_items - len(items)) if n_items - len(items) <= nd else dim
            elif k == "bool":
                items.append(["bool", gen.chance(0.7)])
            elif k == "tensor":
                ishape = gen.choice([[2], [1], [2, 2], [0], [3]])
                ins.append(In(torch.randint(-size if size else 0, max(size, 1), ishape, generator=gen.g)))
                items.append(["tensor", len(ins) - 1])
                dim += 1
            elif k == "int0d":
                ins.append(In(torch.tensor(gen.r.randint(-size, size - 1) if size else 0)))
                items.append(["tensor", len(ins) - 1])
                dim += 1
            elif k == "mask":
                ins.append(In(torch.randint(0, 2, s[dim:dim + 1], generator=gen.g).bool()))
                items.append(["tensor", len(ins) - 1])
                dim += 1
        return op, ins, {"items": items}
    d = gen.r.randint(-nd, nd - 1)
    size = s[d]
    if op == "index_select":
        return op, [x, In(torch.randint(0, max(size, 1), [gen.r.randint(0, 4)], generator=gen.g))], {"dim": d}
    if op in ("masked_fill", "masked_select"):
        mask = In(torch.randint(0, 2, bshape(gen, s), generator=gen.g).bool())
        kw = {"value": num(gen)} if op == "masked_fill" else {}
        return op, [x, mask], kw
    if op == "scatter_add" and dt == "bool":
        op = "gather"
    if op == "gather":
        ishape = [gen.r.randint(1, max(v, 1)) if v else 0 for v in s]
        ishape[d] = gen.r.randint(0, 4)
        return op, [x, In(torch.randint(0, max(size, 1), ishape, generator=gen.g))], {"dim": d}
    if op == "scatter_add":
        ishape = [gen.r.randint(0, v) for v in s]
        # src shaped as index: torch 1.13's backward gives src a gradient of index's shape.
        src = tin(gen, ishape, dt)
        return op, [x, In(torch.randint(0, max(size, 1), ishape, generator=gen.g)), src], {"dim": d}
    k = gen.r.randint(1, nd)
    idx = [In(torch.randint(0, max(s[j], 1), [gen.r.randint(1, 3)], generator=gen.g)) for j in range(k)]
    n = idx[0].base.shape[0]
    for i in idx:
        i.base = i.base[:1].expand(n).clone() if i.base.shape[0] != n else i.base
    vshape = gen.choice([[], [n] + s[k:]] + ([s[-1:]] if k < nd else []))
    return op, [In(x.base)] + idx + [tin(gen, vshape, dt, rg=False)], {"acc": gen.chance(0.5)}


def c_matmul(gen):
    op = gen.choice(["matmul"] * 3 + ["mm", "bmm", "mv", "dot", "outer"])
    dt = gen.choice(FLOATS)
    n, k, m, b = (gen.r.randint(0, 4) if gen.chance(0.08) else gen.r.randint(1, 5) for _ in range(4))
    bad = gen.chance(0.05)
    shapes = {
        "mm": ([n, k], [k + bad, m]), "bmm": ([b, n, k], [b, k + bad, m]), "mv": ([n, k], [k + bad]),
        "dot": ([k], [k + bad]), "outer": ([n], [m]),
    }
    if op == "matmul":
        sa = gen.choice([[k], [n, k], [b, n, k], [2, b, n, k]])
        sb = gen.choice([[k + bad], [k + bad, m], [b, k + bad, m], [1, k + bad, m]])
    else:
        sa, sb = shapes[op]
    d2 = dt if gen.chance(0.9) else gen.choice(ALL)
    return op, [tin(gen, sa, dt), tin(gen, sb, d2)], {}


def c_activation(gen):
    op = gen.choice(["softmax", "log_softmax", "softmax", "log_softmax", "leaky_relu", "relu", "sigmoid", "tanh"])
    dt = gen.choice(FLOATS) if gen.chance(0.85) else gen.choice(ALL)
    s = gen.shape(0, 3, empty=0.05)
    x = tin(gen, s, dt, special=dt in FLOATS and gen.chance(0.1))
    if op in ("softmax", "log_softmax"):
        m = max(len(s), 1)
        return op, [x], {"dim": gen.r.randint(-m, m - 1)}
    if op == "leaky_relu":
        return op, [x], {"slope": gen.choice([0.01, 0.2, 0.0, 1.5])}
    return op, [x], {}


def c_loss(gen):
    op = gen.choice(["mse", "l1", "smooth_l1", "huber", "bce", "bce_logits", "nll", "cross_entropy", "cross_entropy"])
    red_ = gen.choice(["mean", "sum", "none"])
    dt = gen.choice(FLOATS)
    kw = {"reduction": red_}
    if op in ("mse", "l1", "smooth_l1", "huber"):
        s = gen.shape(0, 3)
        st = bshape(gen, s) if gen.chance(0.2) else s
        if gen.chance(0.15):
            s, st = st, s
        if op == "smooth_l1":
            kw["beta"] = gen.choice([1.0, 0.5, 2.0])
        if op == "huber":
            kw["delta"] = gen.choice([1.0, 0.5, 2.0])
        return op, [tin(gen, s, dt), tin(gen, st, dt if gen.chance(0.9) else gen.choice(ALL), rg=gen.chance(0.3))], kw
    if op in ("bce", "bce_logits"):
        s = gen.shape(1, 3)
        x = tin(gen, s, dt)
        if op == "bce":
            x.base = torch.sigmoid(x.base.double()).to(x.base.dtype) * 0.98 + 0.01
        tg = In(torch.rand(s, generator=gen.g, dtype=torch.float64).to(DTYPES[dt]))
        ins = [x, tg]
        if gen.chance(0.4):
            ws = bshape(gen, s) if gen.chance(0.8) else [2] + s
            ins.append(tin(gen, ws, dt, rg=False, positive=True))
            if op == "bce_logits":
                kw["w"] = 2
        if op == "bce_logits" and gen.chance(0.4):
            ins.append(tin(gen, s[-1:] if gen.chance(0.9) else [s[-1] + 1], dt, rg=False, positive=True))
            kw["pw"] = len(ins) - 1
        return op, ins, kw
    n = gen.r.randint(0, 4) if gen.chance(0.1) else gen.r.randint(1, 4)
    c = gen.r.randint(1, 4)
    extra = [gen.r.randint(1, 3)] if gen.chance(0.2) else []
    xs = [n, c] + extra if gen.chance(0.9) else [c]
    x = tin(gen, xs, dt)
    if op == "nll":
        x.base = torch.log_softmax(x.base, 1 if len(xs) > 1 else 0)
    ts = [n] + extra if len(xs) > 1 else []
    tk = gen.choice(["idx"] * 6 + ["prob", "bool", "float_idx"]) if op == "cross_entropy" else "idx"
    if tk == "prob":
        tg = In(torch.softmax(torch.randn(xs, generator=gen.g, dtype=torch.float64), 1 if len(xs) > 1 else 0).to(DTYPES[dt]))
    elif tk == "bool":
        tg = In(torch.randint(0, 2, ts, generator=gen.g).bool())
    else:
        tg = In(torch.randint(0, c, ts, generator=gen.g))
        if gen.chance(0.3) and tg.base.numel() > 0:
            ii = gen.choice([-100, 0, c - 1])
            tg.base.view(-1)[0] = ii
            kw["ignore_index"] = ii
        if gen.chance(0.03):
            tg.base = tg.base + c
    ins = [x, tg]
    if gen.chance(0.3):
        ins.append(tin(gen, [c], dt, rg=False, positive=True))
    if op == "cross_entropy" and gen.chance(0.35):
        kw["label_smoothing"] = gen.choice([0.1, 0.3, 0.0])
    if tk == "prob" and gen.chance(0.3):
        kw["ignore_index"] = 0
    return op, ins, kw


def c_misc(gen):
    op = gen.choice(["where", "addcmul", "addcdiv", "clamp", "meshgrid", "inplace_mul_scalar", "inplace_add_scalar",
                     "inplace_addcdiv", "inplace_uniform", "floor", "ceil", "log_softmax"])
    s = gen.shape(0, 3)
    dt = gen.choice(FLOATS)
    if op == "where":
        return op, [tin(gen, s, "bool"), tin(gen, bshape(gen, s), gen.choice(ALL)), tin(gen, bshape(gen, s), gen.choice(ALL))], {}
    if op in ("addcmul", "addcdiv", "inplace_addcdiv"):
        d3 = dt if gen.chance(0.8) else gen.choice(ALL)
        rg = None if op != "inplace_addcdiv" else False  # in-place ops recorded in a graph are not this file's
        return op, [tin(gen, s, dt, rg=rg), tin(gen, bshape(gen, s), dt, rg=rg), tin(gen, bshape(gen, s), d3, rg=rg, positive=True)], \
            {"value": gen.choice([1, 0.5, -2, 1e-3, 2.0])}
    if op == "clamp":
        return op, [tin(gen, s, gen.choice(ALL))], {"min": num(gen), "max": num(gen)}
    if op == "meshgrid":
        k = gen.r.randint(1, 3)
        return op, [tin(gen, [gen.r.randint(0, 3)], gen.choice([dt, dt, "int64"])) for _ in range(k)], \
            {"indexing": gen.choice(["ij", "xy"])}
    if op in ("inplace_mul_scalar", "inplace_add_scalar"):
        return op, [tin(gen, s, gen.choice(ALL), rg=False)], {"s": num(gen)}
    if op == "inplace_uniform":
        lo = gen.choice([0, 1, 2])
        return op, [tin(gen, s, dt, rg=False)], {"lo": lo, "hi": gen.choice([lo + 1, lo - 1, lo])}
    return op, [tin(gen, s, gen.choice(ALL))], {"dim": 0} if op == "log_softmax" else {}


def c_chain(gen):
    name = gen.choice(list(CHAINS))
    dt = gen.choice(FLOATS)
    n, m = gen.r.randint(1, 4), gen.r.randint(1, 4)
    shapes = {"tanh(a@b)+a@b": ([n, m], [m, n]), "a.T@a": ([n, m], [m])}
    sa, sb = shapes.get(name, ([n, m], [n, m]))
    return "chain", [tin(gen, sa, dt, rg=True), tin(gen, sb, dt, rg=gen.chance(0.8))], {"chain": name}


def c_inplace(gen):
    name = gen.choice(list(INPLACE))
    dt = gen.choice(FLOATS)
    shape = [gen.r.randint(1, 4), gen.r.randint(1, 4)]
    return "inplace_graph", [tin(gen, shape, dt, rg=True), tin(gen, shape, dt, rg=gen.chance(0.7))], {"chain": name}


FAMILIES = [
    ("unary", c_unary, 400), ("binary", c_binary, 500), ("scalar", c_scalar, 450), ("promotion", c_promotion, 250),
    ("reduction", c_reduction, 450), ("shape", c_shape, 400), ("indexing", c_indexing, 400),
    ("matmul", c_matmul, 200), ("activation", c_activation, 200), ("loss", c_loss, 450), ("misc", c_misc, 200),
    ("chain", c_chain, 200), ("inplace", c_inplace, 300),
]


def outputs_json(out):
    if isinstance(out, (list, tuple)):
        return [tensor_json(o) for o in out]
    return tensor_json(out)


def run_case(gen, cid, family, op, ins, kw):
    case = {"id": cid, "family": family, "op": op, "kw": kw,
            "inputs": [dict(tensor_json(i.base), rg=i.rg, view=i.view) for i in ins]}
    leaves, viewed = zip(*[i.make() for i in ins]) if ins else ((), ())
    try:
        out = OPS[op](list(viewed), kw)
    except (RuntimeError, ValueError, IndexError, TypeError, ZeroDivisionError) as e:
        case["raises"] = True
        case["error"] = f"{type(e).__name__}: {str(e).splitlines()[0][:160]}"
        return case
    case["raises"] = False
    case["out"] = outputs_json(out)
    outs = out if isinstance(out, list) else [out]
    # torch's var/std backward on a 0-d input gives +-inf where a [1] input gives NaN: a quirk
    # (docs/FIDELITY.md), so no gradient is recorded for it.
    zero_d_var = op in ("var", "std") and ins[0].base.dim() == 0
    if zero_d_var or not any(i.rg for i in ins) or not all(o.dtype in (torch.float32, torch.float64) for o in outs) \
            or not any(o.requires_grad for o in outs):
        return case
    calls = 2 if gen.chance(0.2) else 1
    ups = []
    for k in range(calls):
        up = [torch.randn(o.shape, generator=gen.g, dtype=torch.float64).to(o.dtype) for o in outs]
        ups.append(up)
        # One scalar per call, sum_i <out_i, up_i>: its gradient is the vector-Jacobian product.
        total = sum((o * u).sum() for o, u in zip(outs, up) if o.requires_grad)
        try:
            total.backward(retain_graph=k + 1 < calls)
        except RuntimeError as e:
            case["backward_raises"] = True
            case["error"] = str(e).splitlines()[0][:160]
            return case
    case["up"] = [[tensor_json(u) for u in up] for up in ups]
    case["grads"] = [tensor_json(l.grad) if l.requires_grad and l.grad is not None else None for l in leaves]
    return case


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--out", default="differential.json.gz")
    ap.add_argument("--scale", type=float, default=1.0, help="multiplies every family's case count")
    ap.add_argument("--module", help="draw the families of families_MODULE.py instead of this file's")
    args = ap.parse_args()
    families = FAMILIES
    if args.module:
        extra = importlib.import_module("families_" + args.module)
        OPS.update(extra.OPS)
        families = extra.FAMILIES
        if args.out == "differential.json.gz":
            args.out = f"differential_{args.module}.json.gz"
    gen = Gen(args.seed)
    cases = []
    for family, draw, count in families:
        for _ in range(int(count * args.scale)):
            while True:
                op, ins, kw = draw(gen)
                case = run_case(gen, len(cases), family, op, ins, kw)
                # An INTERNAL ASSERT is a torch bug, not a reference answer: draw another case.
                if "INTERNAL ASSERT" not in case.get("error", ""):
                    break
            cases.append(case)
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:
        f.write(json.dumps({"seed": args.seed, "cases": cases}, separators=(",", ":")).encode())
    counts = {}
    for c in cases:
        counts[c["family"]] = counts.get(c["family"], 0) + 1
    print(len(cases), "cases", counts, "raised:", sum(c["raises"] for c in cases))


if __name__ == "__main__":
    main()
