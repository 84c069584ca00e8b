#!/usr/bin/python3
"""Batch orders of torch.utils.data.DataLoader and random_split under fixed seeds.

Run from this folder: /usr/bin/python3 make_loader.py  -> loader.json
"""
import json

import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

cases = []
for seed in (0, 1, 123):
    for n, bs, drop in ((10, 3, False), (10, 3, True), (7, 7, False), (50, 8, False)):
        torch.manual_seed(seed)
        ds = TensorDataset(torch.arange(n), torch.arange(n) * 10)
        loader = DataLoader(ds, batch_size=bs, shuffle=True, drop_last=drop)
        epochs = [[b[0].tolist() for b in loader] for _ in range(3)]
        after = torch.rand(2).tolist()
        cases.append({"kind": "global", "seed": seed, "n": n, "batch": bs, "drop_last": drop, "epochs": epochs, "rand_after": after})
        g = torch.Generator().manual_seed(seed)
        loader = DataLoader(ds, batch_size=bs, shuffle=True, drop_last=drop, generator=g)
        epochs = [[b[0].tolist() for b in loader] for _ in range(2)]
        cases.append({"kind": "explicit", "seed": seed, "n": n, "batch": bs, "drop_last": drop, "epochs": epochs})
    torch.manual_seed(seed)
    parts = random_split(TensorDataset(torch.arange(20)), [12, 5, 3])
    cases.append({"kind": "split", "seed": seed, "lengths": [12, 5, 3], "indices": [list(p.indices) for p in parts]})
    g = torch.Generator().manual_seed(seed)
    parts = random_split(TensorDataset(torch.arange(20)), [14, 6], generator=g)
    cases.append({"kind": "split_explicit", "seed": seed, "lengths": [14, 6], "indices": [list(p.indices) for p in parts]})

with open("loader.json", "w") as f:
    json.dump(cases, f)
print(len(cases), "cases")
