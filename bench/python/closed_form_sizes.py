"""Workload 6 in Python: numpy and scikit-learn closed-form fits, as a worker that bench/run.ts
keeps alive so its rounds interleave with the JS rows (bench/workloads/closed-form-sizes.ts).

Usage: closed_form_sizes.py, then one JSON request per line on stdin; each answer is one line on
stdout starting with "@@ " (anything else a library prints is not an answer). Requests:
  {"op": "versions"}                                  -> {"numpy", "sklearn" (or null), "threads"}
  {"op": "load", "data": path, "rows": n, "cols": p}  -> {} (the file holds X row-major, then y)
  {"op": "calibrate", "peer": name, "warmMs": ms}     -> {"first", "perCall", "coef", "intercept"}
  {"op": "time", "peer": name, "batch": b, "samples": s} -> {"samples": per-call ms}
A request that fails answers {"error": message}. The bench sets OPENBLAS_NUM_THREADS,
OMP_NUM_THREADS and MKL_NUM_THREADS to 1 in this process's environment: every peer on one core.
"""
import json
import sys

import numpy as np

from timing import calibrate, timed

try:
    import sklearn
    from sklearn.linear_model import LinearRegression as SkLinearRegression
except ImportError:
    sklearn = None

state = {}


def normal_equations():
    """[1 X]ᵀ[1 X] bordered from XᵀX (numpy runs syrk for X.T @ X) and X's column sums: no copy of X."""
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


def lstsq():
    """np.linalg.lstsq on [1 X], built before timing (as our lstsq gets its Matrix)."""
    return np.linalg.lstsq(state["A"], state["y"], rcond=None)[0]


def sklearn_fit():
    if sklearn is None:
        raise ImportError("scikit-learn is not installed")
    m = SkLinearRegression().fit(state["X"], state["y"])
    return np.concatenate([[m.intercept_], m.coef_])


PEERS = {"normal": normal_equations, "lstsq": lstsq, "sklearn": sklearn_fit}


def versions():
    sk = sklearn.__version__ if sklearn is not None else None
    threads = None
    try:
        from threadpoolctl import threadpool_info
        threads = sorted({(i.get("internal_api"), i.get("num_threads")) for i in threadpool_info()})
    except Exception:
        pass
    return {"numpy": np.__version__, "sklearn": sk, "threads": threads}


def handle(req):
    op = req["op"]
    if op == "versions":
        return versions()
    if op == "load":
        n, p = req["rows"], req["cols"]
        raw = np.fromfile(req["data"], dtype=np.float64)
        state.clear()
        state.update(rows=n, X=raw[: n * p].reshape(n, p), y=raw[n * p : n * p + n])
        if req.get("design", True):  # [1 X] for lstsq (parallel_numpy.py times the normal equations only)
            state["A"] = np.column_stack([np.ones(n), state["X"]])
        return {}
    fn = PEERS[req["peer"]]
    if op == "calibrate":
        first, per_call, beta = calibrate(fn, req["warmMs"])
        return {"first": first, "perCall": per_call, "coef": beta[1:].tolist(), "intercept": float(beta[0])}
    if op == "time":
        samples, _ = timed(fn, req["batch"], req["samples"])
        return {"samples": samples}
    raise ValueError(f"unknown op {op}")


def serve(handler):
    """Answers the bench's JSON lines on stdin, one "@@ {...}" line each on stdout."""
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = handler(json.loads(line))
        except Exception as error:  # the bench turns it into a row that says so
            answer = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write("@@ " + json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve(handle)
