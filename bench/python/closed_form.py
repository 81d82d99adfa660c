"""Workload 3 in numpy: normal equations and lstsq on [1 X], data from a raw float64 file.

Usage: closed_form.py '{"data": path, "rows": n, "cols": p, "budget": {...}}'
The file holds X (row-major rows×cols) then y. Prints one JSON line:
{"rows": [{"name", "samples", "coef", "intercept"}], "numpy": version}.
"""
import json
import sys

import numpy as np

from timing import measure

args = json.loads(sys.argv[1])
n, p = args["rows"], args["cols"]
raw = np.fromfile(args["data"], dtype=np.float64)
X = raw[: n * p].reshape(n, p)
y = raw[n * p : n * p + n]


def normal_equations():
    A = np.column_stack([np.ones(n), X])
    return np.linalg.solve(A.T @ A, A.T @ y)


def lstsq():
    A = np.column_stack([np.ones(n), X])
    return np.linalg.lstsq(A, y, rcond=None)[0]


rows = []
for name, fn in (("normal", normal_equations), ("lstsq", lstsq)):
    samples, beta = measure(fn, args["budget"])
    rows.append({"name": name, "samples": samples, "coef": beta[1:].tolist(), "intercept": float(beta[0])})
print(json.dumps({"rows": rows, "numpy": np.__version__}))
