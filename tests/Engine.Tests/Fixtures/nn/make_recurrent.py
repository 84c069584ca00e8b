#!/usr/bin/python3
"""Recurrent layers, their cells and ConvTranspose2d from PyTorch: outputs, final states and the
gradients of every parameter, the input and the initial states for an upstream gradient stored in
the case; seeded default initialisation (bit for bit); printouts; and a state dict written by
PyTorch as safetensors (recurrent_torch.safetensors) for the round trip both ways.

Run from this folder: /usr/bin/python3 make_recurrent.py  -> recurrent.json, recurrent_torch.safetensors
"""
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, "..")
sys.path.insert(0, "../io")
from fixture_util import tensor_json, write  # noqa: E402
from safetensors_py import save_file  # noqa: E402

torch.manual_seed(2024)

MODULES = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}


def recurrent_case(name, kind, input_size, hidden, layers=1, bidirectional=False, batch_first=False, bias=True,
                   nonlinearity="tanh", steps=4, batch=3, given_state=True, unbatched=False, dtype=torch.float32, seed=0):
    torch.manual_seed(seed)
    kw = dict(num_layers=layers, bidirectional=bidirectional, batch_first=batch_first, bias=bias)
    if kind == "RNN":
        kw["nonlinearity"] = nonlinearity
    m = MODULES[kind](input_size, hidden, dtype=dtype, **kw)
    state = {k: tensor_json(v) for k, v in m.state_dict().items()}
    d = 2 if bidirectional else 1
    if unbatched:
        xs, hs = [steps, input_size], [layers * d, hidden]
    else:
        xs = [batch, steps, input_size] if batch_first else [steps, batch, input_size]
        hs = [layers * d, batch, hidden]
    x = torch.randn(xs, dtype=dtype, requires_grad=True)
    h0 = torch.randn(hs, dtype=dtype, requires_grad=True) if given_state else None
    c0 = torch.randn(hs, dtype=dtype, requires_grad=True) if given_state and kind == "LSTM" else None
    if kind == "LSTM":
        out, (hn, cn) = m(x, (h0, c0)) if given_state else m(x)
    else:
        out, hn = m(x, h0) if given_state else m(x)
        cn = None
    g_out, g_hn = torch.randn(out.shape, dtype=dtype), torch.randn(hn.shape, dtype=dtype)
    total = (out * g_out).sum() + (hn * g_hn).sum()
    case = {"name": name, "kind": kind, "input_size": input_size, "hidden": hidden, "layers": layers, "bidirectional": bidirectional,
            "batch_first": batch_first, "bias": bias, "nonlinearity": nonlinearity, "seed": seed, "dtype": str(dtype)[6:],
            "print": str(m), "state": state, "x": tensor_json(x), "out": tensor_json(out), "hn": tensor_json(hn),
            "g_out": tensor_json(g_out), "g_hn": tensor_json(g_hn)}
    if cn is not None:
        g_cn = torch.randn(cn.shape, dtype=dtype)
        total = total + (cn * g_cn).sum()
        case["cn"], case["g_cn"] = tensor_json(cn), tensor_json(g_cn)
    total.backward()
    case["grads"] = {k: tensor_json(p.grad) for k, p in m.named_parameters()}
    case["g_x"] = tensor_json(x.grad)
    if h0 is not None:
        case["h0"], case["g_h0"] = tensor_json(h0), tensor_json(h0.grad)
    if c0 is not None:
        case["c0"], case["g_c0"] = tensor_json(c0), tensor_json(c0.grad)
    return case


def cell_case(name, kind, input_size, hidden, bias=True, nonlinearity="tanh", batch=3, unbatched=False, dtype=torch.float32, seed=0):
    torch.manual_seed(seed)
    if kind == "RNNCell":
        m = nn.RNNCell(input_size, hidden, bias=bias, nonlinearity=nonlinearity, dtype=dtype)
    else:
        m = getattr(nn, kind)(input_size, hidden, bias=bias, dtype=dtype)
    state = {k: tensor_json(v) for k, v in m.state_dict().items()}
    xs, hs = ([input_size], [hidden]) if unbatched else ([batch, input_size], [batch, hidden])
    x = torch.randn(xs, dtype=dtype, requires_grad=True)
    h = torch.randn(hs, dtype=dtype, requires_grad=True)
    case = {"name": name, "kind": kind, "input_size": input_size, "hidden": hidden, "bias": bias, "nonlinearity": nonlinearity,
            "seed": seed, "dtype": str(dtype)[6:], "print": str(m), "state": state, "x": tensor_json(x), "h": tensor_json(h)}
    if kind == "LSTMCell":
        c = torch.randn(hs, dtype=dtype, requires_grad=True)
        hy, cy = m(x, (h, c))
        g_h, g_c = torch.randn(hy.shape, dtype=dtype), torch.randn(cy.shape, dtype=dtype)
        ((hy * g_h).sum() + (cy * g_c).sum()).backward()
        case.update(c=tensor_json(c), out_c=tensor_json(cy), g_out_c=tensor_json(g_c), g_c=tensor_json(c.grad))
    else:
        hy = m(x, h)
        g_h = torch.randn(hy.shape, dtype=dtype)
        (hy * g_h).sum().backward()
    case.update(out=tensor_json(hy), g_out=tensor_json(g_h), g_x=tensor_json(x.grad), g_h=tensor_json(h.grad),
                grads={k: tensor_json(p.grad) for k, p in m.named_parameters()})
    return case


def pair(v):
    return list(v) if isinstance(v, tuple) else [v, v]


def convt_case(name, x_shape, in_ch, out_ch, kernel, stride=1, padding=0, output_padding=0, groups=1, dilation=1, bias=True,
               dtype=torch.float32):
    k = pair(kernel)
    x = torch.randn(x_shape, dtype=dtype, requires_grad=True)
    w = torch.randn([in_ch, out_ch // groups] + k, dtype=dtype, requires_grad=True)
    b = torch.randn(out_ch, dtype=dtype, requires_grad=True) if bias else None
    y = F.conv_transpose2d(x, w, b, stride, padding, output_padding, groups, dilation)
    g = torch.randn(y.shape, dtype=dtype)
    y.backward(g)
    case = {"name": name, "stride": pair(stride), "padding": pair(padding), "output_padding": pair(output_padding),
            "dilation": pair(dilation), "groups": groups, "input": tensor_json(x), "weight": tensor_json(w),
            "out": tensor_json(y), "gout": tensor_json(g), "ginput": tensor_json(x.grad), "gweight": tensor_json(w.grad)}
    if bias:
        case["bias"], case["gbias"] = tensor_json(b), tensor_json(b.grad)
    return case


recurrent = []
for kind in ["RNN", "LSTM", "GRU"]:
    k = kind.lower()
    recurrent += [
        recurrent_case(f"{k}_basic", kind, 3, 4, seed=1),
        recurrent_case(f"{k}_two_layers_bidirectional", kind, 3, 5, layers=2, bidirectional=True, seed=2),
        recurrent_case(f"{k}_batch_first_two_layers", kind, 4, 3, layers=2, batch_first=True, seed=3),
        recurrent_case(f"{k}_batch_first_bidirectional", kind, 2, 3, bidirectional=True, batch_first=True, seed=4, steps=5),
        recurrent_case(f"{k}_zero_state_no_bias", kind, 3, 4, bias=False, given_state=False, seed=5),
        recurrent_case(f"{k}_unbatched_bidirectional", kind, 3, 2, layers=2, bidirectional=True, unbatched=True, seed=6),
        recurrent_case(f"{k}_float64", kind, 2, 3, layers=2, bidirectional=True, batch_first=True, dtype=torch.float64, seed=7),
    ]
recurrent.append(recurrent_case("rnn_relu_two_layers", "RNN", 3, 4, layers=2, nonlinearity="relu", seed=8))

cells = []
for kind in ["RNNCell", "LSTMCell", "GRUCell"]:
    k = kind.lower()
    cells += [
        cell_case(f"{k}_basic", kind, 3, 4, seed=11),
        cell_case(f"{k}_no_bias_float64", kind, 2, 3, bias=False, dtype=torch.float64, seed=12),
        cell_case(f"{k}_unbatched", kind, 4, 2, unbatched=True, seed=13),
    ]
cells.append(cell_case("rnncell_relu", "RNNCell", 3, 4, nonlinearity="relu", seed=14))

convt = [
    convt_case("basic", (2, 3, 4, 4), 3, 2, 3),
    convt_case("stride2_output_padding1", (2, 2, 3, 4), 2, 3, 3, stride=2, padding=1, output_padding=1),
    convt_case("rect", (1, 2, 5, 3), 2, 4, (2, 3), stride=(2, 1), padding=(1, 0)),
    convt_case("groups2", (2, 4, 3, 3), 4, 6, 3, groups=2, stride=2),
    convt_case("dilation2", (1, 2, 4, 5), 2, 2, 3, dilation=2, padding=1),
    convt_case("dilation_output_padding", (1, 2, 3, 3), 2, 3, 2, stride=1, dilation=3, output_padding=2),
    convt_case("nobias_f64", (2, 3, 3, 4), 3, 2, (3, 2), stride=(3, 2), output_padding=(2, 1), bias=False, dtype=torch.float64),
    convt_case("unbatched", (3, 4, 4), 3, 2, 4, stride=2, padding=1),
    convt_case("pointwise", (2, 5, 3, 3), 5, 4, 1),
    convt_case("grouped_strided_pointwise", (2, 4, 3, 3), 4, 2, 1, stride=2, groups=2),
]

inits = []
for seed in [0, 42]:
    torch.manual_seed(seed)
    layers = {
        "convt": nn.ConvTranspose2d(4, 6, (3, 2), groups=2),
        "convt_nobias": nn.ConvTranspose2d(3, 2, 3, bias=False),
        "lstm": nn.LSTM(3, 5, num_layers=2, bidirectional=True),
        "gru": nn.GRU(4, 3),
        "rnn": nn.RNN(2, 7, bias=False),
        "lstmcell": nn.LSTMCell(3, 2),
    }
    inits.append({"seed": seed, **{k: {n: tensor_json(t) for n, t in m.state_dict().items()} for k, m in layers.items()}})

prints = {
    "convt_full": str(nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2, bias=False, dilation=2)),
    "convt_default": str(nn.ConvTranspose2d(4, 6, (3, 2))),
    "lstm_full": str(nn.LSTM(3, 4, num_layers=2, bias=False, batch_first=True, dropout=0.5, bidirectional=True)),
    "rnn_relu": str(nn.RNN(3, 4, nonlinearity="relu")),
    "gru": str(nn.GRU(3, 4)),
    "rnncell_relu": str(nn.RNNCell(3, 4, nonlinearity="relu")),
    "lstmcell_nobias": str(nn.LSTMCell(3, 4, bias=False)),
    "grucell": str(nn.GRUCell(3, 4)),
}


class Pair(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True)
        self.gru = nn.GRU(8, 2)


torch.manual_seed(31)
pair_model = Pair()
save_file(pair_model.state_dict(), "recurrent_torch.safetensors", {"format": "pt"})
x = torch.randn(2, 5, 3)
with torch.no_grad():
    y, _ = pair_model.gru(pair_model.lstm(x)[0].transpose(0, 1))
roundtrip = {"seed": 31, "x": tensor_json(x), "y": tensor_json(y)}

write("recurrent.json", {"recurrent": recurrent, "cells": cells, "convt": convt, "inits": inits, "prints": prints, "roundtrip": roundtrip})
print(len(recurrent), "recurrent,", len(cells), "cells,", len(convt), "convt cases")
