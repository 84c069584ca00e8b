"""Fixtures for tests/Engine.Tests/IO: files written the way PyTorch + safetensors write them.

Run from this folder: /usr/bin/python3 make_io.py
  dtypes.safetensors / dtypes.json   every dtype NNTools reads (F16/BF16 widened to float32, small
                                     ints widened to int64 in the JSON), 0-d and empty shapes, metadata
  layout.safetensors / layout.json   tensors of the four writable dtypes with names chosen to exercise
                                     the reference ordering and JSON escaping: NNTools must write the
                                     same bytes from the same tensors
  torch_mlp.safetensors / .json      a small classifier trained in PyTorch, saved as PyTorch saves a
                                     state dict plus the nntools.architecture description; its input
                                     and PyTorch's eval-mode predictions
"""
import json
import sys

import torch
from torch import nn

sys.path.insert(0, "..")
from fixture_util import tensor_json, write  # noqa: E402
from safetensors_py import save_file  # noqa: E402
from architecture import describe  # noqa: E402


def dtypes():
    g = torch.Generator().manual_seed(7)
    halfs = [0.5, -2.0, 65504.0, 6e-8, 1.0 / 3.0, float("inf"), float("-inf"), float("nan"), -0.0]
    tensors = {
        "f32": torch.randn(3, 4, generator=g),
        "f64": torch.randn(2, 3, generator=g, dtype=torch.float64),
        "i64": torch.tensor([[-(2 ** 63), 2 ** 63 - 1, 0], [1, -1, 42]]),
        "bool": torch.tensor([True, False, False, True, True]),
        "f16": torch.tensor(halfs, dtype=torch.float16),
        "bf16": torch.tensor(halfs[:4] + [3.0e38] + halfs[4:], dtype=torch.bfloat16),
        "i32": torch.tensor([-(2 ** 31), 2 ** 31 - 1, 5], dtype=torch.int32),
        "i16": torch.tensor([[-32768, 32767]], dtype=torch.int16),
        "i8": torch.tensor([-128, 127, 0], dtype=torch.int8),
        "u8": torch.tensor([0, 255, 17], dtype=torch.uint8),
        "scalar": torch.tensor(3.5),
        "empty": torch.zeros(0, 3),
        "empty_bool": torch.zeros(2, 0, dtype=torch.bool),
    }
    metadata = {"source": "make_io.py", "unicode": "h\u00e9llo \u2713"}
    save_file(tensors, "dtypes.safetensors", metadata)
    widened = {k: (t.float() if t.dtype in (torch.float16, torch.bfloat16) else
                   t.long() if t.dtype in (torch.int16, torch.int8) else t)
               for k, t in tensors.items()}
    write("dtypes.json", {"tensors": {k: tensor_json(t) for k, t in widened.items()}, "metadata": metadata})


def layout():
    g = torch.Generator().manual_seed(11)
    tensors = {
        "b": torch.randn(2, 2, generator=g),
        "a": torch.randn(3, generator=g),
        "A": torch.randn(1, 1, 1, generator=g),
        "z": torch.arange(5),
        "m": torch.randn(2, 3, generator=g, dtype=torch.float64),
        "flag": torch.tensor([[True], [False]]),
        "\u00e9t\u00e9": torch.tensor(1.25),
        "quote\"back\\slash\nnew\tline\u0001": torch.zeros(0),
        "0.weight": torch.randn(4, 2, generator=g),
    }
    metadata = {"format": "pt", "z-last": "control \u0002 and \u00ff", "a-first": "tab\there \"q\" \\"}
    save_file(tensors, "layout.safetensors", metadata)
    write("layout.json", {"tensors": {k: tensor_json(t) for k, t in tensors.items()}, "metadata": metadata})


def torch_mlp():
    torch.manual_seed(3)
    model = nn.Sequential(
        nn.Flatten(), nn.Linear(2, 16), nn.LeakyReLU(0.2), nn.Dropout(0.1),
        nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 3), nn.LogSoftmax(dim=-1))
    centers = torch.tensor([[0.0, 2.0], [2.0, -1.0], [-2.0, -1.0]])
    labels = torch.randint(0, 3, (120,))
    x = centers[labels] + 0.7 * torch.randn(120, 2)
    opt = torch.optim.Adam(model.parameters(), lr=0.02)
    for _ in range(60):
        opt.zero_grad()
        loss = nn.functional.nll_loss(model(x), labels)
        loss.backward()
        opt.step()
    model.eval()
    probe = torch.randn(10, 2)
    with torch.no_grad():
        out = model(probe)
    metadata = {"format": "pt", "nntools.architecture": json.dumps(describe(model), separators=(",", ":"))}
    save_file(model.state_dict(), "torch_mlp.safetensors", metadata)
    write("torch_mlp.json", {"input": tensor_json(probe), "output": tensor_json(out),
                             "keys": list(model.state_dict().keys()), "final_loss": loss.item()})


if __name__ == "__main__":
    dtypes()
    layout()
    torch_mlp()
