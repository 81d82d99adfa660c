"""Workload 7 in Python: numpy normal equations on EVERY core (OpenBLAS's threads), as a worker
that bench/workloads/parallel.ts keeps alive so its turns interleave with fitParallel's.

The bench starts its Python workers with OPENBLAS_NUM_THREADS=1 (bench/lib/python.ts); this one
puts the BLAS pools back to all cores before numpy loads. Protocol as closed_form_sizes.py:
  {"op": "versions"}                                  -> {"numpy", "threads"}
  {"op": "load", "data": path, "rows": n, "cols": p}  -> {} (the file holds X row-major, then y)
  {"op": "calibrate", "warmMs": ms}                   -> {"first", "perCall", "coef", "intercept"}
  {"op": "time", "batch": b, "samples": s}            -> {"samples": per-call ms}
"""
import json
import os
import sys

CORES = str(os.cpu_count() or 1)
for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[name] = CORES

import numpy as np  # noqa: E402  (after the thread counts are set)

from timing import calibrate, timed  # noqa: E402

state = {}


def normal_equations():
    """[1 X]ᵀ[1 X] bordered from XᵀX (syrk, threaded by OpenBLAS) and X's column sums, then solve."""
    X, y, n = state["X"], state["y"], state["rows"]
    p = X.shape[1]
    G = np.empty((p + 1, p + 1))
    G[0, 0] = n
    s = X.sum(axis=0)
    G[0, 1:] = s
    G[1:, 0] = s
    G[1:, 1:] = X.T @ X
    c = np.empty(p + 1)
    c[0] = y.sum()
    c[1:] = X.T @ y
    return np.linalg.solve(G, c)


def versions():
    threads = None
    try:
        from threadpoolctl import threadpool_info
        threads = sorted({(i.get("internal_api"), i.get("num_threads")) for i in threadpool_info()})
    except Exception:
        pass
    return {"numpy": np.__version__, "threads": threads, "cores": int(CORES)}


def handle(req):
    op = req["op"]
    if op == "versions":
        return versions()
    if op == "load":
        n, p = req["rows"], req["cols"]
        raw = np.fromfile(req["data"], dtype=np.float64)
        state.clear()
        state.update(rows=n, X=raw[: n * p].reshape(n, p), y=raw[n * p : n * p + n])
        return {}
    if op == "calibrate":
        first, per_call, beta = calibrate(normal_equations, req["warmMs"])
        return {"first": first, "perCall": per_call, "coef": beta[1:].tolist(), "intercept": float(beta[0])}
    if op == "time":
        samples, _ = timed(normal_equations, req["batch"], req["samples"])
        return {"samples": samples}
    raise ValueError(f"unknown op {op}")


for line in sys.stdin:
    if not line.strip():
        continue
    try:
        answer = handle(json.loads(line))
    except Exception as error:  # the bench turns it into a row that says so
        answer = {"error": f"{type(error).__name__}: {error}"}
    sys.stdout.write("@@ " + json.dumps(answer) + "\n")
    sys.stdout.flush()
