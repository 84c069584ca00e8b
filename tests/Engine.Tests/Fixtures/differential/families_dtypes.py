"""Differential families for the int32 and uint8 dtypes (issue 22), drawn through ops that existed before.

Each family mixes the narrow integers with the older dtypes, so promotion, wrap-around (uint8 -1 is
255, int32 arithmetic wraps modulo 2^32) and the refusals (mean of an integer, gather with an int32
index) are compared with PyTorch 1.13. Generate with: /usr/bin/python3 make_differential.py --module dtypes
"""
import torch

from make_differential import ALL, DTYPES, FLOATS, INTS, In, bshape, num, tin  # noqa: F401

NARROW = ["int32", "uint8"]
MIXED = ALL + NARROW


def narrow_or(gen, others, p=0.6):
    """A narrow integer dtype with probability p, else one of `others`."""
    return gen.choice(NARROW) if gen.chance(p) else gen.choice(others)


def wide(gen, shape, dtype):
    """An input whose values reach past uint8's and int32's ranges, to exercise the wrap-around."""
    base = torch.randint(-400, 400, shape, generator=gen.g) * gen.choice([1, 1, 10_000_000])
    if dtype in FLOATS:
        base = base.to(torch.float64) + torch.rand(shape, generator=gen.g, dtype=torch.float64) - 0.5
    return In(base.to(DTYPES[dtype]))


def c_unary(gen):
    ops = ["neg", "abs", "sign", "exp", "log", "sqrt", "sin", "tanh", "sigmoid", "relu", "floor", "ceil", "round",
           "square", "logical_not", "isnan", "isfinite", "long", "float", "double", "bool", "int", "byte",
           "clone", "contiguous"]
    op = gen.choice(ops)
    s = gen.shape()
    if op in ("int", "byte", "long") and gen.chance(0.6):
        return op, [wide(gen, s, gen.choice(MIXED))], {}
    dt = narrow_or(gen, ALL, 0.7)
    if dt in FLOATS and op in ("neg", "abs", "square", "relu") and gen.chance(0.5):
        dt = gen.choice(NARROW)
    return op, [tin(gen, s, dt, rg=False)], {}


BINARY_OPS = ["add", "sub", "mul", "div", "remainder", "pow", "maximum", "minimum", "eq", "ne", "lt", "le", "gt", "ge",
              "logical_and", "logical_or", "logical_xor"]


def c_binary(gen):
    op = gen.choice(BINARY_OPS)
    s = gen.shape()
    s2 = bshape(gen, s)
    if gen.chance(0.5):
        s, s2 = s2, s
    d1 = narrow_or(gen, MIXED)
    d2 = gen.choice(MIXED) if gen.chance(0.6) else d1
    if gen.chance(0.5):
        d1, d2 = d2, d1
    pow_ = op == "pow"
    if not pow_ and gen.chance(0.3):
        a, b = wide(gen, s, d1), wide(gen, s2, d2)
    else:
        a = tin(gen, s, d1, rg=False, positive=pow_ and d1 in FLOATS)
        b = tin(gen, s2, d2, rg=False, lo=0 if pow_ else -5, hi=4 if pow_ else 6)
    if gen.chance(0.25):
        # A 0-d operand: PyTorch's middle promotion tier.
        b = tin(gen, [], d2, rg=False, lo=0 if pow_ else -5, hi=4 if pow_ else 6)
        if gen.chance(0.5):
            a, b = b, a
    return op, [a, b], {}


def c_scalar(gen):
    plain = [b for b in BINARY_OPS if not b.startswith(("logical", "maximum", "minimum"))]
    op = gen.choice(plain + ["radd", "rsub", "rmul", "rdiv", "rpow", "rremainder", "clamp", "add_alpha"])
    dt = narrow_or(gen, ALL, 0.75)
    kind = gen.choice(["int", "float", "float_whole", "int", "big"] + (["bool"] if gen.chance(0.15) else []))
    s = gen.shape()

    def scalar(k):
        if k == "big":
            # 2^31 wraps to INT32_MIN, and torch's INT32_MIN % -1 dies of SIGFPE: not drawn for remainder.
            wraps_to_min = [] if "remainder" in op else [2**31]
            return gen.choice([255, 256, 300, -1, -129, 1000, 2**31 - 1, -2**31 - 7, 2**40 + 3] + wraps_to_min)
        return num(gen, k)

    if op == "clamp":
        kind = gen.choice(["int", "float"])
        kw = {}
        if gen.chance(0.7):
            kw["min"] = scalar(kind)
        if gen.chance(0.7) or not kw:
            kw["max"] = scalar(gen.choice([kind, "int", "float"]))
        return op, [tin(gen, s, dt, rg=False)], kw
    if op == "add_alpha":
        d2 = dt if gen.chance(0.7) else gen.choice(MIXED)
        return op, [tin(gen, s, dt, rg=False), tin(gen, bshape(gen, s), d2, rg=False)], {"alpha": num(gen, "int")}
    x = scalar(kind)
    if op == "pow":
        return "pow_scalar", [tin(gen, s, dt, rg=False, positive=True)], {"s": abs(x) % 5 if kind != "bool" else x}
    if op == "rpow":
        return op, [tin(gen, s, dt, rg=False, lo=0, hi=4)], {"s": abs(x) % 5 if kind != "bool" else x}
    if op in BINARY_OPS:
        op = op + "_scalar"
    return op, [tin(gen, s, dt, rg=False)], {"s": x}


def c_reduction(gen):
    op = gen.choice(["sum", "mean", "prod", "amax_all", "amin_all", "max_dim", "min_dim", "argmax", "argmin",
                     "all", "any", "cumsum"])
    dt = narrow_or(gen, MIXED, 0.8)
    s = gen.shape(0, 3, empty=0.08)
    x = wide(gen, s, dt) if op in ("sum", "cumsum", "prod") and gen.chance(0.3) else tin(gen, s, dt, rg=False)
    nd = len(s)
    kw = {}
    if op in ("max_dim", "min_dim", "cumsum") or (op not in ("amax_all", "amin_all") and gen.chance(0.6)):
        if nd == 0:
            kw["dim"] = gen.choice([0, -1])
        elif op in ("sum", "mean") and gen.chance(0.3):
            kw["dim"] = sorted(gen.r.sample(range(nd), gen.r.randint(1, nd)))
        else:
            kw["dim"] = gen.r.randint(-nd, nd - 1)
        if op != "cumsum":
            kw["keepdim"] = gen.chance(0.5)
    return op, [x], kw


def c_shape_index(gen):
    op = gen.choice(["transpose", "flip", "cat", "stack", "narrow", "t", "expand", "index", "index_mask", "index_select",
                     "gather", "masked_fill", "where", "mm", "matmul", "reshape"])
    dt = narrow_or(gen, MIXED, 0.8)
    n, m = gen.r.randint(1, 4), gen.r.randint(1, 4)
    x = tin(gen, [n, m], dt, rg=False)
    if op == "transpose":
        return op, [x], {"d0": 0, "d1": 1}
    if op == "flip":
        return op, [x], {"dims": gen.choice([[0], [1], [0, 1]])}
    if op in ("cat", "stack"):
        y = tin(gen, [n, m], gen.choice(MIXED) if gen.chance(0.5) else dt, rg=False)
        return op, [x, y], {"dim": gen.r.randint(0, 1)}
    if op == "narrow":
        return op, [x], {"dim": 1, "start": 0, "length": gen.r.randint(0, m)}
    if op == "t":
        return op, [x], {}
    if op == "expand":
        return op, [tin(gen, [1, m], dt, rg=False)], {"shape": [n, m]}
    if op == "reshape":
        return op, [x], {"shape": [m, n]}
    if op == "index":
        # An index tensor of int64, int32 (refused by 1.13's advanced indexing) or uint8 (read as a mask).
        it = gen.choice(["int64", "int64", "int32"])
        idx = In(torch.randint(-n, n, [gen.r.randint(0, 3)], generator=gen.g).to(DTYPES[it]))
        return "index", [x, idx], {"items": [["tensor", 1]]}
    if op == "index_mask":
        mask = In(torch.randint(0, 3, [n], generator=gen.g).to(torch.uint8))
        return "index", [x, mask], {"items": [["tensor", 1]]}
    if op in ("index_select", "gather"):
        it = gen.choice(["int64", "int32", "int32", "uint8"])
        if op == "index_select":
            idx = In(torch.randint(0, m, [gen.r.randint(0, 4)], generator=gen.g).to(DTYPES[it]))
            return op, [x, idx], {"dim": 1}
        idx = In(torch.randint(0, m, [n, gen.r.randint(1, m)], generator=gen.g).to(DTYPES[it]))
        return op, [x, idx], {"dim": 1}
    if op == "masked_fill":
        mask = tin(gen, bshape(gen, [n, m]), "bool")
        return op, [x, mask], {"value": gen.choice([3, -1, 300, 2.5, True])}
    if op == "where":
        cond = tin(gen, [n, m], "bool")
        y = tin(gen, gen.choice([[n, m], [m], []]), gen.choice(MIXED), rg=False)
        return op, [cond, x, y], {}
    k = gen.r.randint(1, 4)
    y = tin(gen, [m, k], dt if gen.chance(0.8) else gen.choice(MIXED), rg=False)
    return op, [x, y], {}


FAMILIES = [
    ("dt_unary", c_unary, 300), ("dt_binary", c_binary, 450), ("dt_scalar", c_scalar, 400),
    ("dt_reduction", c_reduction, 300), ("dt_shape_index", c_shape_index, 350),
]

OPS = {
    "int": lambda i, kw: i[0].int(),
    "byte": lambda i, kw: i[0].byte(),
}
