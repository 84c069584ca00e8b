#!/usr/bin/python3
"""Reference trajectories for the optimizers and learning-rate schedules (PyTorch 1.13).

Run from this folder with Debian's PyTorch: /usr/bin/python3 make_optim.py
Writes two files the C# tests read (OptimizerFixtureTests, SchedulerFixtureTests):

optimizers.json: a list of runs. Each run minimises the same function of a [3, 4] weight w and a
[4] bias b for 100 steps of one optimizer configuration, with foreach=False (the single-tensor
update NNTools mirrors):
    loss = ((w * x).sum(0) + b - y).pow(2).mean() + 0.1 * w.sin().sum() + 0.05 * (b * 0.5).exp().sum()
and records the initial values, the loss before every step, the final parameters, the final
per-parameter state, PyTorch's state_dict and parameters after 50 steps (to load into NNTools and
continue), the hyper-parameters of param_groups[0] and print(optimizer).

schedulers.json: for each schedule, the learning rates of an SGD with two parameter groups
(lr 0.1 and 0.03) right after creation and after each of 45 epochs (ReduceLROnPlateau is fed a fixed
metric sequence), PyTorch's state_dict after 20 epochs and its keys.
"""
import sys
from collections import Counter

import torch

sys.path.insert(0, "..")
from fixture_util import _num, tensor_json, write  # noqa: E402

g = torch.Generator().manual_seed(20240601)


def rand(*shape):
    return torch.rand(*shape, generator=g, dtype=torch.float64) * 2 - 1


X, Y, W0, B0 = rand(3, 4), rand(4), rand(3, 4), rand(4)


def loss_fn(w, b, x, y):
    return ((w * x).sum(0) + b - y).pow(2).mean() + 0.1 * w.sin().sum() + 0.05 * (b * 0.5).exp().sum()


def plain(v):
    """A state or param_groups value as JSON: tensors in fixture form, tuples as lists, numbers as they are."""
    if isinstance(v, torch.Tensor):
        return tensor_json(v)
    if isinstance(v, Counter):  # MultiStepLR's milestones: the sorted epochs, repeats kept
        return sorted(v.elements())
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, float):
        return _num(v)
    return v


def state_json(sd):
    return {
        "state": {str(k): {kk: plain(vv) for kk, vv in v.items()} for k, v in sd["state"].items()},
        "param_groups": [{k: plain(v) for k, v in grp.items()} for grp in sd["param_groups"]],
    }


OPTIMIZERS = {
    "SGD": torch.optim.SGD,
    "Adam": torch.optim.Adam,
    "AdamW": torch.optim.AdamW,
    "RMSprop": torch.optim.RMSprop,
    "Adagrad": torch.optim.Adagrad,
    "Adadelta": torch.optim.Adadelta,
    "Adamax": torch.optim.Adamax,
    "NAdam": torch.optim.NAdam,
    "RAdam": torch.optim.RAdam,
}

CONFIGS = [
    ("SGD", {"lr": 0.05}),
    ("SGD", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.5}),
    ("SGD", {"lr": 0.05, "weight_decay": 0.1}),
    ("SGD", {"lr": 0.02, "momentum": 0.5, "weight_decay": 0.1, "maximize": True}),
    ("Adam", {}),
    ("Adam", {"lr": 0.05}),
    ("Adam", {"lr": 0.05, "betas": (0.8, 0.99), "amsgrad": True}),
    ("Adam", {"lr": 0.05, "weight_decay": 0.1, "eps": 1e-6}),
    ("Adam", {"lr": 0.02, "maximize": True}),
    ("AdamW", {"lr": 0.05}),
    ("AdamW", {"lr": 0.05, "weight_decay": 0.1, "amsgrad": True}),
    ("AdamW", {"lr": 0.02, "maximize": True}),
    ("RMSprop", {}),
    ("RMSprop", {"lr": 0.01, "momentum": 0.9}),
    ("RMSprop", {"lr": 0.01, "centered": True}),
    # Centered RMSprop divides by sqrt(v - mean(g)^2), which cancels as the gradient settles: with the default
    # eps this run's float32 and float64 results part by 1e-3 in PyTorch itself, so eps keeps it well-conditioned.
    ("RMSprop", {"lr": 0.005, "alpha": 0.9, "centered": True, "momentum": 0.5, "weight_decay": 0.1, "eps": 1e-3}),
    ("RMSprop", {"lr": 0.01, "eps": 1e-6, "maximize": True}),
    ("Adagrad", {}),
    ("Adagrad", {"lr": 0.1}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.1, "initial_accumulator_value": 0.1}),
    ("Adagrad", {"lr": 0.05, "maximize": True}),
    ("Adadelta", {}),
    ("Adadelta", {"lr": 0.5, "rho": 0.8, "weight_decay": 0.1}),
    ("Adadelta", {"lr": 0.5, "eps": 1e-4, "maximize": True}),
    ("Adamax", {}),
    ("Adamax", {"lr": 0.05, "betas": (0.8, 0.99), "weight_decay": 0.1}),
    ("Adamax", {"lr": 0.02, "maximize": True}),
    ("NAdam", {}),
    ("NAdam", {"lr": 0.05, "momentum_decay": 0.01, "weight_decay": 0.1}),
    ("NAdam", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6}),
    ("RAdam", {}),
    ("RAdam", {"lr": 0.05}),
    ("RAdam", {"lr": 0.05, "betas": (0.8, 0.9), "weight_decay": 0.1}),
]
# The same algorithms in float64, where rounding cannot hide a wrong order of operations.
CONFIGS64 = [
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.05, "amsgrad": True, "weight_decay": 0.1}),
    ("AdamW", {"lr": 0.05}),
    ("RMSprop", {"lr": 0.005, "centered": True, "momentum": 0.5}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01}),
    ("Adadelta", {"lr": 0.5, "weight_decay": 0.1}),
    ("Adamax", {"lr": 0.05, "weight_decay": 0.1}),
    ("NAdam", {"lr": 0.05, "weight_decay": 0.1}),
    ("RAdam", {"lr": 0.05, "weight_decay": 0.1}),
]


def run(name, kwargs, dtype):
    w = W0.to(dtype).clone().requires_grad_()
    b = B0.to(dtype).clone().requires_grad_()
    x, y = X.to(dtype), Y.to(dtype)
    opt = OPTIMIZERS[name]([w, b], foreach=False, **kwargs)
    losses, mid = [], None
    for step in range(100):
        if step == 50:
            mid = {"w": tensor_json(w), "b": tensor_json(b), "state_dict": state_json(opt.state_dict())}
        opt.zero_grad()
        loss = loss_fn(w, b, x, y)
        losses.append(loss.item())
        loss.backward()
        opt.step()
    group = {k: plain(v) for k, v in opt.param_groups[0].items() if k != "params"}
    return {
        "optimizer": name,
        "kwargs": {k: plain(v) for k, v in kwargs.items()},
        "dtype": str(dtype).replace("torch.", ""),
        "x": tensor_json(x), "y": tensor_json(y), "w0": tensor_json(W0.to(dtype)), "b0": tensor_json(B0.to(dtype)),
        "losses": losses,
        "w": tensor_json(w), "b": tensor_json(b),
        "state": state_json(opt.state_dict())["state"],
        "mid": mid,
        "group": group,
        "repr": repr(opt),
    }


runs = [run(n, k, torch.float32) for n, k in CONFIGS] + [run(n, k, torch.float64) for n, k in CONFIGS64]
write("optimizers.json", runs)

# ---- schedules ----
S = torch.optim.lr_scheduler
PLATEAU_METRICS = [1.0, 0.9, 0.85, 0.85, 0.86, 0.84, 0.84, 0.84, 0.84, 0.7, 0.69, 0.69, 0.7, 0.71, 0.72, 0.73,
                   0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.4, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.45, 0.3, 0.3, 0.3,
                   0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]
SCHEDULES = [
    ("StepLR", {"step_size": 7, "gamma": 0.5}),
    ("StepLR", {"step_size": 3}),
    ("ExponentialLR", {"gamma": 0.9}),
    ("CosineAnnealingLR", {"T_max": 10, "eta_min": 0.001}),
    ("CosineAnnealingLR", {"T_max": 15}),
    ("ReduceLROnPlateau", {"factor": 0.5, "patience": 2}),
    ("ReduceLROnPlateau", {"mode": "max", "factor": 0.3, "patience": 1, "threshold": 0.01, "threshold_mode": "abs",
                           "cooldown": 2, "min_lr": 0.005}),
    ("ReduceLROnPlateau", {"factor": 0.5, "patience": 0, "threshold": 0.05, "cooldown": 1, "min_lr": [0.02, 0.01]}),
    ("ReduceLROnPlateau", {"mode": "min", "factor": 0.9, "patience": 1, "threshold_mode": "abs", "eps": 0.004}),
    ("MultiStepLR", {"milestones": [5, 12, 12, 30], "gamma": 0.5}),
    ("MultiStepLR", {"milestones": [3, 40]}),
    ("LinearLR", {}),
    ("LinearLR", {"start_factor": 0.1, "end_factor": 0.9, "total_iters": 12}),
    ("CosineAnnealingWarmRestarts", {"T_0": 5}),
    ("CosineAnnealingWarmRestarts", {"T_0": 3, "T_mult": 2, "eta_min": 0.001}),
    # LambdaLR's function is written as a Python expression of `epoch`; the C# test has the same functions.
    ("LambdaLR", {"lr_lambda": "0.95 ** epoch"}),
    ("LambdaLR", {"lr_lambda": "1.0 / (1 + epoch)"}),
]


def schedule(name, kwargs):
    p1 = torch.zeros(2, requires_grad=True)
    p2 = torch.zeros(3, requires_grad=True)
    opt = torch.optim.SGD([{"params": [p1]}, {"params": [p2], "lr": 0.03}], lr=0.1)
    args = dict(kwargs)
    if name == "LambdaLR":
        args["lr_lambda"] = eval("lambda epoch: " + kwargs["lr_lambda"])
    sched = getattr(S, name)(opt, **args)
    plateau = name == "ReduceLROnPlateau"
    metrics = [(-m if kwargs.get("mode") == "max" else m) for m in PLATEAU_METRICS]
    lrs = [[group["lr"] for group in opt.param_groups]]
    mid = None
    for epoch in range(45):
        if epoch == 20:
            mid = {k: plain(v) for k, v in sched.state_dict().items()}
        opt.step()
        if plateau:
            sched.step(metrics[epoch])
        else:
            sched.step()
        lrs.append(sched._last_lr)
    return {"scheduler": name, "kwargs": {k: plain(v) for k, v in kwargs.items()}, "metrics": metrics if plateau else [],
            "lrs": lrs, "mid": mid, "keys": sorted(sched.state_dict().keys())}


write("schedulers.json", [schedule(n, k) for n, k in SCHEDULES])
