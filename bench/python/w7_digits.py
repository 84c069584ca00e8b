#!/usr/bin/python3
"""W7 for PyTorch, step for step as bench/NNTools.Bench/DigitsCnn.cs: prints one JSON line as anchors.py does.

/usr/bin/python3 w7_digits.py [EPOCHS] [THREADS]
"""
import json
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from sklearn.datasets import load_digits


def w7_digits(epochs=10, batch=64):
    d = load_digits()
    n = len(d.target)
    x = torch.tensor(d.data, dtype=torch.float32).div(16.0).view(n, 1, 8, 1, 8, 1).expand(n, 1, 8, 2, 8, 2)
    x = x.reshape(n, 1, 16, 16).contiguous()
    y = torch.tensor(d.target, dtype=torch.int64)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    with torch.no_grad():
        init = F.cross_entropy(model(x), y).item()
    steps = 0
    start = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(n)
        for b in range(n // batch):
            index = perm[b * batch:(b + 1) * batch]
            opt.zero_grad(set_to_none=False)
            loss = F.cross_entropy(model(x.index_select(0, index)), y.index_select(0, index))
            loss.backward()
            opt.step()
            steps += 1
    seconds = time.perf_counter() - start
    with torch.no_grad():
        final = F.cross_entropy(model(x), y).item()
    return dict(steps=steps, seconds=seconds, us_per_step=seconds / steps * 1e6, init_loss=init, final_loss=final)


if __name__ == "__main__":
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
    r = w7_digits(epochs)
    r.update(workload="W7", threads=torch.get_num_threads(), torch=torch.__version__,
             peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    print(json.dumps(r))
