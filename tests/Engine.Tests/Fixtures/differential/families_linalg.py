"""Differential families of torch.linalg's norms and decompositions (make_differential.py --module linalg).

Decompositions are unique only up to the signs of their vectors (LAPACK's choice is an accident of its
algorithm), so their ops record sign-invariant quantities and only those carry gradients: singular values
and eigenvalues, squared entries of U, Vh, Q, R and V (a column's sign cancels), reconstructions such as
U diag(S) Vh, and projectors onto the spans of the extra columns of complete factors. Inputs are built
well conditioned: singular values and eigenvalues apart (the backward formulas divide by their
differences), positive-definite matrices for cholesky, full rank for pinv.
"""
import torch

from make_differential import FLOATS, DTYPES, In

LA = torch.linalg


def batch(gen):
    return [gen.r.randint(1, 3) for _ in range(gen.choice([0, 0, 1, 2]))]


def orthonormal(gen, n, k, shape):
    """[*shape, n, k] with orthonormal columns, from the QR of a random matrix."""
    q, _ = torch.linalg.qr(torch.randn(shape + [n, max(k, 1)], generator=gen.g, dtype=torch.float64))
    return q[..., :k]


def spread(gen, shape, k, lo, gap):
    """[*shape, k] values, each at least `gap` from the others, descending, the smallest >= lo."""
    steps = torch.rand(shape + [k], generator=gen.g, dtype=torch.float64) + gap
    return (lo + torch.cumsum(steps, -1)).flip(-1)


def mat_in(gen, m, dt, rg=True):
    """An input holding the float64 matrix m in dtype dt, sometimes passed as a transposed view."""
    m = m.to(DTYPES[dt])
    if m.dim() >= 2 and gen.chance(0.2):
        return In(m.transpose(-2, -1).contiguous(), rg, "T")
    return In(m, rg)


def with_singular_values(gen, shape, m, n):
    k = min(m, n)
    s = spread(gen, shape, k, 0.5, 0.3)
    return orthonormal(gen, m, k, shape) @ torch.diag_embed(s) @ orthonormal(gen, n, k, shape).transpose(-2, -1)


def symmetric(gen, shape, n):
    """Eigenvalues of either sign, distinct and at least 0.5 from zero, so that pinv stays well conditioned."""
    signs = torch.randint(0, 2, shape + [n], generator=gen.g).double() * 2 - 1
    lam = spread(gen, shape, n, 0.5, 0.4) * signs
    q = orthonormal(gen, n, n, shape)
    return q @ torch.diag_embed(lam) @ q.transpose(-2, -1)


def c_norm(gen):
    dt = gen.choice(FLOATS if gen.chance(0.95) else FLOATS + ["int64"])
    op = gen.choice(["la_vector_norm", "la_vector_norm", "la_matrix_norm", "la_matrix_norm", "la_norm", "la_norm"])
    nd = gen.r.randint(1, 4) if op != "la_matrix_norm" else gen.r.randint(2, 4)
    shape = [gen.r.randint(1, 4) for _ in range(nd)]
    if gen.chance(0.04):
        shape[gen.r.randrange(nd)] = 0
    x = In(gen.values(shape, dt), dt in FLOATS)
    kw = {"keepdim": gen.chance(0.3)}
    if op == "la_vector_norm":
        kw["ord"] = gen.choice([2, 1, 3, 0.5, -1, -2, 0, 1.5, "inf", "-inf", 2.0])
        if gen.chance(0.6):
            kw["dim"] = gen.r.sample(range(-nd, nd), 1) if gen.chance(0.5) else sorted(gen.r.sample(range(nd), min(nd, 2)))
        return op, [x], kw
    if op == "la_matrix_norm":
        kw["ord"] = gen.choice(["fro", "nuc", 1, -1, 2, -2, "inf", "-inf", "fro", "nuc", 3])
        if gen.chance(0.4):
            kw["dim"] = gen.r.sample(range(nd), 2)
        return op, [x], kw
    kw["ord"] = gen.choice([None, None, "fro", "nuc", 1, 2, -2, "inf", 3])
    if gen.chance(0.5):
        kw["dim"] = gen.r.sample(range(nd), gen.choice([1, min(2, nd)]))
    return op, [x], kw


def c_decomp(gen):
    op = gen.choice(["la_svd", "la_svd", "la_svdvals", "la_qr", "la_qr", "la_eigh", "la_eigh", "la_eigvalsh",
                     "la_cholesky", "la_cholesky", "la_pinv", "la_pinv"])
    dt = gen.choice(FLOATS)
    shape = batch(gen)
    m, n = gen.r.randint(1, 4), gen.r.randint(1, 4)
    if op in ("la_svd", "la_svdvals"):
        return op, [mat_in(gen, with_singular_values(gen, shape, m, n), dt)], {"full_matrices": gen.chance(0.4)}
    if op == "la_qr":
        a = with_singular_values(gen, shape, m, n)
        if m < n:
            # the backward of a wide QR solves with the leading square block: keep that block conditioned
            a = torch.cat([with_singular_values(gen, shape, m, m), torch.randn(shape + [m, n - m], generator=gen.g, dtype=torch.float64)], -1)
        return op, [mat_in(gen, a, dt)], {"mode": gen.choice(["reduced", "reduced", "complete", "r"])}
    if op in ("la_eigh", "la_eigvalsh"):
        a = symmetric(gen, shape, n)
        uplo = gen.choice(["L", "U"])
        if gen.chance(0.3):
            # noise in the triangle UPLO says to ignore: the result must not see it
            noise = torch.randn(a.shape, generator=gen.g, dtype=torch.float64)
            a = a + (noise.triu(1) if uplo == "L" else noise.tril(-1))
        if gen.chance(0.04):
            a = torch.randn(shape + [m, n + 1], generator=gen.g, dtype=torch.float64)
        return op, [mat_in(gen, a, dt)], {"uplo": uplo}
    if op == "la_cholesky":
        b = torch.randn(shape + [n, n], generator=gen.g, dtype=torch.float64)
        a = b @ b.transpose(-2, -1) + n * torch.eye(n, dtype=torch.float64)
        if gen.chance(0.15) and a.numel() > 0:
            # a negative pivot at a random order makes the matrix indefinite
            j = gen.r.randrange(n)
            a = a.clone()
            a[..., j, j] = -1.0
        return op, [mat_in(gen, a, dt)], {"upper": gen.chance(0.4)}
    hermitian = gen.chance(0.3)
    a = symmetric(gen, shape, n) if hermitian else with_singular_values(gen, shape, m, n)
    kw = {"hermitian": hermitian}
    if gen.chance(0.3):
        kw["rtol"] = gen.choice([1e-3, 0.1])
    if gen.chance(0.2):
        kw["atol"] = gen.choice([1e-4, 0.0])
    return op, [mat_in(gen, a, dt)], kw


def svd_outputs(a, full):
    u, s, vh = LA.svd(a, full_matrices=full)
    k = s.shape[-1]
    uk, vhk = u[..., :k], vh[..., :k, :]
    outs = [s, uk * uk, vhk * vhk, (uk * s.unsqueeze(-2)) @ vhk]
    if full:
        uc, vc = u[..., k:], vh[..., k:, :]
        outs += [uc @ uc.transpose(-2, -1), vc.transpose(-2, -1) @ vc]
    return outs


def qr_outputs(a, mode):
    q, r = LA.qr(a, mode=mode)
    if mode == "r":
        return [q, r * r]
    k = min(a.shape[-2], a.shape[-1])
    qk = q[..., :k]
    outs = [qk * qk, r * r, q @ r]
    if mode == "complete":
        qc = q[..., k:]
        outs.append(qc @ qc.transpose(-2, -1))
    return outs


def eigh_outputs(a, uplo):
    lam, v = LA.eigh(a, UPLO=uplo)
    return [lam, v * v, (v * lam.unsqueeze(-2)) @ v.transpose(-2, -1)]


def norm_kw(kw):
    """JSON has no infinities: the orders inf and -inf travel as strings."""
    out = {k: v for k, v in kw.items() if k in ("ord", "dim", "keepdim")}
    if out.get("ord") in ("inf", "-inf"):
        out["ord"] = float(out["ord"])
    return out


OPS = {
    "la_vector_norm": lambda i, kw: LA.vector_norm(i[0], **norm_kw(kw)),
    "la_matrix_norm": lambda i, kw: LA.matrix_norm(i[0], **norm_kw(kw)),
    "la_norm": lambda i, kw: LA.norm(i[0], **norm_kw(kw)),
    "la_svd": lambda i, kw: svd_outputs(i[0], kw["full_matrices"]),
    "la_svdvals": lambda i, kw: LA.svdvals(i[0]),
    "la_qr": lambda i, kw: qr_outputs(i[0], kw["mode"]),
    "la_eigh": lambda i, kw: eigh_outputs(i[0], kw["uplo"]),
    "la_eigvalsh": lambda i, kw: LA.eigvalsh(i[0], UPLO=kw["uplo"]),
    "la_cholesky": lambda i, kw: LA.cholesky(i[0], upper=kw["upper"]),
    "la_pinv": lambda i, kw: LA.pinv(i[0], atol=kw.get("atol"), rtol=kw.get("rtol"), hermitian=kw["hermitian"]),
}

FAMILIES = [("la_norm", c_norm, 300), ("la_decomp", c_decomp, 400)]
