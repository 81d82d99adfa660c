"""Peak memory of one numpy fit on [1 X] (workload 5), in a fresh process.

Usage: fit_rss.py '{"data": path, "rows": n, "cols": p, "method": "normal" | "lstsq"}'
Prints {"baselineBytes", "peakBytes"}: resident memory after importing numpy, and the peak (VmHWM).
"""
import json
import os
import resource
import sys

import numpy as np

args = json.loads(sys.argv[1])
n, p = args["rows"], args["cols"]


def rss_now():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss():
    """VmHWM: the peak of this process's own memory map (ru_maxrss is carried over fork + exec)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


baseline = rss_now()
raw = np.fromfile(args["data"], dtype=np.float64)
X = raw[: n * p].reshape(n, p)
y = raw[n * p : n * p + n]
A = np.column_stack([np.ones(n), X])
if args["method"] == "normal":
    beta = np.linalg.solve(A.T @ A, A.T @ y)
else:
    beta = np.linalg.lstsq(A, y, rcond=None)[0]
peak = peak_rss()
print(json.dumps({"baselineBytes": baseline, "peakBytes": peak, "intercept": float(beta[0])}))
