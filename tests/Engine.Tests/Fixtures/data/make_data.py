#!/usr/bin/python3
"""Reference values for NNTools.Data: NumPy's legacy RandomState, NumPy's float64 sin/cos,
scikit-learn 1.2's make_moons / make_circles / make_blobs, load_iris / load_digits, the
benchmark's moons.csv, torch.linspace and the torch tutorials' noisy regression.

Run from this folder with Debian's NumPy 1.24, scikit-learn 1.2.1 and PyTorch 1.13:
    /usr/bin/python3 make_data.py
Writes data.json. NumPy's float64 sin and cos depend on the CPU (SVML on AVX512_SKX, libm
otherwise); the file records which one made it ("numpy_trig"), and the C# engine reproduces
the AVX-512 results, so regenerate only on an AVX-512 machine.
"""
import math
import os
import sys

import numpy as np
import torch
from numpy.core._multiarray_umath import __cpu_features__ as cpu
from sklearn.datasets import load_digits, load_iris, make_blobs, make_circles, make_moons

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402


def t(a):
    return tensor_json(torch.from_numpy(np.ascontiguousarray(a)))


streams = []
for seed in (0, 1, 42, 12345, 2**32 - 1):
    rs = np.random.RandomState(seed)
    s = {"seed": seed}
    s["random_sample"] = t(rs.random_sample(7))
    s["normal"] = t(rs.normal(size=5))                       # odd: leaves a cached gauss
    s["uniform"] = t(rs.uniform(-3, 5, size=4))               # the cache survives uniform draws
    s["normal_loc_scale"] = t(rs.normal(loc=1.5, scale=2.0, size=3))
    idx = np.arange(23)
    rs.shuffle(idx)
    s["shuffle23"] = t(idx)
    s["permutation10"] = t(rs.permutation(10))
    s["randint"] = t(rs.randint(-4, 1000, size=6))
    s["randint_2p40"] = t(rs.randint(0, 2**40, size=4))      # 64-bit draws
    s["random_sample_after"] = t(rs.random_sample(3))
    streams.append(s)

rs = np.random.RandomState(3)
trig_x = np.concatenate([
    np.linspace(0, np.pi, 201), np.linspace(0, 2 * np.pi, 200, endpoint=False),
    rs.uniform(-10, 10, 400), rs.uniform(-1e6, 1e6, 100), rs.uniform(-1e-6, 1e-6, 20),
    np.array([0.0, -0.0, 1e-300, 2.0**-27, -2.0**-28, np.pi / 2, np.pi, 3 * np.pi / 2, 2**24 - 1.0, 2.6e7]),
])
trig = {"x": t(trig_x), "cos": t(np.cos(trig_x)), "sin": t(np.sin(trig_x))}

moons = []
for n in (1, 2, 7, 100, 201):
    for noise in (None, 0.05, 0.3):
        for seed in (0, 3, 1234):
            X, y = make_moons(n, noise=noise, random_state=seed)
            moons.append({"n": n, "noise": noise, "seed": seed, "shuffle": True, "X": t(X), "y": t(y)})
X, y = make_moons(9, noise=0.1, random_state=5, shuffle=False)
moons.append({"n": 9, "noise": 0.1, "seed": 5, "shuffle": False, "X": t(X), "y": t(y)})

circles = []
for n in (1, 6, 7, 100, 151):
    for noise in (None, 0.1):
        for factor in (0.5, 0.8):
            for seed in (0, 7):
                X, y = make_circles(n, noise=noise, factor=factor, random_state=seed)
                circles.append({"n": n, "noise": noise, "factor": factor, "seed": seed, "shuffle": True, "X": t(X), "y": t(y)})
X, y = make_circles(8, noise=0.2, random_state=2, shuffle=False)
circles.append({"n": 8, "noise": 0.2, "factor": 0.8, "seed": 2, "shuffle": False, "X": t(X), "y": t(y)})

blobs = []


def blob(**kw):
    X, y = make_blobs(**kw)
    case = {k: v for k, v in kw.items()}
    case.update({"X": t(X), "y": t(y)})
    blobs.append(case)


blob(n_samples=10, centers=3, n_features=2, random_state=0)
blob(n_samples=101, centers=4, n_features=3, cluster_std=0.5, random_state=42)
blob(n_samples=50, centers=2, n_features=5, center_box=(-5.0, 5.0), random_state=1, shuffle=False)
blob(n_samples=31, centers=[[1.0, 1.0], [-1.0, -1.0], [1.0, -1.0]], cluster_std=0.3, random_state=9)
blob(n_samples=[3, 3, 4], centers=None, n_features=2, random_state=0)
blob(n_samples=[5, 0, 2], centers=[[0.0, 0.0, 1.0], [2.0, 2.0, 2.0], [-3.0, 1.0, 0.5]], random_state=11)

iris = load_iris()
digits = load_digits()


def real(b):
    return {
        "shape": list(b.data.shape),
        "first_rows": t(b.data[:3]), "last_row": t(b.data[-1]),
        "sum": float(b.data.sum()), "class_counts": np.bincount(b.target).tolist(),
        "target_head": b.target[:20].tolist(), "target_tail": b.target[-20:].tolist(),
        "feature_names": list(b.feature_names), "target_names": [str(n) for n in b.target_names],
    }


anchor = "/work/shared/bench/anchors/moons.csv"
with open(anchor) as f:
    moons_csv = f.read()
X, y = make_moons(200, noise=0.1, random_state=0)
rows = np.loadtxt(anchor, delimiter=",", skiprows=1)
assert (rows[:, :2] == X).all() and (rows[:, 2] == y).all(), "moons.csv is no longer make_moons(200, noise=0.1, random_state=0)"

regression = []
for n, noise, seed, dtype in ((100, 0.1, 0, torch.float32), (7, 0.5, 42, torch.float32), (33, 0.2, 3, torch.float64), (100, 0.1, 1, torch.float64)):
    torch.manual_seed(seed)
    x = torch.linspace(-1, 1, n, dtype=dtype).unsqueeze(1)
    yr = torch.exp(x) + noise * torch.randn(x.size(), dtype=dtype)
    regression.append({"n": n, "noise": noise, "seed": seed, "x": tensor_json(x), "y": tensor_json(yr)})

# torch.linspace's CPU kernel: vectors of 32 bytes filled two at a time, the rest one by one.
linspace = []
for start, end, n in ((-1, 1, 1), (-1, 1, 2), (-1, 1, 16), (-1, 1, 17), (-3, 7, 1001), (2.5, -4, 77), (0, 1, 100)):
    for dtype in (torch.float32, torch.float64):
        linspace.append({"start": start, "end": end, "steps": n, "out": tensor_json(torch.linspace(start, end, n, dtype=dtype))})

write("data.json", {
    "numpy_trig": "svml-avx512" if cpu.get("AVX512_SKX") and "AVX512_SKX" not in os.environ.get("NPY_DISABLE_CPU_FEATURES", "") else "libm",
    "streams": streams, "trig": trig, "moons": moons, "circles": circles, "blobs": blobs,
    "iris": real(iris), "digits": real(digits), "moons_csv": moons_csv, "regression": regression, "linspace": linspace,
})
print("wrote data.json; pi check", math.pi == np.pi)
