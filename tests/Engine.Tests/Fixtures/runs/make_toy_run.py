#!/usr/bin/python3
"""The assignment's toy model, seeded and trained as in the notebook, for a whole-run comparison.

Run from this folder: /usr/bin/python3 make_toy_run.py  -> toy_run.json
Follows notebook 003's random draws in order: manual_seed(0), generate_data(20), the four
hand-made parameter tensors, ToyModel() for exercise 4, then ToyModel() again for exercise 5,
trained with Adam(lr=0.01) on mse_loss for 1,000 steps. Nothing from here is copied into the
C# run: it must reach the same numbers from the same seed.
"""
import sys

import torch
import torch.nn as nn
from torch.nn.functional import mse_loss

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402


def generate_data(n):
    X = torch.randn(n, 3)
    Y = (torch.stack([
        (X[:, 0] + X[:, 1]) * (X[:, 2] > 0) + (X[:, 0] - X[:, 1]) * (X[:, 2] < 0),
        X.norm(dim=1)
    ]).t().abs() > 1.33).float()
    return X, Y


class ToyModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)


torch.manual_seed(0)
X, Y = generate_data(20)
W1 = torch.randn(3, 4) * 0.2
B1 = torch.randn(1, 4) * 0.2
W2 = torch.randn(4, 2) * 0.2
B2 = torch.randn(1, 2) * 0.2
first = ToyModel()
first_loss = mse_loss(first(X), Y).item()
model = ToyModel()
initial = {k: tensor_json(v) for k, v in model.state_dict().items()}
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
losses = []
for step in range(1000):
    optimizer.zero_grad()
    loss = mse_loss(model(X), Y)
    losses.append(loss.item())
    loss.backward()
    optimizer.step()
final_loss = mse_loss(model(X), Y).item()
write("toy_run.json", {
    "X": tensor_json(X), "Y": tensor_json(Y), "W1": tensor_json(W1), "B2": tensor_json(B2),
    "first_model_loss": first_loss, "initial": initial, "losses": losses,
    "final_loss": final_loss, "final": {k: tensor_json(v) for k, v in model.state_dict().items()},
})
print("final loss", final_loss)
