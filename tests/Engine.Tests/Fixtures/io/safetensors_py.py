"""A small safetensors reader and writer for the fixture scripts, used because the `safetensors`
package is not installed here. The writer follows the reference serializer
(safetensors/src/tensor.rs, `prepare`): tensors sorted by descending dtype (the order of the
reference's Dtype enum) then by name as UTF-8 bytes; a compact JSON header with "__metadata__"
first and each entry as {"dtype","shape","data_offsets"}; the header padded with spaces to a
multiple of 8 bytes; the data little-endian, row-major. The reference keeps metadata in a hash map
(any order); this writer sorts its keys, as NNTools does, so the two write identical bytes.
"""
import json
import struct

import torch

# (name, torch dtype, element size); the list order is the reference enum's order.
_DTYPES = [
    ("BOOL", torch.bool, 1),
    ("U8", torch.uint8, 1),
    ("I8", torch.int8, 1),
    ("I16", torch.int16, 2),
    ("F16", torch.float16, 2),
    ("BF16", torch.bfloat16, 2),
    ("I32", torch.int32, 4),
    ("F32", torch.float32, 4),
    ("F64", torch.float64, 8),
    ("I64", torch.int64, 8),
]
_ORDER = {name: i for i, (name, _, _) in enumerate(_DTYPES)}
_BY_TORCH = {t: (name, size) for name, t, size in _DTYPES}
_BY_NAME = {name: (t, size) for name, t, size in _DTYPES}


def _bytes(t):
    t = t.detach().contiguous()
    if t.dtype in (torch.float16, torch.bfloat16):
        t = t.view(torch.int16)
    return t.numpy().tobytes()


def serialize(tensors, metadata=None):
    items = sorted(tensors.items(), key=lambda kv: (-_ORDER[_BY_TORCH[kv[1].dtype][0]], kv[0].encode("utf-8")))
    header = {}
    if metadata is not None:
        header["__metadata__"] = {k: metadata[k] for k in sorted(metadata, key=lambda k: k.encode("utf-8"))}
    offset = 0
    blobs = []
    for name, t in items:
        data = _bytes(t)
        header[name] = {"dtype": _BY_TORCH[t.dtype][0], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def save_file(tensors, path, metadata=None):
    with open(path, "wb") as f:
        f.write(serialize(tensors, metadata))


def load_file(path):
    """Returns (tensors, metadata); checks that the offsets tile the data exactly."""
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", {})
    tensors = {}
    position = 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        begin, end = info["data_offsets"]
        assert begin == position, f"{name}: offsets do not tile the data"
        dtype, size = _BY_NAME[info["dtype"]]
        count = 1
        for d in info["shape"]:
            count *= d
        assert end - begin == count * size, f"{name}: shape and length disagree"
        chunk = bytearray(data[begin:end])
        storage = torch.int16 if dtype in (torch.float16, torch.bfloat16) else dtype
        flat = torch.frombuffer(chunk, dtype=storage) if chunk else torch.empty(0, dtype=storage)
        tensors[name] = flat.view(dtype).reshape(info["shape"]).clone()
        position = end
    assert position == len(data), "bytes left after the last tensor"
    return tensors, metadata
