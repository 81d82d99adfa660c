"""Workload 1 in Python: the notebook's PyTorch loop (as written) and the same algorithm in numpy.

Usage: seed.py '{"fixture": path, "iterations": 10000, "budget": {...}, "which": ["torch", "numpy"]}'
Prints one JSON line: {"rows": [{"name", "samples", "loss", "w", "b"}], "versions": {...}}.
"""
import json
import sys

from timing import measure

args = json.loads(sys.argv[1])
fx = json.load(open(args["fixture"]))
iterations, lr, budget = args["iterations"], fx["lr"], args["budget"]
rows, versions = [], {}


def torch_loop():
    import torch
    import torch.optim as optim
    X = torch.tensor(fx["X"], dtype=torch.float64)
    Y = torch.tensor(fx["y_obs"], dtype=torch.float64)

    def linear_model(X, w, b):
        return torch.add(torch.matmul(X, w), b)

    def loss(Y_hat, Y_obs):
        return ((Y_hat - Y_obs) ** 2).sum()

    def run():
        w_hat = torch.tensor(fx["init"]["w"], dtype=torch.float64, requires_grad=True)
        b_hat = torch.tensor([fx["init"]["b"]], dtype=torch.float64, requires_grad=True)
        optimizer = optim.SGD([w_hat, b_hat], lr=lr)
        for t in range(iterations):
            optimizer.zero_grad()
            current_loss = loss(linear_model(X, w_hat, b_hat), Y)
            current_loss.backward()
            optimizer.step()
        return float(current_loss), w_hat.detach().tolist(), float(b_hat.item())

    torch.set_num_threads(1)
    versions["torch"] = torch.__version__
    samples, (l, w, b) = measure(run, budget)
    rows.append({"name": "torch", "samples": samples, "loss": l, "w": w, "b": b})


def numpy_loop():
    import numpy as np
    X = np.array(fx["X"], dtype=np.float64)
    Y = np.array(fx["y_obs"], dtype=np.float64)

    def run():
        w = np.array(fx["init"]["w"], dtype=np.float64)
        b = fx["init"]["b"]
        for t in range(iterations):
            r = X @ w + b - Y
            current_loss = r @ r
            w = w - lr * (2.0 * (X.T @ r))
            b = b - lr * (2.0 * r.sum())
        return float(current_loss), w.tolist(), float(b)

    versions["numpy"] = np.__version__
    samples, (l, w, b) = measure(run, budget)
    rows.append({"name": "numpy", "samples": samples, "loss": l, "w": w, "b": b})


if "torch" in args["which"]:
    torch_loop()
if "numpy" in args["which"]:
    numpy_loop()
print(json.dumps({"rows": rows, "versions": versions}))
