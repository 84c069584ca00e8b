"""Reference values for in-place operations on autograd graph tensors (tests/Engine.Tests/Autograd/InPlaceGraphTests.cs).

Run from this folder: python3 make_inplace.py. Writes inplace.json, one case per scenario below.
Each case has the scenario's "name", the leaf "inputs" (x, w, v, ...), and either
- "value": the written-to tensor afterwards, "grad_fn": its grad_fn's name, "requires_grad", and
  "grads": each leaf's gradient of loss = sum(out * k) with k = 1..n in out's shape (None when the leaf got none); or
- "error": the first sentence of PyTorch's message.
The C# test runs the same scenario by name on the same inputs.
"""
import sys

import torch

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402


def weights(t):
    return torch.arange(1, t.numel() + 1, dtype=t.dtype).reshape(t.shape)


def leaf(*shape, seed, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return (torch.rand(*shape, generator=g, dtype=torch.float64) * 4 - 2).to(dtype).requires_grad_()


def inputs_2x3():
    return {"x": leaf(2, 3, seed=1), "w": leaf(3, seed=2), "v": leaf(2, seed=3), "s": leaf(1, seed=4)}


# Each scenario takes the leaves and returns the written-to tensor (the loss is taken of it).
def clone_setitem_scalar(t):
    y = t["x"].clone()
    y[0] = 0
    return y


def mul_then_add_scalar(t):
    y = t["x"] * 2
    y.add_(1)
    return y


def buffer_add_param(t):
    buf = torch.zeros(3)
    buf.add_(t["w"])
    return buf


def setitem_column_from_value(t):
    y = t["x"].clone()
    y[:, 1] = t["v"] * 3
    return y


def mul_by_operand(t):
    y = t["x"] * 2
    y.mul_(t["w"])
    return y


def div_by_operand(t):
    y = t["x"] + 3
    y.div_(t["w"] + 5)
    return y


def sub_alpha_add(t):
    y = t["x"] * 1.5
    y.add_(t["w"], alpha=-0.5)
    y.sub_(t["w"])
    return y


def write_through_view(t):
    y = t["x"].clone()
    r = y[1]
    r.mul_(3)
    return y


def view_read_after_base_write(t):
    y = t["x"].clone()
    a = y[0]
    y.mul_(2)
    return a * 1


def view_of_view_write(t):
    y = t["x"] * 1
    y[1][0:2].mul_(t["v"])
    return y


def consumer_before_write(t):
    y = t["x"].clone()
    z = y * 3
    y[0] = 5
    return z + y


def advanced_setitem(t):
    y = t["x"].clone()
    y[[0, 1], [2, 0]] = t["v"]
    return y


def advanced_put_accumulate(t):
    y = t["x"] * 1
    y.index_put_((torch.tensor([0, 0, 1]), torch.tensor([1, 1, 2])), t["w"] * 2, accumulate=True)
    return y


def setitem_broadcast_value(t):
    y = t["x"].clone()
    y[:, 1:] = t["s"]
    return y


def copy_into_float64_buffer(t):
    y = torch.zeros(2, 3, dtype=torch.float64)
    y.copy_(t["x"])
    return y


def fill_view(t):
    y = t["x"] * 2
    y[0].fill_(7)
    return y


def masked_fill_graph(t):
    y = t["x"] * 2
    y.masked_fill_(t["x"].detach() > 0, 0.5)
    return y


def clamp_graph(t):
    y = t["x"] * 3
    y.clamp_(-1, 2)
    return y


def chain_of_writes(t):
    y = t["x"] * 1
    y.add_(t["w"])
    y[1] = t["w"] * t["w"]
    y.mul_(t["w"])
    y[:, 0] += t["v"]
    return y


def zero_then_add(t):
    y = t["x"] * 2
    y.zero_()
    y.add_(t["w"])
    return y


def exp_then_add(t):
    y = t["x"] * 2
    z = y.exp()
    y.add_(1)
    return z + y


def add_self(t):
    y = t["x"] * 2
    y.add_(y)
    return y


def sigmoid_then_mul(t):
    y = t["x"].sigmoid()
    y.mul_(2)
    return y


def mul_saved_then_write(t):
    y = t["x"] * 2
    z = y * t["w"]
    y.add_(1)
    return z


def leaf_add(t):
    t["x"].add_(1)
    return t["x"]


def leaf_view_write(t):
    t["x"][0].add_(1)
    return t["x"]


def add_transposed(t):
    m = t["x"].detach()[:, :2].clone()
    m.add_(m.t())
    return m


def add_overlapping_slice(t):
    b = torch.arange(6.0)
    b[1:].add_(b[:5])
    return b


def add_first_element(t):
    b = torch.arange(6.0)
    b.add_(b[0])
    return b


def write_expanded(t):
    b = torch.zeros(3, 1).expand(3, 3)
    b.add_(1)
    return b


def no_grad_view_write(t):
    y = t["x"] * 2
    with torch.no_grad():
        r = y[0]
    r.mul_(2)
    return y


SCENARIOS = [
    clone_setitem_scalar, mul_then_add_scalar, buffer_add_param, setitem_column_from_value, mul_by_operand,
    div_by_operand, sub_alpha_add, write_through_view, view_read_after_base_write, view_of_view_write,
    consumer_before_write, advanced_setitem, advanced_put_accumulate, setitem_broadcast_value,
    copy_into_float64_buffer, fill_view, masked_fill_graph, clamp_graph, chain_of_writes, zero_then_add,
    exp_then_add, add_self, sigmoid_then_mul, mul_saved_then_write, leaf_add, leaf_view_write, add_transposed,
    add_overlapping_slice, add_first_element, write_expanded, no_grad_view_write,
]


def run(scenario):
    t = inputs_2x3()
    case = {"name": scenario.__name__, "inputs": {k: tensor_json(v) for k, v in t.items()}}
    try:
        out = scenario(t)
        case["value"] = tensor_json(out)
        case["requires_grad"] = out.requires_grad
        case["grad_fn"] = type(out.grad_fn).__name__ if out.grad_fn is not None else None
        if out.requires_grad:
            (out * weights(out)).sum().backward()
        case["grads"] = {k: tensor_json(v.grad) if v.grad is not None else None for k, v in t.items()}
    except RuntimeError as e:
        # The first sentence; the C# test compares up to " [" where PyTorch names the tensor by its legacy type.
        case["error"] = str(e).split(". ")[0]
    return case


if __name__ == "__main__":
    write("inplace.json", [run(s) for s in SCENARIOS])
