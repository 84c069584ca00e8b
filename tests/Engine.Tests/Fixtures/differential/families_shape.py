"""Differential families for reductions, sorting, shape ops, scatter and einsum (issue 22).

Drawn by make_differential.py --module shape into differential_shape.json.gz; the C# replay's ops
are in Differential/ShapeOps.cs. Index outputs are only recorded where PyTorch's choice is defined:
sort is stable on the CPU; topk, kthvalue and median pick among equal elements as their kernels
happen to, so their index outputs are drawn on inputs without ties (floats from randn) and integer
inputs record the values alone ("_values" ops). Ops returning values alone also carry gradients.
"""
import torch

from make_differential import ALL, FLOATS, In, bshape, tin

INTS = ["int64", "bool"]


def _vals(r):
    return r.values


def _unique(i, kw):
    out = torch.unique(i[0], sorted=True, return_inverse=kw["inv"], return_counts=kw["cnt"], dim=kw.get("dim"))
    return list(out) if isinstance(out, tuple) else out


def _unique_consecutive(i, kw):
    out = torch.unique_consecutive(i[0], return_inverse=kw["inv"], return_counts=kw["cnt"], dim=kw.get("dim"))
    return list(out) if isinstance(out, tuple) else out


def _roll(i, kw):
    return torch.roll(i[0], kw["shifts"], kw["dims"]) if "dims" in kw else torch.roll(i[0], kw["shifts"])


OPS = {
    "shp_amax": lambda i, kw: torch.amax(i[0], kw["dim"], keepdim=kw["keepdim"]),
    "shp_amin": lambda i, kw: torch.amin(i[0], kw["dim"], keepdim=kw["keepdim"]),
    "shp_cumprod": lambda i, kw: torch.cumprod(i[0], kw["dim"]),
    "shp_median_all": lambda i, kw: torch.median(i[0]),
    "shp_median": lambda i, kw: list(torch.median(i[0], kw["dim"], keepdim=kw["keepdim"])),
    "shp_median_values": lambda i, kw: torch.median(i[0], kw["dim"], keepdim=kw["keepdim"]).values,
    "shp_mode": lambda i, kw: list(torch.mode(i[0], kw["dim"], keepdim=kw["keepdim"])),
    "shp_mode_values": lambda i, kw: torch.mode(i[0], kw["dim"], keepdim=kw["keepdim"]).values,
    "shp_unique": _unique,
    "shp_unique_consecutive": _unique_consecutive,
    "shp_sort": lambda i, kw: list(torch.sort(i[0], dim=kw["dim"], descending=kw["desc"], stable=kw["stable"])),
    "shp_sort_values": lambda i, kw: torch.sort(i[0], kw["dim"], descending=kw["desc"]).values,
    "shp_argsort": lambda i, kw: torch.argsort(i[0], kw["dim"], descending=kw["desc"]),
    "shp_topk": lambda i, kw: list(torch.topk(i[0], kw["k"], kw["dim"], largest=kw["largest"])),
    "shp_topk_values": lambda i, kw: torch.topk(i[0], kw["k"], kw["dim"], largest=kw["largest"]).values,
    # With sorted=False torch's order is unspecified: both sides sort what topk returned.
    "shp_topk_unsorted": lambda i, kw: torch.sort(torch.topk(i[0], kw["k"], kw["dim"], largest=kw["largest"], sorted=False).values, kw["dim"]).values,
    "shp_kthvalue": lambda i, kw: list(torch.kthvalue(i[0], kw["k"], kw["dim"], keepdim=kw["keepdim"])),
    "shp_kthvalue_values": lambda i, kw: torch.kthvalue(i[0], kw["k"], kw["dim"], keepdim=kw["keepdim"]).values,
    "shp_tril": lambda i, kw: torch.tril(i[0], kw["diagonal"]),
    "shp_triu": lambda i, kw: torch.triu(i[0], kw["diagonal"]),
    "shp_diag": lambda i, kw: torch.diag(i[0], kw["diagonal"]),
    "shp_diagonal": lambda i, kw: torch.diagonal(i[0], kw["offset"], kw["dim1"], kw["dim2"]),
    "shp_trace": lambda i, kw: torch.trace(i[0]),
    "shp_roll": _roll,
    "shp_tile": lambda i, kw: torch.tile(i[0], kw["reps"]),
    "shp_movedim": lambda i, kw: torch.movedim(i[0], kw["src"], kw["dst"]),
    "shp_swapaxes": lambda i, kw: torch.swapaxes(i[0], kw["a"], kw["b"]),
    "shp_narrow": lambda i, kw: i[0].narrow(kw["dim"], kw["start"], kw["length"]),
    "shp_unflatten": lambda i, kw: i[0].unflatten(kw["dim"], kw["sizes"]),
    "shp_scatter": lambda i, kw: torch.scatter(i[0], kw["dim"], i[1], i[2]),
    "shp_scatter_value": lambda i, kw: torch.scatter(i[0], kw["dim"], i[1], kw["value"]),
    "shp_scatter_inplace": lambda i, kw: i[0].detach().clone().scatter_(kw["dim"], i[1], i[2]),
    "shp_index_add": lambda i, kw: torch.index_add(i[0], kw["dim"], i[1], i[2], alpha=kw["alpha"]),
    "shp_index_copy": lambda i, kw: torch.index_copy(i[0], kw["dim"], i[1], i[2]),
    "shp_take": lambda i, kw: torch.take(i[0], i[1]),
    "shp_addmm": lambda i, kw: torch.addmm(i[0], i[1], i[2], beta=kw["beta"], alpha=kw["alpha"]),
    "shp_baddbmm": lambda i, kw: torch.baddbmm(i[0], i[1], i[2], beta=kw["beta"], alpha=kw["alpha"]),
    "shp_addmv": lambda i, kw: torch.addmv(i[0], i[1], i[2], beta=kw["beta"], alpha=kw["alpha"]),
    "shp_einsum": lambda i, kw: torch.einsum(kw["eq"], *i),
}


def _dim_of(gen, s):
    nd = len(s)
    return gen.choice([0, -1]) if nd == 0 else gen.r.randint(-nd, nd - 1)


def _distinct(gen, shape, dt):
    """An input whose elements along any dim are all different: a random permutation, shuffled as floats or ints."""
    n = 1
    for v in shape:
        n *= v
    perm = torch.randperm(n, generator=gen.g).reshape(shape)
    x = In(perm.to(torch.float64) * 0.5 - n / 4 if dt in FLOATS else perm, rg=dt in FLOATS)
    x.base = x.base.to({"float32": torch.float32, "float64": torch.float64, "int64": torch.int64}[dt])
    return x


def c_reduce(gen):
    op = gen.choice(["shp_amax", "shp_amin", "shp_amax", "shp_amin", "shp_cumprod", "shp_cumprod", "shp_median_all", "shp_median",
                     "shp_median_values", "shp_mode", "shp_mode_values", "shp_unique", "shp_unique", "shp_unique_consecutive",
                     "shp_unique_consecutive"])
    dt = gen.choice(FLOATS) if gen.chance(0.7) else gen.choice(ALL)
    s = gen.shape(0, 3, empty=0.08)
    nd = len(s)
    if op in ("shp_amax", "shp_amin"):
        x = tin(gen, s, dt, special=dt in FLOATS and gen.chance(0.15))
        if dt in FLOATS and gen.chance(0.5):
            x.base = x.base.round()  # ties: the gradient is split among them
        if nd == 0 or gen.chance(0.2):
            dims = [] if gen.chance(0.5) or nd == 0 else gen.choice([[0], [-1]])
        else:
            dims = sorted(gen.r.sample(range(nd), gen.r.randint(1, nd)))
            if gen.chance(0.2):
                dims = dims[:1] * 2  # a repeated dim raises
        return op, [x], {"dim": dims, "keepdim": gen.chance(0.5)}
    if op == "shp_cumprod":
        x = tin(gen, s, dt, special=dt in FLOATS and gen.chance(0.1))
        if dt in FLOATS and x.base.numel() > 0 and gen.chance(0.6):
            flat = x.base.view(-1)
            for _ in range(gen.r.randint(1, 2)):
                flat[gen.r.randrange(flat.numel())] = 0.0  # zeros: the backward must not divide by them
        return op, [x], {"dim": _dim_of(gen, s)}
    if op == "shp_median_all":
        x = tin(gen, s, dt, special=dt in FLOATS and gen.chance(0.15))
        if dt in FLOATS and gen.chance(0.4):
            x.base = x.base.round()
        if dt in INTS and x.base.numel() == 0:
            x = tin(gen, [3], dt)  # torch's median of an empty integer or bool tensor is undefined (NaN cast to the dtype)
        return op, [x], {}
    kw = {"dim": _dim_of(gen, s), "keepdim": gen.chance(0.5)}
    if op in ("shp_median", "shp_mode") and dt in FLOATS and gen.chance(0.85):
        # Without ties the chosen index is defined; a NaN row gives the first NaN's index.
        x = _distinct(gen, s, dt) if s else tin(gen, s, dt)
        if op == "shp_median" and gen.chance(0.2) and x.base.numel() > 0:
            x.base.view(-1)[gen.r.randrange(x.base.numel())] = float("nan")
        return op, [x], kw
    if op in ("shp_median", "shp_median_values"):
        x = tin(gen, s, dt, special=dt in FLOATS and gen.chance(0.1))
        if dt in FLOATS and gen.chance(0.3):
            x.base = x.base.round()
        return "shp_median_values", [x], kw
    if op in ("shp_mode", "shp_mode_values"):
        x = tin(gen, s, dt, lo=-2, hi=3)
        if dt in FLOATS:
            x.base = x.base.round()
        return op, [x], kw
    x = tin(gen, s, dt, rg=False, lo=-2, hi=3)
    if dt in FLOATS:
        x.base = (x.base * 2).round() / 2
    kw = {"inv": gen.chance(0.5), "cnt": gen.chance(0.5)}
    if nd > 0 and gen.chance(0.4):
        kw["dim"] = gen.r.randint(-nd, nd - 1)
    return op, [x], kw


def c_sort(gen):
    op = gen.choice(["shp_sort", "shp_sort", "shp_sort_values", "shp_argsort", "shp_topk", "shp_topk", "shp_topk_unsorted",
                     "shp_kthvalue", "shp_kthvalue"])
    dt = gen.choice(FLOATS) if gen.chance(0.7) else gen.choice(ALL)
    s = gen.shape(0, 3, empty=0.06, max_size=5)
    d = _dim_of(gen, s)
    size = s[d] if s else 1
    if op in ("shp_sort", "shp_sort_values", "shp_argsort"):
        x = tin(gen, s, dt, special=dt in FLOATS and gen.chance(0.2), lo=-2, hi=3)
        return op, [x], {"dim": d, "desc": gen.chance(0.5), "stable": gen.chance(0.5)}
    if dt in FLOATS and s:
        x = _distinct(gen, s, dt)
        if gen.chance(0.3):
            x = tin(gen, s, dt)
    else:
        x = tin(gen, s, dt, lo=-2, hi=3)
        if op != "shp_topk_unsorted":
            op += "_values"
    if op.startswith("shp_topk"):
        k = gen.r.randint(0, size) if not gen.chance(0.05) else size + 1
        return op, [x], {"k": k, "dim": d, "largest": gen.chance(0.6)}
    k = gen.r.randint(1, max(size, 1)) if not gen.chance(0.05) else size + 1
    return op, [x], {"k": k, "dim": d, "keepdim": gen.chance(0.5)}


def c_shape(gen):
    op = gen.choice(["shp_tril", "shp_triu", "shp_diag", "shp_diag", "shp_diagonal", "shp_diagonal", "shp_trace", "shp_roll",
                     "shp_roll", "shp_tile", "shp_tile", "shp_movedim", "shp_swapaxes", "shp_narrow", "shp_unflatten", "shp_take"])
    dt = gen.choice(FLOATS) if gen.chance(0.7) else gen.choice(ALL)
    if op in ("shp_tril", "shp_triu"):
        s = gen.shape(1 if gen.chance(0.1) else 2, 4, empty=0.06)
        return op, [tin(gen, s, dt, special=dt in FLOATS and gen.chance(0.15))], {"diagonal": gen.r.randint(-3, 3)}
    if op == "shp_diag":
        s = gen.shape(1, 2, empty=0.06) if gen.chance(0.93) else gen.shape(0, 3)
        k = gen.r.randint(-3, 3)
        if len(s) == 2:
            # torch 1.13 raises (a size overflow) for a diagonal wholly outside the matrix; we give an empty one.
            k = max(-s[0], min(k, s[1]))
        return op, [tin(gen, s, dt)], {"diagonal": k}
    if op == "shp_diagonal":
        s = gen.shape(2, 4, empty=0.06)
        nd = len(s)
        d1, d2 = gen.r.randint(-nd, nd - 1), gen.r.randint(-nd, nd - 1)
        return op, [tin(gen, s, dt)], {"offset": gen.r.randint(-3, 3), "dim1": d1, "dim2": d2}
    if op == "shp_trace":
        s = gen.shape(2, 2, empty=0.06) if gen.chance(0.9) else gen.shape(0, 3)
        # torch 1.13's backward of a taller than wide matrix fills every (cols + 1)-th element, off the
        # diagonal past the last column (docs/FIDELITY.md): only its forward is compared.
        return op, [tin(gen, s, dt, rg=len(s) != 2 or s[0] <= s[1])], {}
    s = gen.shape(0, 3, empty=0.06)
    nd = len(s)
    x = tin(gen, s, dt)
    if op == "shp_roll":
        if nd == 0 or gen.chance(0.3):
            return op, [x], {"shifts": gen.r.randint(-7, 7)}
        k = gen.r.randint(1, nd)
        dims = [gen.r.randint(-nd, nd - 1) for _ in range(k)]
        shifts = [gen.r.randint(-7, 7) for _ in range(k + (1 if gen.chance(0.05) else 0))]
        return op, [x], {"shifts": shifts, "dims": dims}
    if op == "shp_tile":
        return op, [x], {"reps": [gen.r.randint(0, 3) if gen.chance(0.1) else gen.r.randint(1, 3) for _ in range(gen.r.randint(0, nd + 1))]}
    if op == "shp_movedim":
        m = max(nd, 1)
        if gen.chance(0.4):
            return op, [x], {"src": gen.r.randint(-m, m - 1), "dst": gen.r.randint(-m, m - 1)}
        k = gen.r.randint(0, nd)
        src = gen.r.sample(range(nd), k)
        dst = gen.r.sample(range(nd), k)
        if gen.chance(0.1) and k > 0:
            dst = dst + [dst[0]] if gen.chance(0.5) else dst[:-1]
        return op, [x], {"src": src, "dst": dst}
    if op == "shp_swapaxes":
        m = max(nd, 1)
        return op, [x], {"a": gen.r.randint(-m, m - 1), "b": gen.r.randint(-m, m - 1)}
    if op == "shp_take":
        n = 1
        for v in s:
            n *= v
        hi = max(n, 1)
        lo = -n if gen.chance(0.3) else 0
        if gen.chance(0.05):
            hi += 2
        ishape = gen.choice([[], [3], [2, 2], [0]])
        return op, [x, In(torch.randint(lo, hi, ishape, generator=gen.g))], {}
    if nd == 0:
        s, nd = [3], 1
        x = tin(gen, s, dt)
    d = gen.r.randint(-nd, nd - 1)
    size = s[d]
    if op == "shp_narrow":
        start = gen.r.randint(-size, size) if size else 0
        length = gen.r.randint(0, size - (start if start >= 0 else start + size))
        if gen.chance(0.05):
            length = size + 1
        return op, [x], {"dim": d, "start": start, "length": length}
    opts = [[size], [1, size], [-1, 1], [size, 1, 1]]
    if size % 2 == 0 and size > 0:
        opts += [[2, -1], [2, size // 2]]
    if gen.chance(0.05):
        opts = [[size + 1, 2]]
    return op, [x], {"dim": d, "sizes": gen.choice(opts)}


def c_scatter(gen):
    op = gen.choice(["shp_scatter", "shp_scatter", "shp_scatter_value", "shp_scatter_inplace", "shp_index_add", "shp_index_add",
                     "shp_index_copy", "shp_addmm", "shp_addmm", "shp_baddbmm", "shp_addmv"])
    dt = gen.choice(FLOATS) if gen.chance(0.8) else gen.choice(["int64"] if op.startswith("shp_add") or op == "shp_baddbmm" else ALL)
    if op in ("shp_addmm", "shp_baddbmm", "shp_addmv"):
        n, k, m, b = (gen.r.randint(0, 3) if gen.chance(0.06) else gen.r.randint(1, 4) for _ in range(4))
        bad = 1 if gen.chance(0.05) else 0
        a_shape, b_shape, out = {"shp_addmm": ([n, k], [k + bad, m], [n, m]), "shp_baddbmm": ([b, n, k], [b, k + bad, m], [b, n, m]),
                                 "shp_addmv": ([n, k], [k + bad], [n])}[op]
        ishape = bshape(gen, out) if gen.chance(0.4) else out
        beta = gen.choice([1, 0, 0.5, 2.0, -1]) if dt in FLOATS else gen.choice([1, 0, 2])
        alpha = gen.choice([1, 0.5, -2.0, 3]) if dt in FLOATS else gen.choice([1, -1, 3])
        special = dt in FLOATS and beta == 0 and gen.chance(0.5)  # beta 0: NaN in the input must not reach the result
        return op, [tin(gen, ishape, dt, special=special, rg=dt in FLOATS), tin(gen, a_shape, dt), tin(gen, b_shape, dt)], \
            {"beta": beta, "alpha": alpha}
    s = gen.shape(1, 3, empty=0.05)
    nd = len(s)
    d = gen.r.randint(-nd, nd - 1)
    size = s[d]
    x = tin(gen, s, dt)
    if op in ("shp_scatter", "shp_scatter_value", "shp_scatter_inplace"):
        ishape = [gen.r.randint(0, v) for v in s]
        ishape[d] = gen.r.randint(0, 3)
        hi = max(size, 1) + (1 if gen.chance(0.04) else 0)
        index = In(torch.randint(0, hi, ishape, generator=gen.g))
        if op == "shp_scatter_value":
            return op, [x, index], {"dim": d, "value": gen.choice([0, 2.5, -1, 7]) if dt in FLOATS else gen.choice([0, 3])}
        # src shaped as index: torch 1.13's backward gives src a gradient of index's shape.
        src = tin(gen, ishape, dt if gen.chance(0.95) else gen.choice(ALL), rg=None if op == "shp_scatter" else False)
        if op == "shp_scatter_inplace":
            x = tin(gen, s, dt, rg=False)
        return op, [x, index, src], {"dim": d}
    count = gen.r.randint(0, 4) if op == "shp_index_add" else gen.r.randint(0, size)
    if op == "shp_index_add":
        index = torch.randint(0, max(size, 1), [count], generator=gen.g)
    else:
        index = torch.randperm(size, generator=gen.g)[:count]
    if gen.chance(0.06) and count > 0:
        index[0] = gen.choice([size + 1, size, -1])
    src_shape = list(s)
    src_shape[d] = count + (1 if gen.chance(0.04) else 0)
    kw = {"dim": d}
    if op == "shp_index_add":
        kw["alpha"] = gen.choice([1, 2.0, -0.5]) if dt in FLOATS else gen.choice([1, 2, -1])
    return op, [x, In(index), tin(gen, src_shape, dt)], kw


EINSUM = [
    "ij,jk->ik", "ij,jk", "bij,bjk->bik", "ii->i", "ii", "ij->ji", "ij->", "i,i->", "i,j->ij", "...ij->...ji",
    "...ij,...jk->...ik", "ba,cb", "bii->bi", "ijk,ikl->jl", "i,i,i->i", "ij,jk,kl->il", "abc,cd->abd", "a...,a->...",
    "ij,ij->ij", "ijk->kji", "Ab,aB", "i->", "iij->j", "ij,kj->ik", "bn,anm,bm->ba", "...,...->...", "i...->...",
    "ij->j", "ji,j", ",i->i",
]


def c_einsum(gen):
    eq = gen.choice(EINSUM)
    dt = gen.choice(FLOATS) if gen.chance(0.9) else "int64"
    labels = {c: (gen.r.randint(0, 3) if gen.chance(0.05) else gen.r.randint(1, 4)) for c in eq if c.isalpha()}
    ell = [gen.r.randint(1, 3) for _ in range(gen.r.randint(0, 2))]
    terms = eq.split("->")[0].split(",")
    ins = []
    for t in terms:
        shape = []
        for part in t.replace("...", "."):
            if part == ".":
                e = ell[gen.r.randint(0, len(ell)):] if gen.chance(0.3) else list(ell)
                shape += [1 if gen.chance(0.2) else v for v in e]
            else:
                shape.append(1 if gen.chance(0.05) else labels[part])
        ins.append(tin(gen, shape, dt))
    if gen.chance(0.06) and ins:
        bad = gen.r.randrange(len(ins))
        b = ins[bad].base
        ins[bad] = tin(gen, list(b.shape) + [2], dt)  # one dim too many
    if gen.chance(0.03):
        eq = eq.replace("i", "1", 1)
    return "shp_einsum", ins, {"eq": eq}


FAMILIES = [
    ("shp_reduce", c_reduce, 200), ("shp_sort", c_sort, 140), ("shp_shape", c_shape, 200),
    ("shp_scatter", c_scatter, 150), ("shp_einsum", c_einsum, 130),
]
