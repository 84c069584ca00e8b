"""Differential families of the NN functional ops (make_differential.py --module nn):
nn_norm, batch_norm (training with running statistics updated, returned as extra outputs, training
without them, evaluation on given running statistics; [N, C], [N, C, L] and [N, C, H, W]) and
layer_norm (the last one or two dims, with or without the elementwise affine);
nn_embed, embedding lookups with the weight's gradient;
nn_pool, avg_pool2d, adaptive_avg_pool2d (sizes that divide and that do not) and max_pool2d;
nn_conv, conv2d over strides, paddings, dilations, groups, with and without bias.
Only what the engine's API takes is drawn: no padding_idx or max_norm for embedding, no ceil_mode,
count_include_pad=False or divisor_override for avg_pool2d, weight and bias together or neither.
Some calls PyTorch refuses (sizes that disagree, an output smaller than one element, an index out of
range, one value per channel when training), which the engine must refuse too.
"""
import math

import torch
import torch.nn.functional as F

from make_differential import FLOATS, In, tin


def pick(gen, lo, hi):
    """One int or a (height, width) list, as conv and pool arguments are given."""
    return gen.r.randint(lo, hi) if gen.chance(0.6) else [gen.r.randint(lo, hi), gen.r.randint(lo, hi)]


def pair(v):
    return v if isinstance(v, list) else [v, v]


def c_norm(gen):
    dt = gen.choice(FLOATS)
    if gen.chance(0.55):
        return batch_norm(gen, dt)
    return layer_norm(gen, dt)


def batch_norm(gen, dt):
    c = gen.r.randint(1, 4)
    rank = gen.choice([2, 2, 3, 4, 4])
    n = gen.r.randint(1, 4)
    xs = [n, c] + [gen.r.randint(1, 3) for _ in range(rank - 2)]
    training = gen.chance(0.6)
    stats = not training or gen.chance(0.75)
    affine = gen.chance(0.6)
    bad = gen.chance(0.06)
    sc = c + 1 if bad else c
    ins = [tin(gen, xs, dt)]
    if affine:
        ins += [tin(gen, [sc], dt, views=False), tin(gen, [sc], dt, views=False)]
    if stats:
        ins += [tin(gen, [sc], dt, rg=False, views=False), tin(gen, [sc], dt, rg=False, views=False, positive=True)]
    kw = {"training": training, "affine": affine, "stats": stats,
          "momentum": gen.choice([0.1, 0.1, 0.5, 0.0, 1.0]), "eps": gen.choice([1e-5, 1e-5, 1e-3, 0.1])}
    return "nn_batch_norm", ins, kw


def layer_norm(gen, dt):
    k = gen.choice([1, 1, 2])
    lead = [gen.r.randint(1, 3) for _ in range(gen.r.randint(0, 2))]
    tail = [gen.r.randint(1, 4) for _ in range(k)]
    # float32 over one or two elements: torch's y = x rstd - mean rstd cancels to rounding noise times
    # rsqrt(eps) when the spread is tiny (docs/FIDELITY.md), so float32 normalizes at least three.
    while dt == "float32" and math.prod(tail) < 3:
        tail = [gen.r.randint(1, 4) for _ in range(k)]
    shape = list(tail)
    if gen.chance(0.05):
        shape[-1] += 1
    affine = gen.chance(0.6)
    ins = [tin(gen, lead + tail, dt)]
    if affine:
        ins += [tin(gen, shape, dt), tin(gen, shape, dt)]
    return "nn_layer_norm", ins, {"normalized_shape": shape, "affine": affine,
                                   "eps": gen.choice([1e-5, 1e-5, 1e-3, 0.1])}


def _bn(x, kw):
    w = b = rm = rv = None
    i = 1
    if kw["affine"]:
        w, b, i = x[1], x[2], 3
    if kw["stats"]:
        rm, rv = x[i], x[i + 1]
    out = F.batch_norm(x[0], rm, rv, w, b, kw["training"], kw["momentum"], kw["eps"])
    return [out, rm, rv] if kw["stats"] and kw["training"] else out


def _ln(x, kw):
    w, b = (x[1], x[2]) if kw["affine"] else (None, None)
    return F.layer_norm(x[0], kw["normalized_shape"], w, b, kw["eps"])


def c_embed(gen):
    dt = gen.choice(FLOATS)
    num, dim = gen.r.randint(1, 6), gen.r.randint(1, 4)
    shape = [gen.r.randint(1, 4) for _ in range(gen.r.randint(0, 2))]
    idx = torch.randint(0, num, shape, generator=gen.g)
    if gen.chance(0.05) and idx.numel() > 0:
        idx.view(-1)[0] = num
    return "nn_embedding", [In(idx), tin(gen, [num, dim], dt)], {}


def c_pool(gen):
    dt = gen.choice(FLOATS)
    op = gen.choice(["nn_avg_pool2d", "nn_adaptive_avg_pool2d", "nn_max_pool2d", "nn_max_pool2d"])
    hw = [gen.r.randint(1, 6), gen.r.randint(1, 6)]
    xs = ([gen.r.randint(1, 2)] if gen.chance(0.8) else []) + [gen.r.randint(1, 3)] + hw
    ins = [tin(gen, xs, dt)]
    if op == "nn_adaptive_avg_pool2d":
        return op, ins, {"output_size": pick(gen, 1, 4)}
    k = pick(gen, 1, 3)
    # Mostly at most half the kernel, as torch requires; sometimes more, which both refuse.
    padding = pick(gen, 0, 2) if gen.chance(0.08) else [gen.r.randint(0, kk // 2) for kk in pair(k)]
    stride = None if gen.chance(0.3) else pick(gen, 1, 3)
    kw = {"kernel_size": k, "stride": stride, "padding": padding}
    if op == "nn_max_pool2d":
        kw["dilation"] = pick(gen, 1, 2)
        kw["ceil_mode"] = gen.chance(0.4)
        # A window wholly in the padding (dilation stepping over the input) has no maximum: torch 1.13
        # sends its gradient to a bogus index, corrupting its heap (docs/FIDELITY.md). Not drawn.
        if empty_window(hw, pair(k), pair(kw["stride"] or k), pair(padding), pair(kw["dilation"]), kw["ceil_mode"]):
            kw["dilation"] = 1
    return op, ins, kw


def empty_window(hw, k, s, p, d, ceil):
    for size, kk, ss, pp, dd in zip(hw, k, s, p, d):
        span = size + 2 * pp - dd * (kk - 1) - 1 + (ss - 1 if ceil else 0)
        out = span // ss + 1
        if ceil and (out - 1) * ss >= size + pp:
            out -= 1
        for o in range(max(out, 0)):
            if not any(0 <= o * ss - pp + j * dd < size for j in range(kk)):
                return True
    return False


def _maxpool(x, kw):
    return F.max_pool2d(x[0], kw["kernel_size"], kw["stride"], kw["padding"], kw["dilation"], kw["ceil_mode"])


def c_conv(gen):
    dt = gen.choice(FLOATS)
    groups = gen.choice([1, 1, 2, 3])
    cin, cout = groups * gen.r.randint(1, 2), groups * gen.r.randint(1, 2)
    k = [gen.r.randint(1, 3), gen.r.randint(1, 3)]
    stride, dilation, padding = pick(gen, 1, 3), pick(gen, 1, 2), pick(gen, 0, 2)
    hw = [gen.r.randint(1, 5), gen.r.randint(1, 5)]
    n = gen.r.randint(1, 2)
    xs = ([n] if gen.chance(0.85) else []) + [cin + (gen.chance(0.04))] + hw
    ins = [tin(gen, xs, dt), tin(gen, [cout, cin // groups] + k, dt)]
    bias = gen.chance(0.6)
    if bias:
        ins.append(tin(gen, [cout], dt))
    return "nn_conv2d", ins, {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups, "bias": bias}


def _conv(x, kw):
    return F.conv2d(x[0], x[1], x[2] if kw["bias"] else None, kw["stride"], kw["padding"], kw["dilation"], kw["groups"])


OPS = {
    "nn_batch_norm": _bn, "nn_layer_norm": _ln,
    "nn_embedding": lambda x, kw: F.embedding(x[0], x[1]),
    "nn_avg_pool2d": lambda x, kw: F.avg_pool2d(x[0], kw["kernel_size"], kw["stride"], kw["padding"]),
    "nn_adaptive_avg_pool2d": lambda x, kw: F.adaptive_avg_pool2d(x[0], kw["output_size"]),
    "nn_max_pool2d": _maxpool,
    "nn_conv2d": _conv,
}

FAMILIES = [("nn_norm", c_norm, 200), ("nn_embed", c_embed, 80), ("nn_pool", c_pool, 200), ("nn_conv", c_conv, 150)]
