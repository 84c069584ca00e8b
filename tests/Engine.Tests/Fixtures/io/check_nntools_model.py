"""Loads the model NNTools trained and saved (nntools_mlp.safetensors, written by
ModelFileTests.RegenerateNNToolsModelFixture) in PyTorch, checks that it predicts what NNTools
predicted (nntools_mlp.json), that PyTorch saving the same state dict writes the same bytes, and
records PyTorch's predictions in nntools_mlp_torch.json for the C# test.

Regenerate, from the repository root:
  NNTOOLS_REGENERATE_FIXTURES=1 dotnet test tests/Engine.Tests --filter "FullyQualifiedName~RegenerateNNToolsModelFixture"
  cd tests/Engine.Tests/Fixtures/io && /usr/bin/python3 check_nntools_model.py
"""
import json
import sys

import torch

sys.path.insert(0, "..")
from fixture_util import tensor_from_json, tensor_json, write  # noqa: E402
from safetensors_py import load_file, serialize  # noqa: E402
from architecture import build, describe  # noqa: E402

tensors, metadata = load_file("nntools_mlp.safetensors")
assert metadata["format"] == "pt"
description = json.loads(metadata["nntools.architecture"])
model = build(description)
model.load_state_dict(tensors, strict=True)
model.eval()
assert describe(model) == description

with open("nntools_mlp.json") as f:
    ours = json.load(f)
x = tensor_from_json(ours["input"])
with torch.no_grad():
    out = model(x)
expected = tensor_from_json(ours["output"])
diff = (out - expected).abs().max().item()
assert torch.allclose(out, expected, rtol=1e-5, atol=1e-6), f"PyTorch and NNTools disagree by {diff}"

with open("nntools_mlp.safetensors", "rb") as f:
    assert f.read() == serialize(model.state_dict(), metadata), "PyTorch's state dict serializes to different bytes"

write("nntools_mlp_torch.json", {"output": tensor_json(out)})
print(f"ok: {len(tensors)} tensors, max |torch - nntools| = {diff:.3g}")
