#!/usr/bin/python3
"""A Sigmoid + BCE network trained until float32 sigmoids saturate to exactly 0 and 1.

Run from this folder: /usr/bin/python3 make_bce_saturation_run.py  -> bce_saturation_run.json
For each seed: manual_seed(seed), X = randn(64, 2) * 3, Y = (x0 + x1 > 0) (separable, so the
logits grow without bound), a 2-64-64-1 ReLU MLP with a Sigmoid output (nn.Sequential, default
init), Adam(lr=0.01), full-batch binary_cross_entropy for 300 steps. Records every step's loss
and how many outputs were exactly 0 or 1 before the step: BCE's backward must stay finite there
(PyTorch divides by max(p (1 - p), 1e-12)). Nothing from here is copied into the C# run.
"""
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, "..")
from fixture_util import write  # noqa: E402

STEPS = 300
runs = []
for seed in range(3):
    torch.manual_seed(seed)
    X = torch.randn(64, 2) * 3
    Y = (X[:, 0] + X[:, 1] > 0).float().unsqueeze(1)
    model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1), nn.Sigmoid())
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    losses, saturated = [], []
    for step in range(STEPS):
        optimizer.zero_grad()
        p = model(X)
        saturated.append(int(((p == 0) | (p == 1)).sum()))
        loss = F.binary_cross_entropy(p, Y)
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
    runs.append({"seed": seed, "losses": losses, "saturated": saturated})
write("bce_saturation_run.json", {"steps": STEPS, "runs": runs})
