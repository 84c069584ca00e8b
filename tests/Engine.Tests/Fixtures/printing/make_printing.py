"""Reference strings for tensor printing: repr() of many tensors under PyTorch 1.13.

Run from this folder: /usr/bin/python3 make_printing.py  (writes printing.json)

Three kinds of case, each with the exact values of the printed tensor (fixture_util.tensor_json):
  "tensors": the tensor itself, with "requires_grad" for leaves that need it.
  "ops":     a leaf "input" (requires_grad) and an "op" name; the C# test applies the same op,
             so the expected string also checks the grad_fn name our op records.
  "options": a tensor and torch.set_printoptions arguments in force while it was printed.
  "numbers": doubles and Python's format(v, spec) for the specs printing uses.
"""
import math
import sys

import torch

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

torch.manual_seed(1234)
nan, inf = math.nan, math.inf
tensors = []


def case(name, t):
    tensors.append({"name": name, "tensor": tensor_json(t), "requires_grad": bool(t.requires_grad), "expected": repr(t)})


r = torch.randn
# Floats: shapes and notation choices.
case("randn 5", r(5))
case("randn 3x4", r(3, 4))
case("randn 2x3x4", r(2, 3, 4))
case("randn 2x2x2x2", r(2, 2, 2, 2))
case("randn 1x1x3", r(1, 1, 3))
case("large 1e5", r(4) * 1e5)
case("small 1e-5", r(4) * 1e-5)
case("ratio over 1000", torch.tensor([1e-3, 1.5, 2.0]))
case("ratio just under 1000", torch.tensor([0.0015, 1.4]))
case("min below 1e-4", torch.tensor([0.00009, 0.5]))
case("max over 1e8", torch.tensor([123456789.5, 1.5]))
case("mixed signs", torch.tensor([-1.5, 2.25, -0.001, 3.0]))
case("rounding ties", torch.tensor([0.125, 2.675, 1.00005, -0.00005, 0.33335], dtype=torch.float64))
case("float32 rounding", torch.tensor([0.1, 0.7, 1.23455, 9.99995, 99.99995]))
case("sci rounding carry", torch.tensor([9.99995e-5, 9.99996e5, 1.0]))
case("int valued", torch.tensor([1.0, 2.0, 3.0]))
case("int valued negative", torch.tensor([-1.0, 20.0, -300.0]))
case("int valued 1000 ratio", torch.tensor([1.0, 1000.0]))
case("int valued 1001 ratio", torch.tensor([1.0, 1001.0]))
case("int valued 1e8", torch.tensor([1e8, 2.0e7]))
case("int valued above 1e8", torch.tensor([1e9, 3e9]))
case("int valued big", torch.tensor([100000.0, 1.0]))
case("zeros", torch.zeros(2, 3))
case("negative zero", torch.tensor([-0.0, 0.0]))
case("negative zero with fraction", torch.tensor([-0.0, 0.5]))
case("tiny negative rounds to zero", torch.tensor([-0.00001, 0.5, 0.25]) * torch.tensor([1.0, 1.0, 1.0]))
case("nan and one", torch.tensor([nan, 1.0]))
case("inf and fraction", torch.tensor([inf, -inf, 1.5]))
case("only nan", torch.tensor([nan]))
case("nan inf", torch.tensor([nan, inf, -inf]))
case("zero nan", torch.tensor([0.0, nan]))
case("small and nan", torch.tensor([1e-5, nan, 2.0]))
case("inf int valued wide", torch.tensor([1.0, inf, 1000.0]))
case("nan sci wide", torch.tensor([nan, 1e10, -2.5]))
case("ones 2x2", torch.ones(2, 2))
case("eye 3", torch.eye(3))
case("linspace", torch.linspace(0, 1, 5))
case("rand 3x3", torch.rand(3, 3))
case("subnormal", torch.tensor([5e-324, 1.0], dtype=torch.float64))
case("huge double", torch.tensor([1e300, -1e-300], dtype=torch.float64))
# Integers and bools.
case("arange 10", torch.arange(10))
case("ints mixed", torch.tensor([-5, 100, 3]))
case("ints big", torch.tensor([2**62, -(2**40), 7]))
case("ints 2d", torch.arange(-6, 6).reshape(3, 4))
case("ints 3d", torch.arange(24).reshape(2, 3, 4))
case("bools", torch.tensor([True, False]))
case("bools 2d", torch.tensor([[True, True], [False, True]]))
case("bool from compare", torch.arange(6).reshape(2, 3) > 2)
# float64 and the dtype suffix.
case("double randn", r(3, dtype=torch.float64))
case("double ints", torch.tensor([1.0, 2.0], dtype=torch.float64))
case("double 2d", r(2, 3, dtype=torch.float64))
case("double scalar", torch.tensor(2.0, dtype=torch.float64))
# 0-d.
case("scalar 3", torch.tensor(3.0))
case("scalar -0.5", torch.tensor(-0.5))
case("scalar tiny", torch.tensor(1e-8))
case("scalar big", torch.tensor(123456789.0))
case("scalar int", torch.tensor(7))
case("scalar bool", torch.tensor(True))
case("scalar nan", torch.tensor(nan))
case("scalar -inf", torch.tensor(-inf))
case("scalar zero", torch.tensor(0.0))
# Empty.
case("empty", torch.tensor([]))
case("empty 0x3", torch.zeros(0, 3))
case("empty int", torch.tensor([], dtype=torch.int64))
case("empty bool", torch.zeros(0, dtype=torch.bool))
case("empty double 2x0x3", torch.zeros(2, 0, 3, dtype=torch.float64))
case("empty int 0x2", torch.zeros(0, 2, dtype=torch.int64))
# Long rows that wrap.
case("randn 30", r(30))
case("randn 100 x100", r(100) * 100)
case("arange 50.", torch.arange(50.0))
case("randn 3x25", r(3, 25))
case("ints 2x50", torch.arange(100).reshape(2, 50))
case("randn 2x2x30", r(2, 2, 30))
case("sci 40", r(40) * 1e6)
case("bools 40", torch.rand(40) > 0.5)
case("randn 4d wrap", r(2, 1, 2, 20))
# Summarised (more than 1000 elements).
case("randn 2000", r(2000))
case("arange 1001.", torch.arange(1001.0))
case("arange 1000", torch.arange(1000))
case("randn 40x40", r(40, 40))
case("randn 10x10x11", r(10, 10, 11))
case("randn 2x3x200", r(2, 3, 200))
case("ints 30x40", torch.arange(1200).reshape(30, 40))
case("bools 1100", torch.rand(1100) > 0.5)
case("randn 11x100", r(11, 100))
case("randn 3x4x5x20", r(3, 4, 5, 20))
case("randn 7x7x7x7", r(7, 7, 7, 7))
big = torch.ones(2000)
big[1000] = 1e10
case("hidden huge value", big)
mixed = r(1500)
mixed[700] = 1e-9
case("hidden tiny value", mixed)
case("summarised double", r(1200, dtype=torch.float64))
case("summarised wide rows", r(4, 300) * 1e4)
# Leaves that require grad: suffix placement and wrapping.
for n in range(4, 10):
    case(f"requires grad {n}", r(n).requires_grad_())
case("requires grad 2x3", r(2, 3).requires_grad_())
case("requires grad double", r(6, dtype=torch.float64).requires_grad_())
case("requires grad double 8", r(8, dtype=torch.float64).requires_grad_())
case("requires grad scalar", torch.tensor(1.5, requires_grad=True))
case("requires grad empty", torch.zeros(0, 3, requires_grad=True))
case("requires grad summarised", r(2000).requires_grad_())
# Tensors from the tutorials.
case("tutorial arange 1..10", torch.arange(1, 10))
case("tutorial mixed matrix", torch.tensor([[0.11111111, 1], [2, 3], [4, 5]]))
case("tutorial arange 5x7", torch.arange(1, 36, dtype=torch.float32).reshape(5, 7))
data = torch.arange(1, 36, dtype=torch.float32).reshape(5, 7)
case("tutorial std dim 1", data.std(dim=1))
case("tutorial mean dim 0", data.mean(dim=0))
case("tutorial zeros 2x3", torch.zeros(2, 3))
case("tutorial list", torch.tensor([1, 2, 3]))
case("tutorial float list", torch.tensor([1.0, 2.0, 3.0]))
case("tutorial randn 4x4", r(4, 4))
case("tutorial x view -1", r(4, 4).view(-1))
case("tutorial full", torch.full((2, 2), 3.14159))
case("tutorial ones int", torch.ones(3, dtype=torch.int64))
case("tutorial rand 5x3", torch.rand(5, 3))

# grad_fn names: our ops must record the names PyTorch shows.
OPS = {
    "mul scalar": lambda x: x * 2,
    "mul": lambda x: x * x,
    "add": lambda x: x + x,
    "add scalar": lambda x: x + 1,
    "sub": lambda x: x - x.detach(),
    "sub scalar": lambda x: x - 1,
    "div scalar": lambda x: x / 2,
    "div": lambda x: x / (x.detach() + 10),
    "neg": lambda x: -x,
    "pow 2": lambda x: x ** 2,
    "pow 3": lambda x: x ** 3,
    "pow tensor": lambda x: x.abs().detach() ** x,
    "exp": lambda x: x.exp(),
    "log": lambda x: (x.detach().abs() + 1).requires_grad_().log(),
    "sqrt": lambda x: (x.detach().abs() + 1).requires_grad_().sqrt(),
    "rsqrt": lambda x: (x.detach().abs() + 1).requires_grad_().rsqrt(),
    "reciprocal": lambda x: x.reciprocal(),
    "abs": lambda x: x.abs(),
    "tanh": lambda x: x.tanh(),
    "sigmoid": lambda x: x.sigmoid(),
    "relu": lambda x: x.relu(),
    "clamp": lambda x: x.clamp(-0.5, 0.5),
    "sum": lambda x: x.sum(),
    "sum dim": lambda x: x.sum(0),
    "mean": lambda x: x.mean(),
    "mean dim": lambda x: x.mean(1),
    "mean dim keepdim": lambda x: x.mean(1, keepdim=True),
    "view": lambda x: x.view(3, 2),
    "reshape": lambda x: x.reshape(6),
    "reshape copy": lambda x: x.t().reshape(6),
    "flatten": lambda x: x.flatten(),
    "t": lambda x: x.t(),
    "T": lambda x: x.T,
    "transpose": lambda x: x.transpose(0, 1),
    "permute": lambda x: x.permute(1, 0),
    "unsqueeze": lambda x: x.unsqueeze(0),
    "squeeze": lambda x: x.unsqueeze(0).squeeze(),
    "squeeze dim": lambda x: x.unsqueeze(1).squeeze(1),
    "squeeze dim noop": lambda x: x.squeeze(0),
    "expand": lambda x: x[0:1].expand(3, 3),
    "select": lambda x: x[1],
    "slice": lambda x: x[:, 1:],
    "double": lambda x: x.double(),
    "clone": lambda x: x.clone(),
    "maximum": lambda x: torch.maximum(x, x.detach() * 0),
}
torch.manual_seed(99)
ops = []
for name, fn in OPS.items():
    x = torch.randn(2, 3, requires_grad=True)
    y = fn(x)
    ops.append({"name": name, "input": tensor_json(x), "expected": repr(y)})

# Print options.
OPTIONS = [
    ({"precision": 2}, torch.tensor([1.12345, -2.5])),
    ({"precision": 0}, torch.tensor([1.5, 2.5, -0.4])),
    ({"precision": 0}, torch.tensor([1.5e-6, 2.5])),
    ({"precision": 8}, torch.tensor([1 / 3, 2 / 3], dtype=torch.float64)),
    ({"sci_mode": True}, torch.tensor([1.5, 2.25])),
    ({"sci_mode": True}, torch.tensor([1.0, 2.0])),
    ({"sci_mode": True}, torch.tensor([0.0, nan])),
    ({"sci_mode": False}, torch.tensor([1e-6, 1e6])),
    ({"sci_mode": False}, torch.tensor([1.0, 1e9])),
    ({"threshold": 5}, torch.arange(10)),
    ({"threshold": 5, "edgeitems": 1}, torch.arange(24.0).reshape(2, 3, 4)),
    ({"edgeitems": 2, "threshold": 10}, torch.randn(6, 6)),
    ({"linewidth": 40}, torch.randn(20)),
    ({"linewidth": 40}, torch.randn(3, 10).requires_grad_()),
    ({"linewidth": 10}, torch.arange(12.0).reshape(3, 4)),
    ({"profile": "short"}, torch.randn(30, 40)),
    ({"profile": "full"}, torch.arange(1200).reshape(2, 600)),
]
options = []
for opts, t in OPTIONS:
    torch.set_printoptions(**opts)
    options.append({"options": opts, "tensor": tensor_json(t), "requires_grad": bool(t.requires_grad), "expected": repr(t)})
    torch.set_printoptions(profile="default")

# Python's float formatting on its own: exact ties, carries, huge and tiny magnitudes.
gen = torch.Generator().manual_seed(7)
values = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1e-5, 9.5, 99.5, 999.99995, 5e-324, 1e308, -1.7976931348623157e308,
          123456.78125, 0.00015, 1e16, 2.0 ** 70, 1 / 3, nan, inf, -inf]
values += (torch.randn(60, generator=gen, dtype=torch.float64) * 10.0 ** torch.randint(-12, 12, (60,), generator=gen)).tolist()
values += torch.randn(20, generator=gen).tolist()
numbers = [{"value": v if math.isfinite(v) else repr(v), "formats": {spec: format(v, spec) for spec in (".4f", ".4e", ".0f", ".0e", ".8e", ".2f")}}
           for v in values]

write("printing.json", {"torch": torch.__version__, "tensors": tensors, "ops": ops, "options": options, "numbers": numbers})
print(f"{len(tensors)} tensors, {len(ops)} ops, {len(options)} option cases, {len(numbers)} numbers")
