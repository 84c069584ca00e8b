"""Differential families of the elementwise area: the rest of torch's unary and binary math
(log1p ... erfinv, atan2, floor_divide, lerp), the smooth activations (GELU, SiLU, ELU, Softplus,
Hardtanh, Mish) and the divergence, count, variance and pair losses.

Generate with: /usr/bin/python3 make_differential.py --module elementwise  (differential_elementwise.json.gz)
"""

import torch
import torch.nn.functional as F

from make_differential import ALL, FLOATS, In, bshape, num, tin

UNARY = {
    "ew_log1p": torch.log1p, "ew_expm1": torch.expm1, "ew_log2": torch.log2, "ew_log10": torch.log10,
    "ew_tan": torch.tan, "ew_asin": torch.asin, "ew_acos": torch.acos, "ew_atan": torch.atan,
    "ew_sinh": torch.sinh, "ew_cosh": torch.cosh, "ew_trunc": torch.trunc, "ew_fix": torch.fix,
    "ew_erf": torch.erf, "ew_erfc": torch.erfc, "ew_erfinv": torch.erfinv,
    "ew_isinf": torch.isinf, "ew_isposinf": torch.isposinf, "ew_isneginf": torch.isneginf,
    # covered by the base module too; drawn here with this area's special values and dtypes
    "reciprocal": torch.reciprocal, "rsqrt": torch.rsqrt, "square": torch.square,
}
# In-place forms, on a copy outside any graph (as the base module's inplace_* ops).
INPLACE = ["ew_log1p", "ew_expm1", "ew_tan", "ew_atan", "ew_trunc", "ew_erf", "ew_erfinv", "ew_sinh"]

OPS = {name: (lambda f: lambda i, kw: f(i[0]))(f) for name, f in UNARY.items()}
OPS.update({
    name + "_": (lambda n: lambda i, kw: getattr(i[0].detach().clone(), n[3:] + "_")())(name) for name in INPLACE
})
OPS.update({
    "ew_atan2": lambda i, kw: torch.atan2(i[0], i[1]),
    "ew_floor_divide": lambda i, kw: torch.floor_divide(i[0], i[1]),
    "ew_floor_divide_scalar": lambda i, kw: torch.floor_divide(i[0], kw["s"]),
    "ew_lerp": lambda i, kw: torch.lerp(i[0], i[1], kw["w"]),
    "ew_lerp_tensor": lambda i, kw: torch.lerp(i[0], i[1], i[2]),
    "ew_clip": lambda i, kw: torch.clip(i[0], kw.get("min"), kw.get("max")),
    "ew_gelu": lambda i, kw: F.gelu(i[0], approximate=kw["approximate"]),
    "ew_silu": lambda i, kw: F.silu(i[0]),
    "ew_elu": lambda i, kw: F.elu(i[0], kw["alpha"]),
    "ew_softplus": lambda i, kw: F.softplus(i[0], kw["beta"], kw["threshold"]),
    "ew_hardtanh": lambda i, kw: F.hardtanh(i[0], kw["min"], kw["max"]),
    "ew_mish": lambda i, kw: F.mish(i[0]),
    "ew_kl_div": lambda i, kw: F.kl_div(i[0], i[1], reduction=kw["reduction"], log_target=kw["log_target"]),
    "ew_poisson_nll": lambda i, kw: F.poisson_nll_loss(i[0], i[1], log_input=kw["log_input"], full=kw["full"],
                                                       eps=kw["eps"], reduction=kw["reduction"]),
    "ew_gaussian_nll": lambda i, kw: F.gaussian_nll_loss(i[0], i[1], i[2], full=kw["full"], eps=kw["eps"],
                                                         reduction=kw["reduction"]),
    "ew_cosine_embedding": lambda i, kw: F.cosine_embedding_loss(i[0], i[1], i[2], margin=kw["margin"],
                                                                 reduction=kw["reduction"]),
    "ew_margin_ranking": lambda i, kw: F.margin_ranking_loss(i[0], i[1], i[2], margin=kw["margin"],
                                                             reduction=kw["reduction"]),
})

# Ops whose interesting inputs lie in [-1, 1]: most of their draws are squashed there by tanh.
SQUASHED = ("ew_asin", "ew_acos", "ew_erfinv", "ew_erfinv_")

def c_unary(gen):
    op = gen.choice(list(UNARY) + [n + "_" for n in INPLACE])
    dt = gen.choice(ALL if gen.chance(0.3) else FLOATS)
    special = dt in FLOATS and gen.chance(0.25)
    positive = op in ("ew_log2", "ew_log10", "rsqrt") and gen.chance(0.7)
    x = tin(gen, gen.shape(), dt, special=special, positive=positive, rg=False if op.endswith("_") else None)
    if op in SQUASHED and dt in FLOATS and gen.chance(0.7):
        x.base = torch.tanh(x.base)
    if op in ("ew_log1p", "ew_expm1", "ew_log1p_", "ew_expm1_") and dt in FLOATS and gen.chance(0.4):
        x.base = x.base * 1e-6
    return op, [x], {}

def c_binary(gen):
    op = gen.choice(["ew_atan2", "ew_atan2", "ew_floor_divide", "ew_floor_divide", "ew_floor_divide_scalar",
                     "ew_lerp", "ew_lerp_tensor", "ew_lerp_tensor", "ew_clip"])
    s = gen.shape()
    s2 = bshape(gen, s)
    if gen.chance(0.5):
        s, s2 = s2, s
    d1 = gen.choice(ALL) if gen.chance(0.3) else gen.choice(FLOATS)
    d2 = gen.choice(ALL) if gen.chance(0.3) else d1
    special = d1 in FLOATS and gen.chance(0.2)
    if op == "ew_floor_divide_scalar":
        return op, [tin(gen, s, d1, special=special)], {"s": num(gen)}
    if op == "ew_clip":
        kw = {}
        if gen.chance(0.7):
            kw["min"] = num(gen, gen.choice(["float", "float_whole"]))
        if gen.chance(0.7) or not kw:
            kw["max"] = num(gen, gen.choice(["float", "float_whole"]))
        return op, [tin(gen, s, d1, special=special)], kw
    a = tin(gen, s, d1, special=special)
    b = tin(gen, s2, d2, special=d2 in FLOATS and gen.chance(0.2))
    if op == "ew_lerp":
        return op, [a, b], {"w": gen.choice([0.0, 0.25, 0.5, 0.75, 1.0, -0.5, 1.5, 0.3])}
    if op == "ew_lerp_tensor":
        wd = d1 if gen.chance(0.9) else gen.choice(ALL)
        w = tin(gen, bshape(gen, s), wd)
        if wd in FLOATS:
            w.base = torch.rand(w.base.shape, generator=gen.g, dtype=torch.float64).to(w.base.dtype) * 1.6 - 0.3
        return op, [a, b, w], {}
    return op, [a, b], {}

def c_activation(gen):
    op = gen.choice(["ew_gelu", "ew_gelu", "ew_silu", "ew_elu", "ew_softplus", "ew_hardtanh", "ew_mish"])
    dt = gen.choice(FLOATS) if gen.chance(0.85) else gen.choice(ALL)
    x = tin(gen, gen.shape(0, 3, empty=0.05), dt, special=dt in FLOATS and gen.chance(0.15))
    kw = {}
    if op == "ew_gelu":
        kw["approximate"] = gen.choice(["none", "tanh", "none", "tanh"] + (["sigmoid"] if gen.chance(0.1) else []))
    elif op == "ew_elu":
        kw["alpha"] = gen.choice([1.0, 0.5, 2.0, -1.0])
    elif op == "ew_softplus":
        kw["beta"], kw["threshold"] = gen.choice([1, 2.0, 0.5, -1.0]), gen.choice([20, 1.0, 5.0, 0.0])
    elif op == "ew_hardtanh":
        lo = gen.choice([-1.0, -0.5, 0.0, -2.0])
        kw["min"], kw["max"] = lo, gen.choice([lo + 1.0, lo + 0.25, 2.0, lo - 0.5])
        if gen.chance(0.3):
            # inputs exactly at the bounds, where the gradient is 0
            x.base.view(-1)[: x.base.numel() // 2] = kw["min"]
    return op, [x], kw

def c_loss(gen):
    op = gen.choice(["ew_kl_div", "ew_kl_div", "ew_poisson_nll", "ew_gaussian_nll", "ew_gaussian_nll",
                     "ew_cosine_embedding", "ew_margin_ranking"])
    dt = gen.choice(FLOATS)
    reduction = gen.choice(["mean", "sum", "none"] + (["batchmean"] if op == "ew_kl_div" or gen.chance(0.05) else []))
    kw = {"reduction": reduction}
    if op == "ew_kl_div":
        s = gen.shape(0, 3)
        st = bshape(gen, s) if gen.chance(0.2) else s
        kw["log_target"] = gen.chance(0.4)
        x = tin(gen, s, dt if gen.chance(0.95) else "int64")
        if x.base.dtype.is_floating_point and x.base.dim() > 0:
            x.base = torch.log_softmax(x.base, -1)
        t = tin(gen, st, dt, rg=gen.chance(0.3))
        if t.base.dim() > 0:
            t.base = torch.log_softmax(t.base, -1) if kw["log_target"] else torch.softmax(t.base, -1)
            if not kw["log_target"] and t.base.numel() > 0 and gen.chance(0.3):
                t.base.view(-1)[0] = 0.0
        return op, [x, t], kw
    if op == "ew_poisson_nll":
        s = gen.shape(0, 3)
        kw.update(log_input=gen.chance(0.6), full=gen.chance(0.4), eps=gen.choice([1e-8, 1e-3]))
        x = tin(gen, s, dt, positive=not kw["log_input"])
        t = In(torch.randint(0, 6, bshape(gen, s) if gen.chance(0.2) else s, generator=gen.g).to(torch.float64).to(
            torch.float32 if dt == "float32" else torch.float64))
        return op, [x, t], kw
    if op == "ew_gaussian_nll":
        s = gen.shape(1, 3)
        kw.update(full=gen.chance(0.4), eps=gen.choice([1e-6, 1e-2]))
        vs = gen.choice([s, s, s[:-1], s[:-1] + [1], s[:-1] + [2] if s[-1] != 2 else [3]])
        v = tin(gen, vs, dt, positive=True)
        if gen.chance(0.1) and v.base.numel() > 0:
            v.base.view(-1)[0] = -1.0
        elif gen.chance(0.2) and v.base.numel() > 0:
            v.base.view(-1)[0] = 1e-9
        return op, [tin(gen, s, dt), tin(gen, s, dt, rg=gen.chance(0.3)), v], kw
    kw["margin"] = gen.choice([0.0, 0.5, -0.2, 1.0])
    if op == "ew_cosine_embedding":
        # D >= 2: the cosine of one-element vectors is the constant ±1, so its gradient is pure rounding noise.
        n, d = gen.r.randint(1, 4), gen.r.randint(2, 4)
        batched = gen.chance(0.8)
        sx, st = ([n, d], [n]) if batched else ([d], [])
        if gen.chance(0.08):
            sx = gen.choice([[n, d, 1], [n + 1, d]])
        t = In(torch.randint(-1, 2, st, generator=gen.g))
        if gen.chance(0.5):
            t.base = torch.where(t.base == 0, torch.ones_like(t.base), t.base)
        if gen.chance(0.2):
            t.base = t.base.to(torch.float32 if dt == "float32" else torch.float64)
        return op, [tin(gen, sx, dt), tin(gen, [n, d] if batched else [d], dt), t], kw
    s = gen.shape(1, 2)
    s2 = bshape(gen, s) if gen.chance(0.2) else s
    t = In((torch.randint(0, 2, s, generator=gen.g) * 2 - 1).to(torch.float32 if dt == "float32" else torch.float64))
    if gen.chance(0.1):
        t = In(t.base.long())
    if gen.chance(0.05):
        t = In(t.base.unsqueeze(0))
    return op, [tin(gen, s, dt), tin(gen, s2, dt), t], kw

FAMILIES = [("ew_unary", c_unary, 450), ("ew_binary", c_binary, 250), ("ew_activation", c_activation, 200),
            ("ew_loss", c_loss, 250)]
