#!/usr/bin/python3
"""Module printouts, state_dict keys and seeded default initialisation, from PyTorch.

Run from this folder: /usr/bin/python3 make_modules.py  -> modules.json
"""
import sys

import torch
import torch.nn as nn

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402


class ToyModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 4)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(4, 2)
        self.out = nn.Sigmoid()

    def forward(self, x):
        return self.out(self.fc2(self.act(self.fc1(x))))


class ExampleNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Flatten(), nn.Linear(28 * 28, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))

    def forward(self, x):
        return self.main(x)


result = {}
result["print_example"] = str(ExampleNetwork())
result["print_toy"] = str(ToyModel())
result["print_misc"] = str(nn.Sequential(nn.Linear(2, 3, bias=False), nn.LeakyReLU(0.2), nn.Dropout(0.25), nn.Tanh(),
                                         nn.Softmax(dim=1), nn.LogSoftmax(dim=-1), nn.Identity(), nn.Flatten()))

inits = []
for seed in (0, 1, 42):
    torch.manual_seed(seed)
    m = ToyModel()
    x = torch.randn(5, 3)
    inits.append({"seed": seed, "state": {k: tensor_json(v) for k, v in m.state_dict().items()},
                  "x": tensor_json(x), "y": tensor_json(m(x))})
result["toy_inits"] = inits
torch.manual_seed(3)
seq = nn.Sequential(nn.Linear(2, 5), nn.ReLU(), nn.Linear(5, 1))
result["seq_keys"] = list(seq.state_dict().keys())
result["seq_state"] = {k: tensor_json(v) for k, v in seq.state_dict().items()}

write("modules.json", result)
print("ok")
