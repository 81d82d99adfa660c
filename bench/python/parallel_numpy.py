"""Workload 7 in Python: numpy normal equations on EVERY core (OpenBLAS's threads), as a worker
that bench/workloads/parallel.ts keeps alive so its turns interleave with fitParallel's.

The bench starts its Python workers with OPENBLAS_NUM_THREADS=1 (bench/lib/python.ts); this one
puts the BLAS pools back to all cores before numpy loads. Protocol as closed_form_sizes.py:
  {"op": "versions"}                                  -> {"numpy", "threads"}
  {"op": "load", "data": path, "rows": n, "cols": p}  -> {} (the file holds X row-major, then y)
  {"op": "calibrate", "warmMs": ms}                   -> {"first", "perCall", "coef", "intercept"}
  {"op": "time", "batch": b, "samples": s}            -> {"samples": per-call ms}
"""
import os

CORES = str(os.cpu_count() or 1)
for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[name] = CORES

import closed_form_sizes as peers  # noqa: E402  (after the thread counts are set: it loads numpy)


def handle(req):
    """closed_form_sizes.py's protocol, for its normal equations alone, on every core."""
    op = req["op"]
    if op == "versions":
        return {**peers.versions(), "cores": int(CORES)}
    if op == "load":
        return peers.handle({**req, "design": False})
    return peers.handle({**req, "peer": "normal"})


peers.serve(handle)
