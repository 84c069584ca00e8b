"""Reference trajectories of torch.optim.LBFGS: run from this folder with /usr/bin/python3 make_lbfgs.py.

lbfgs.json: the regression data x [20, 3] and y [20], and for each run the problem ("rosenbrock": sum of 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2 over a
flat parameter; "regression": mean squared error of x w + b against y), the start,
the LBFGS settings, and after each step the loss the step returned, the parameters, and the state's
func_evals and n_iter.
"""
import sys

import torch

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

torch.manual_seed(7)
X = torch.randn(20, 3, dtype=torch.float64)
Y = X @ torch.tensor([1.5, -2.0, 0.5], dtype=torch.float64) + 0.3 + 0.1 * torch.randn(20, dtype=torch.float64)


def rosenbrock(params, dtype):
    x = params[0]
    return (100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2).sum()


def regression(params, dtype):
    w, b = params
    return ((X.to(dtype) @ w + b - Y.to(dtype)) ** 2).mean()


PROBLEMS = {"rosenbrock": rosenbrock, "regression": regression}


def run(problem, start, kwargs, steps, dtype=torch.float64, tolerance=None):
    """tolerance: the relative agreement the replay asks for; float64 1e-9 and float32 1e-5 unless given."""
    params = [torch.tensor(s, dtype=dtype, requires_grad=True) for s in start]
    opt = torch.optim.LBFGS(params, **kwargs)

    def closure():
        opt.zero_grad()
        loss = PROBLEMS[problem](params, dtype)
        loss.backward()
        return loss

    out = []
    for _ in range(steps):
        loss = opt.step(closure)
        state = opt.state[params[0]]
        out.append({"loss": float(loss), "params": [tensor_json(p.detach()) for p in params],
                    "func_evals": state["func_evals"], "n_iter": state["n_iter"]})
    tolerance = tolerance or (1e-9 if dtype == torch.float64 else 1e-5)
    return {"problem": problem, "dtype": str(dtype).replace("torch.", ""), "start": start, "kwargs": kwargs,
            "tolerance": tolerance, "steps": out}


runs = [
    run("rosenbrock", [[-1.5, 2.0]], {"lr": 1, "line_search_fn": "strong_wolfe"}, 4),
    run("rosenbrock", [[-1.5, 2.0]], {"lr": 0.05, "max_iter": 15}, 4),
    # 57 iterations through the curved valley of a 6-d Rosenbrock grow last-bit differences of the
    # gradient (autograd's order of multiplications) to about 1e-8: the same path, held to 1e-6.
    run("rosenbrock", [[-1.2, 1.0, -0.5, 0.8, 1.3, -1.0]], {"lr": 1, "history_size": 3, "line_search_fn": "strong_wolfe"}, 5,
        tolerance=1e-6),
    run("rosenbrock", [[0.0, 0.0, 0.0, 0.0]], {"lr": 1, "max_iter": 7, "max_eval": 9, "line_search_fn": "strong_wolfe"}, 6),
    run("regression", [[0.0, 0.0, 0.0], [0.0]], {"lr": 1, "line_search_fn": "strong_wolfe"}, 3),
    run("regression", [[0.0, 0.0, 0.0], [0.0]], {"lr": 0.3, "max_iter": 10, "history_size": 2}, 4),
    run("regression", [[0.5, 0.5, 0.5], [1.0]], {"lr": 1, "line_search_fn": "strong_wolfe"}, 3, torch.float32),
]
write("lbfgs.json", {"x": tensor_json(X), "y": tensor_json(Y), "runs": runs})
