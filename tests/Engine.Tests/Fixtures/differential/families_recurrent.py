"""Differential families of the recurrent area (make_differential.py --module recurrent):
rnn_cell, one step of the RNN (tanh, relu), LSTM and GRU cells with their weights as inputs;
rnn_convt, conv_transpose2d over random strides, paddings, output paddings, groups and dilations.
Both draw some calls PyTorch refuses (sizes that disagree, output padding too large, an output
smaller than one element), which the engine must refuse too.
"""
import torch
import torch.nn.functional as F

from make_differential import FLOATS, tin

GATES = {"rnn_tanh_cell": 1, "rnn_relu_cell": 1, "rnn_lstm_cell": 4, "rnn_gru_cell": 3}


def c_cell(gen):
    op = gen.choice(list(GATES))
    dt = gen.choice(FLOATS)
    i, h = gen.r.randint(1, 4), gen.r.randint(1, 4)
    g = GATES[op]
    bad = gen.choice(["input", "batch", "hidden", "dtype"]) if gen.chance(0.08) else None
    # An empty batch runs no kernel, so torch never checks its dtypes: mixed dtypes only with rows.
    b = 0 if gen.chance(0.05) and bad != "dtype" else gen.r.randint(1, 4)
    xs = [b, i + (bad == "input")]
    hs = [b + (bad == "batch"), h + (bad == "hidden")]
    ins = [tin(gen, xs, dt), tin(gen, hs, dt)]
    if op == "rnn_lstm_cell":
        ins.append(tin(gen, [b, h], dt))
    wdt = gen.choice([d for d in FLOATS if d != dt]) if bad == "dtype" else dt
    weights = [tin(gen, [g * h, i], wdt), tin(gen, [g * h, h], dt)]
    bias = gen.chance(0.7)
    if bias:
        weights += [tin(gen, [g * h], dt), tin(gen, [g * h], dt)]
    # Weights of the size a trained cell has: saturated gates (|x| > 8) make float32 tanh's last-ulp
    # rounding, where torch's vectorized tanh and ours may differ, the whole gradient.
    for w in weights:
        w.base = w.base * 0.3
    return op, ins + weights, {"bias": bias}


def _cell(fn, lstm=False):
    def call(x, kw):
        if lstm:
            inp, hx, cx, w = x[0], x[1], x[2], x[3:]
            return list(torch.lstm_cell(inp, (hx, cx), *w) if kw["bias"] else torch.lstm_cell(inp, (hx, cx), w[0], w[1], None, None))
        inp, hx, w = x[0], x[1], x[2:]
        return fn(inp, hx, *w) if kw["bias"] else fn(inp, hx, w[0], w[1], None, None)
    return call


def pick(gen, lo, hi):
    """One int or a (height, width) list, as conv arguments are given."""
    return gen.r.randint(lo, hi) if gen.chance(0.6) else [gen.r.randint(lo, hi), gen.r.randint(lo, hi)]


def pair(v):
    return v if isinstance(v, list) else [v, v]


def c_convt(gen):
    dt = gen.choice(FLOATS)
    groups = gen.choice([1, 1, 2, 3])
    cin, cout = groups * gen.r.randint(1, 2), groups * gen.r.randint(1, 2)
    k = [gen.r.randint(1, 3), gen.r.randint(1, 3)]
    stride, dilation = pick(gen, 1, 3), pick(gen, 1, 2)
    # Mostly a padding the kernel's reach covers; sometimes any, which can leave no output.
    reach = [d * (kk - 1) // 2 for d, kk in zip(pair(dilation), k)]
    padding = pick(gen, 0, 2) if gen.chance(0.2) else [gen.r.randint(0, r) for r in reach]
    limit = [max(s, d) - 1 for s, d in zip(pair(stride), pair(dilation))]
    n = 0 if gen.chance(0.05) else gen.r.randint(1, 2)
    # torch checks no sizes for an empty batch (the engine does: docs/FIDELITY.md), so those get valid ones.
    if n == 0:
        padding = [gen.r.randint(0, r) for r in reach]
    if gen.chance(0.06) and n > 0:
        output_padding = [x + 1 for x in limit]
    else:
        output_padding = [gen.r.randint(0, x) for x in limit]
    hw = [gen.r.randint(1, 4), gen.r.randint(1, 4)]
    xs = ([n] if gen.chance(0.85) else []) + [cin + (gen.chance(0.04))] + hw
    # torch 1.13 fails to view a non-contiguous weight when the batch is empty, a bug of its own: no views then.
    views = n > 0
    ins = [tin(gen, xs, dt, views=views), tin(gen, [cin, cout // groups] + k, dt, views=views)]
    bias = gen.chance(0.6)
    if bias:
        ins.append(tin(gen, [cout], dt, views=views))
    return "rnn_conv_transpose2d", ins, {"stride": stride, "padding": padding, "output_padding": output_padding,
                                         "groups": groups, "dilation": dilation, "bias": bias}


def _convt(x, kw):
    return F.conv_transpose2d(x[0], x[1], x[2] if kw["bias"] else None, kw["stride"], kw["padding"], kw["output_padding"],
                              kw["groups"], kw["dilation"])


OPS = {
    "rnn_tanh_cell": _cell(torch.rnn_tanh_cell), "rnn_relu_cell": _cell(torch.rnn_relu_cell),
    "rnn_lstm_cell": _cell(None, lstm=True), "rnn_gru_cell": _cell(torch.gru_cell),
    "rnn_conv_transpose2d": _convt,
}

FAMILIES = [("rnn_cell", c_cell, 300), ("rnn_convt", c_convt, 300)]
