"""Reference values for OneCycleLR and SequentialLR: run from this folder with /usr/bin/python3 make_cycles.py.

cycles.json: for each run, an optimizer with two parameter groups (SGD with momentum, lr 0.1 and 0.03,
or Adam), the schedule (SequentialLR: its schedules and milestones), and after creation and after each
step: each group's lr and momentum (SGD's momentum, Adam's beta1).
"""
import math
import sys
import warnings

import torch
import torch.optim.lr_scheduler as S

sys.path.insert(0, "..")
from fixture_util import write  # noqa: E402


def optimizer(kind):
    p1 = torch.zeros(2, requires_grad=True)
    p2 = torch.zeros(3, requires_grad=True)
    if kind == "SGD":
        return torch.optim.SGD([{"params": [p1]}, {"params": [p2], "lr": 0.03}], lr=0.1, momentum=0.9)
    return torch.optim.Adam([{"params": [p1]}, {"params": [p2], "lr": 0.03}], lr=0.1)


def build(opt, spec):
    name, kwargs = spec
    args = dict(kwargs)
    if name == "LambdaLR":
        args["lr_lambda"] = eval("lambda epoch: " + kwargs["lr_lambda"])
    if name == "SequentialLR":
        args["schedulers"] = [build(opt, s) for s in kwargs["schedulers"]]
    return getattr(S, name)(opt, **args)


def momentum(group):
    return group["betas"][0] if "betas" in group else group["momentum"]


def plain(v):
    if isinstance(v, float) and math.isinf(v):
        return str(v)
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, dict):
        return {k: plain(x) for k, x in v.items() if not callable(x)}
    return v


# SequentialLR restarts a schedule with the deprecated step(epoch) form, which warns each time.
warnings.filterwarnings("ignore", category=UserWarning)


def run(kind, spec, steps):
    opt = optimizer(kind)
    sched = build(opt, spec)
    lrs = [[g["lr"] for g in opt.param_groups]]
    moms = [[momentum(g) for g in opt.param_groups]]
    for _ in range(steps):
        opt.step()
        sched.step()
        lrs.append([g["lr"] for g in opt.param_groups])
        moms.append([momentum(g) for g in opt.param_groups])
    return {"optimizer": kind, "scheduler": spec[0], "kwargs": plain(spec[1]), "lrs": lrs, "momenta": moms}


ONE_CYCLE = [
    ({"max_lr": 0.5, "total_steps": 40}, 40),
    ({"max_lr": 0.5, "total_steps": 40, "anneal_strategy": "linear"}, 40),
    ({"max_lr": 1.0, "epochs": 4, "steps_per_epoch": 7, "pct_start": 0.25}, 28),
    ({"max_lr": 0.2, "total_steps": 33, "three_phase": True, "div_factor": 10.0, "final_div_factor": 100.0}, 33),
    ({"max_lr": 0.2, "total_steps": 20, "three_phase": True, "anneal_strategy": "linear"}, 20),
    ({"max_lr": 0.3, "total_steps": 25, "cycle_momentum": False}, 25),
    ({"max_lr": 0.3, "total_steps": 25, "base_momentum": 0.8, "max_momentum": 0.9, "pct_start": 0.5}, 25),
]
SEQUENTIAL = [
    {"schedulers": [("LinearLR", {"start_factor": 0.1, "total_iters": 4}), ("ExponentialLR", {"gamma": 0.9})], "milestones": [4]},
    {"schedulers": [("StepLR", {"step_size": 3, "gamma": 0.5}), ("CosineAnnealingLR", {"T_max": 6, "eta_min": 0.001}),
                    ("MultiStepLR", {"milestones": [2, 5], "gamma": 0.3})], "milestones": [5, 12]},
    {"schedulers": [("LambdaLR", {"lr_lambda": "0.9 ** epoch"}), ("LinearLR", {"start_factor": 0.5, "total_iters": 3})], "milestones": [6]},
    {"schedulers": [("ExponentialLR", {"gamma": 0.8})], "milestones": []},
]

runs = []
for kwargs, steps in ONE_CYCLE:
    for kind in ("SGD", "Adam"):
        runs.append(run(kind, ("OneCycleLR", kwargs), steps))
for seq in SEQUENTIAL:
    runs.append(run("SGD", ("SequentialLR", seq), 20))
write("cycles.json", runs)
