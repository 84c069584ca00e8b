#!/usr/bin/python3
"""Reference values and input gradients for losses, softmax and log-softmax.

Run from this folder: /usr/bin/python3 make_losses.py  -> losses.json
Each case: {"op", "reduction", "options", "input", "target", "weight"?, "out", "grad"} where
grad is d(sum(out * upstream))/d(input) with upstream = ones for reduced losses and a fixed
pattern for reduction='none'.
"""
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

g = torch.Generator().manual_seed(11)
cases = []


def randn(*shape, dtype=torch.float32):
    return torch.randn(*shape, generator=g, dtype=dtype)


def run(op, fn, inp, target, reduction, options=None, weight=None, extra=None):
    x = inp.clone().requires_grad_(True)
    out = fn(x, target, reduction)
    up = torch.ones_like(out) if out.dim() == 0 else torch.linspace(0.5, 1.5, out.numel(), dtype=out.dtype).reshape(out.shape)
    (out * up).sum().backward()
    c = {"op": op, "reduction": reduction, "options": options or {}, "input": tensor_json(inp),
         "target": tensor_json(target), "out": tensor_json(out), "grad": tensor_json(x.grad)}
    if weight is not None:
        c["weight"] = tensor_json(weight)
    if extra:
        c.update(extra)
    cases.append(c)


for dtype in (torch.float32, torch.float64):
    for red in ("mean", "sum", "none"):
        a, b = randn(4, 3, dtype=dtype), randn(4, 3, dtype=dtype)
        run("mse", lambda x, t, r: F.mse_loss(x, t, reduction=r), a, b, red)
        run("l1", lambda x, t, r: F.l1_loss(x, t, reduction=r), a, b, red)
        run("smooth_l1", lambda x, t, r: F.smooth_l1_loss(x, t, reduction=r, beta=0.5), a * 2, b, red, {"beta": 0.5})
        run("huber", lambda x, t, r: F.huber_loss(x, t, reduction=r, delta=0.7), a * 2, b, red, {"delta": 0.7})
        p = torch.sigmoid(randn(5, 2, dtype=dtype))
        y = (torch.rand(5, 2, generator=g) > 0.5).to(dtype)
        run("bce", lambda x, t, r: F.binary_cross_entropy(x, t, reduction=r), p, y, red)
        w = torch.rand(5, 2, generator=g, dtype=dtype)
        run("bce_weight", lambda x, t, r: F.binary_cross_entropy(x, t, weight=w, reduction=r), p, y, red, weight=w)
        logits = randn(5, 2, dtype=dtype) * 4
        run("bce_logits", lambda x, t, r: F.binary_cross_entropy_with_logits(x, t, reduction=r), logits, y, red)
        pw = torch.tensor([2.0, 0.5], dtype=dtype)
        run("bce_logits_pos_weight", lambda x, t, r: F.binary_cross_entropy_with_logits(x, t, pos_weight=pw, reduction=r),
            logits, y, red, weight=pw)
        z = randn(6, 4, dtype=dtype) * 2
        cls = torch.randint(0, 4, (6,), generator=g)
        run("cross_entropy", lambda x, t, r: F.cross_entropy(x, t, reduction=r), z, cls, red)
        cw = torch.tensor([1.0, 2.0, 0.5, 1.5], dtype=dtype)
        run("cross_entropy_weight", lambda x, t, r: F.cross_entropy(x, t, weight=cw, reduction=r), z, cls, red, weight=cw)
        run("cross_entropy_smoothing", lambda x, t, r: F.cross_entropy(x, t, reduction=r, label_smoothing=0.1), z, cls, red,
            {"label_smoothing": 0.1})
        cls_ign = cls.clone()
        cls_ign[1] = -100
        run("cross_entropy_ignore", lambda x, t, r: F.cross_entropy(x, t, reduction=r), z, cls_ign, red)
        probs = torch.softmax(randn(6, 4, dtype=dtype), 1)
        run("cross_entropy_probs", lambda x, t, r: F.cross_entropy(x, t, reduction=r), z, probs, red)
        z3 = randn(2, 3, 5, dtype=dtype)
        cls3 = torch.randint(0, 3, (2, 5), generator=g)
        run("cross_entropy", lambda x, t, r: F.cross_entropy(x, t, reduction=r), z3, cls3, red)
        run("nll", lambda x, t, r: F.nll_loss(x, t, reduction=r), torch.log_softmax(z, 1), cls, red)
        run("nll_weight", lambda x, t, r: F.nll_loss(x, t, weight=cw, reduction=r), torch.log_softmax(z, 1), cls, red, weight=cw)
    for dim in (0, 1, -1):
        s = randn(3, 5, dtype=dtype) * 3
        run("softmax", lambda x, t, r: torch.softmax(x, dim), s, s, "none", {"dim": dim})
        run("log_softmax", lambda x, t, r: torch.log_softmax(x, dim), s, s, "none", {"dim": dim})
    big = torch.tensor([[1000.0, 0.0, -1000.0], [1e4, 1e4, 1e4]], dtype=dtype)
    run("log_softmax", lambda x, t, r: torch.log_softmax(x, 1), big, big, "none", {"dim": 1})
    run("softmax", lambda x, t, r: torch.softmax(x, 1), big, big, "none", {"dim": 1})
    run("leaky_relu", lambda x, t, r: F.leaky_relu(x, 0.1), randn(4, 3, dtype=dtype), randn(1, dtype=dtype), "none", {"slope": 0.1})

# Each loss at the edges of its domain, where differentiating a composition of ops gives 0 * inf:
# probabilities of exactly 0 and 1 for BCE (PyTorch's backward divides by max(p (1 - p), 1e-12)),
# logits of +-1000 for BCE with logits, a -inf logit on a class that is not the target. Fixed values,
# appended last, so the random cases above keep their draws.
for dtype in (torch.float32, torch.float64):
    p_edge = torch.tensor([[1.0, 0.5, 0.0], [0.0, 1.0, 0.25]], dtype=dtype)
    y_edge = torch.tensor([[1.0, 0.0, 0.0], [1.0, 0.0, 0.5]], dtype=dtype)
    w_edge = torch.tensor([[0.5, 2.0, 1.0], [1.5, 0.25, 1.0]], dtype=dtype)
    logits_edge = torch.tensor([[1000.0, -1000.0, 0.0], [50.0, -50.0, 20.0]], dtype=dtype)
    z_edge = torch.tensor([[0.0, float("-inf"), 1.0], [2.0, 0.0, float("-inf")]], dtype=dtype)
    cls_edge = torch.tensor([0, 1])
    for red in ("mean", "sum", "none"):
        run("bce", lambda x, t, r: F.binary_cross_entropy(x, t, reduction=r), p_edge, y_edge, red)
        run("bce_weight", lambda x, t, r: F.binary_cross_entropy(x, t, weight=w_edge, reduction=r), p_edge, y_edge, red,
            weight=w_edge)
        run("bce_logits", lambda x, t, r: F.binary_cross_entropy_with_logits(x, t, reduction=r), logits_edge, y_edge, red)
        run("cross_entropy", lambda x, t, r: F.cross_entropy(x, t, reduction=r), z_edge, cls_edge, red)

# Class layouts PyTorch reads in its own order: [N, C, H, W] logits with [N, H, W] targets (each
# pixel paired with its own target), and an ignore_index inside [0, C) with and without weights.
for dtype in (torch.float32, torch.float64):
    z4 = (torch.arange(2 * 3 * 2 * 4, dtype=dtype).reshape(2, 3, 2, 4) * 0.7).sin() * 3
    cls4 = torch.tensor([[[0, 1, 2, 0], [2, 2, 1, 0]], [[1, 0, 0, 2], [0, 1, 2, 1]]])
    zi = (torch.arange(5 * 4, dtype=dtype).reshape(5, 4) * 1.3).cos() * 2
    clsi = torch.tensor([1, 0, 3, 1, 2])
    cwi = torch.tensor([1.0, 2.0, 0.5, 1.5], dtype=dtype)
    for red in ("mean", "sum", "none"):
        run("cross_entropy", lambda x, t, r: F.cross_entropy(x, t, reduction=r), z4, cls4, red)
        run("cross_entropy_ignore_index", lambda x, t, r: F.cross_entropy(x, t, reduction=r, ignore_index=1), zi, clsi, red,
            {"ignore_index": 1})
        run("nll_weight_ignore_index", lambda x, t, r: F.nll_loss(x, t, weight=cwi, reduction=r, ignore_index=1),
            torch.log_softmax(zi, 1), clsi, red, {"ignore_index": 1}, weight=cwi)

write("losses.json", cases)
print(f"wrote {len(cases)} cases")
