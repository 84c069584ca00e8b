"""Records PyTorch's CPU random streams for the engine's Generator tests.

Run with Debian's PyTorch 1.13 (CPU capability AVX2, no MKL):
    /usr/bin/python3 tests/Engine.Tests/Fixtures/random/make_random.py
It rewrites random.json next to this script.

Each case seeds a generator (the default one via torch.manual_seed, or an explicit
torch.Generator) and runs a list of ops on it in order, so later ops check that the state,
including the cached second Box-Muller value, carries over. Values are stored losslessly:
float32 as its bit pattern (uint32), float64 as its bit pattern (uint64), int64 as itself.
Generator states are torch.get_rng_state()'s 5056 bytes as hex.
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

SIZES = [1, 5, 15, 16, 17, 31, 32, 33, 100, 1000]
SHAPES = [[3, 7], [2, 3, 5], [4, 4], [2, 9]]
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def bits(t):
    a = t.detach().contiguous().numpy()
    if a.dtype == np.float32:
        return a.reshape(-1).view(np.uint32).tolist()
    if a.dtype == np.float64:
        return a.reshape(-1).view(np.uint64).tolist()
    return a.reshape(-1).tolist()


class Recorder:
    """Runs ops on torch and writes what the C# side needs to replay them."""

    def __init__(self, seed, explicit):
        self.explicit = explicit
        if explicit:
            self.gen = torch.Generator()
            if seed is not None:
                self.gen.manual_seed(seed)
        else:
            self.gen = None
            torch.manual_seed(seed)
        self.ops = []

    def kw(self):
        return {"generator": self.gen} if self.explicit else {}

    def add(self, op, result, **args):
        args["op"] = op
        args["values"] = bits(result)
        self.ops.append(args)

    def shape_of(self, shape):
        return [shape] if isinstance(shape, int) else list(shape)

    def rand(self, shape, dtype="float32"):
        t = torch.rand(*self.shape_of(shape), dtype=DTYPES[dtype], **self.kw())
        self.add("rand", t, shape=self.shape_of(shape), dtype=dtype)

    def randn(self, shape, dtype="float32"):
        t = torch.randn(*self.shape_of(shape), dtype=DTYPES[dtype], **self.kw())
        self.add("randn", t, shape=self.shape_of(shape), dtype=dtype)

    def randint(self, low, high, shape):
        t = torch.randint(low, high, self.shape_of(shape), **self.kw())
        self.add("randint", t, shape=self.shape_of(shape), low=low, high=high)

    def randperm(self, n):
        self.add("randperm", torch.randperm(n, **self.kw()), n=n)

    def empty(self, shape, dtype, layout):
        """A tensor of `shape` laid out as named: contiguous, "transposed" (a 2-d .t() view),
        "strided" (every other column of a wider 2-d tensor) or "permuted" (a 3-d tensor made
        as (d2, d0, d1) and viewed with permute(1, 2, 0))."""
        d = DTYPES[dtype]
        if layout == "transposed":
            return torch.empty(shape[::-1], dtype=d).t()
        if layout == "strided":
            return torch.empty(shape[0], 2 * shape[1], dtype=d)[:, ::2]
        if layout == "permuted":
            return torch.empty(shape[2], shape[0], shape[1], dtype=d).permute(1, 2, 0)
        return torch.empty(shape, dtype=d)

    def fill(self, op, shape, dtype, layout, call, **args):
        shape = self.shape_of(shape)
        t = self.empty(shape, dtype, layout)
        call(t)
        if layout != "contiguous":
            args["layout"] = layout
        self.add(op, t, shape=shape, dtype=dtype, **args)

    def uniform_(self, shape, a, b, dtype="float32", layout="contiguous"):
        self.fill("uniform_", shape, dtype, layout, lambda t: t.uniform_(a, b, **self.kw()), a=repr(a), b=repr(b))

    def normal_(self, shape, mean, std, dtype="float32", layout="contiguous"):
        self.fill("normal_", shape, dtype, layout, lambda t: t.normal_(mean, std, **self.kw()), mean=repr(mean), std=repr(std))

    def bernoulli_(self, shape, p, dtype="float32", layout="contiguous"):
        self.fill("bernoulli_", shape, dtype, layout, lambda t: t.bernoulli_(p, **self.kw()), p=repr(p))

    def get_state(self):
        state = self.gen.get_state() if self.explicit else torch.get_rng_state()
        self.ops.append({"op": "get_state", "hex": bytes(state.numpy()).hex()})

    def set_state(self, index):
        """Restores the state recorded by this case's op number `index` (a get_state)."""
        state = torch.tensor(list(bytes.fromhex(self.ops[index]["hex"])), dtype=torch.uint8)
        if self.explicit:
            self.gen.set_state(state)
        else:
            torch.set_rng_state(state)
        self.ops.append({"op": "set_state", "from": index})


def check_dropout_is_bernoulli():
    """Dropout's mask is bernoulli_(1 - p) on the input's dtype, scaled by 1 / (1 - p)."""
    for p in (0.1, 0.5, 0.8):
        torch.manual_seed(7)
        d = F.dropout(torch.ones(257), p, training=True)
        torch.manual_seed(7)
        e = torch.empty(257).bernoulli_(1 - p).div_(1 - p)
        assert torch.equal(d, e), p


def cases():
    out = {}

    def case(name, seed, explicit=False):
        r = Recorder(seed, explicit)
        out[name] = r
        r.seed = seed
        return r

    # Every size for the four float factories, on two seeds.
    for seed in (0, 42):
        for dtype in DTYPES:
            for fn in ("rand", "randn"):
                for n in SIZES:
                    getattr(case(f"{fn}_{dtype}_n{n}_seed{seed}", seed), fn)(n, dtype)
                for shape in SHAPES:
                    getattr(case(f"{fn}_{dtype}_{'x'.join(map(str, shape))}_seed{seed}", seed), fn)(shape, dtype)

    # Other seeds, including one beyond 32 bits (only its low word reaches mt19937), and -1.
    for seed in (1, 12345, 2**40 + 7, -1):
        r = case(f"mixed_sizes_seed{seed}", seed)
        for n in (5, 16, 17, 33):
            r.randn(n)
            r.rand(n)
            r.randn(n, "float64")
            r.rand(n, "float64")

    # randint: 32-bit draws below a range of 2**32, 64-bit draws from 2**32 on.
    r = case("randint", 3)
    r.randint(0, 10, 50)
    r.randint(-5, 5, [3, 7])
    r.randint(0, 2**32 - 1, 20)
    r.randint(0, 2**32, 20)
    r.randint(0, 2**40, 20)
    r.randint(-(2**62), 2**62, 20)
    r.randint(100, 101, 5)

    # randperm: the swap shuffle with 32-bit draws, for all n in 1.13 (checked up to 214748364).
    r = case("randperm", 11)
    for n in (0, 1, 2, 3, 10, 100, 1000):
        r.randperm(n)

    # In-place distributions with parameters.
    r = case("inplace", 5)
    for dtype in DTYPES:
        r.uniform_(31, -2.5, 3.25, dtype)
        r.uniform_(7, 10.0, 1000.0, dtype)
        r.normal_(5, 1.5, 0.3, dtype)
        r.normal_(40, -3.0, 2.5, dtype)
        r.normal_(17, 0.1, 7.0, dtype)
        r.bernoulli_(100, 0.3, dtype)
        r.bernoulli_(33, 0.8, dtype)
        r.uniform_(100, -1.3, 2.9, dtype)
        for _ in range(3):
            r.normal_(15, 1.7, 0.37, dtype)

    # Non-contiguous tensors: values go to elements in TensorIterator's order, and normal_
    # takes the scalar path whatever the size.
    r = case("noncontiguous", 8)
    for dtype in DTYPES:
        for layout, shape in (("transposed", [5, 7]), ("strided", [4, 6]), ("permuted", [2, 3, 4])):
            r.uniform_(shape, -1.0, 1.0, dtype, layout)
            r.normal_(shape, 0.5, 2.0, dtype, layout)
            r.bernoulli_(shape, 0.4, dtype, layout)

    # Mixed sequences: cached normal survives other calls and the batched path, not a reseed.
    r = case("sequence_default", 2024)
    r.randn(3)
    r.rand(20)
    r.randint(0, 7, 9)
    r.randn(1)
    r.randn(20)
    r.randn(1)
    r.randn(1, "float64")
    r.randn(17, "float64")
    r.randperm(12)
    r.bernoulli_(10, 0.5)
    r.normal_(3, 2.0, 0.5)
    r.rand(700)
    r.randn(5)
    r.randint(0, 2**40, 3)
    r.randn(2, "float64")

    for seed in (0, 99):
        r = case(f"sequence_explicit_seed{seed}", seed, explicit=True)
        r.randn(3)
        r.randn(16)
        r.randn(1)
        r.rand(5, "float64")
        r.randperm(7)
        r.randn(5, "float64")

    r = case("fresh_generator_default_seed", None, explicit=True)
    r.rand(5)
    r.randn(3)

    # States in PyTorch's byte layout: fresh, with a cached normal, and after a twist.
    r = case("state_roundtrip", 77)
    r.get_state()
    r.randn(3)
    r.get_state()
    r.randn(1)
    r.randn(5)
    r.set_state(2)
    r.randn(1)
    r.randn(5)
    r.rand(700)
    r.get_state()
    r.randn(4)
    r.set_state(0)
    r.rand(3)
    return out


def main():
    check_dropout_is_bernoulli()
    doc = {
        "torch": torch.__version__,
        "cases": [
            {"name": name, "seed": r.seed, "explicit": r.explicit, "ops": r.ops}
            for name, r in cases().items()
        ],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "random.json")
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
