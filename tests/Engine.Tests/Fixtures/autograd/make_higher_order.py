#!/usr/bin/python3
"""Higher-order autograd in PyTorch 1.13: gradient penalties, Hessian-vector products and repeated
derivatives through small MLPs and primitives, every one built with create_graph=True.

Run from this folder: /usr/bin/python3 make_higher_order.py  -> higher_order.json
Each case: "name", the float64 tensors it starts from ("x", "w1", "b1", ...) and the results
("penalty", "grads" of the parameters, "hv", ...). The C# test rebuilds each case by name.
"""
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402

torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(22)


def randn(*shape):
    return torch.randn(*shape, generator=g).requires_grad_()


def mlp(x, p, act):
    return F.linear(act(F.linear(x, p["w1"], p["b1"])), p["w2"], p["b2"])


def params(n_in, hidden, n_out):
    return {"w1": randn(hidden, n_in), "b1": randn(hidden), "w2": randn(n_out, hidden), "b2": randn(n_out)}


def js(d):
    return {k: None if v is None else tensor_json(v) for k, v in d.items()}


cases = []

# WGAN-GP: d/dθ mean((||∂D(x)/∂x||₂ - 1)²) through a tanh MLP.
p = params(3, 6, 1)
x = randn(5, 3)
gx, = torch.autograd.grad(mlp(x, p, torch.tanh).sum(), x, create_graph=True)
penalty = ((gx.norm(2, dim=1) - 1) ** 2).mean()
penalty.backward()
cases.append({"name": "gradient_penalty", "inputs": js(dict(p, x=x)), "gx": tensor_json(gx), "penalty": tensor_json(penalty),
              "grads": js({k: v.grad for k, v in dict(p, x=x).items()})})

# Hessian-vector product of an MSE loss through a sigmoid MLP, with respect to all parameters.
p = params(4, 5, 2)
x, y = torch.randn(6, 4, generator=g), torch.randn(6, 2, generator=g)
loss = F.mse_loss(mlp(x, p, torch.sigmoid), y)
names = list(p)
gs = torch.autograd.grad(loss, [p[k] for k in names], create_graph=True)
v = {k: torch.randn(p[k].shape, generator=g) for k in names}
hv = torch.autograd.grad(sum((gi * v[k]).sum() for gi, k in zip(gs, names)), [p[k] for k in names])
cases.append({"name": "hvp", "inputs": js(dict(p, x=x, y=y)), "v": js(v), "grads": js(dict(zip(names, gs))),
              "hv": js(dict(zip(names, hv)))})

# Input-gradient penalty on a cross-entropy classifier: log_softmax, gather and the fused Linear twice differentiated.
p = params(3, 4, 3)
x = randn(5, 3)
t = torch.tensor([0, 2, 1, 2, 0])
gx, = torch.autograd.grad(F.cross_entropy(mlp(x, p, torch.relu), t), x, create_graph=True)
(gx ** 2).sum().backward()
cases.append({"name": "cross_entropy_penalty", "inputs": js(dict(p, x=x)), "target": tensor_json(t), "gx": tensor_json(gx),
              "grads": js({k: v.grad for k, v in dict(p, x=x).items()})})

# Second and third derivatives of an elementwise function, each grad taken of the previous one.
x = randn(5)
y = (x.sin() * x.exp() + x ** 3).sum()
d1, = torch.autograd.grad(y, x, create_graph=True)
d2, = torch.autograd.grad(d1.sum(), x, create_graph=True)
d3, = torch.autograd.grad(d2.sum(), x)
cases.append({"name": "third_derivative", "inputs": js({"x": x}), "d1": tensor_json(d1), "d2": tensor_json(d2), "d3": tensor_json(d3)})

# Backward(create_graph=True) puts a differentiable gradient in .grad; a second backward adds to it.
x = randn(4)
(x ** 3 * x.tanh()).sum().backward(create_graph=True)
first = x.grad.detach().clone()
x.grad.sum().backward()
cases.append({"name": "backward_create_graph", "inputs": js({"x": x}), "first": tensor_json(first), "after": tensor_json(x.grad)})

# BCE with logits and softmax penalties on a batch: mean over samples of ||∂loss/∂x||².
p = params(2, 3, 2)
x = randn(4, 2)
target = torch.rand(4, 2, generator=g)
loss = F.binary_cross_entropy_with_logits(mlp(x, p, torch.tanh), target) + mlp(x, p, torch.sigmoid).softmax(1)[:, 0].sum()
gx, = torch.autograd.grad(loss, x, create_graph=True)
gx.pow(2).sum(1).mean().backward()
cases.append({"name": "bce_logits_softmax_penalty", "inputs": js(dict(p, x=x)), "target": tensor_json(target),
              "gx": tensor_json(gx), "grads": js({k: v.grad for k, v in dict(p, x=x).items()})})

write("higher_order.json", cases)
