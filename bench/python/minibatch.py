"""Workload 10 in PyTorch: one epoch of mini-batch training, the standard DataLoader loop, with
torch.optim.SGD and torch.optim.Adam, float64, one thread.

Usage: minibatch.py '{"data": path, "rows": n, "cols": p, "batchSize": 64, "sgdLr": 1e-3,
                      "adamLr": 1e-3, "budget": {...}}'
The file holds X (row-major rows×cols) then y. Each timed call makes a fresh zero-initialised
nn.Linear and optimizer and runs one epoch over the DataLoader (built once, shuffle=False, the
last partial batch kept). Prints one JSON line:
{"rows": [{"name", "samples", "loss", "w", "b"}], "torch": version}.
"""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

from timing import measure

args = json.loads(sys.argv[1])
n, p = args["rows"], args["cols"]
raw = np.fromfile(args["data"], dtype=np.float64)
torch.set_num_threads(1)
X = torch.from_numpy(raw[: n * p].reshape(n, p))
Y = torch.from_numpy(raw[n * p : n * p + n]).unsqueeze(1)
loader = DataLoader(TensorDataset(X, Y), batch_size=args["batchSize"], shuffle=False)


def epoch(make_optimizer):
    def run():
        model = torch.nn.Linear(p, 1, dtype=torch.float64)
        with torch.no_grad():
            model.weight.zero_()
            model.bias.zero_()
        optimizer = make_optimizer(model.parameters())
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = F.mse_loss(model(xb), yb)
            loss.backward()
            optimizer.step()
        return float(loss), model.weight.detach()[0].tolist(), float(model.bias.item())

    return run


rows = []
optimizers = (
    ("sgd", lambda params: torch.optim.SGD(params, lr=args["sgdLr"])),
    ("adam", lambda params: torch.optim.Adam(params, lr=args["adamLr"])),
)
for name, make in optimizers:
    samples, (loss, w, b) = measure(epoch(make), args["budget"])
    rows.append({"name": name, "samples": samples, "loss": loss, "w": w, "b": b})
print(json.dumps({"rows": rows, "torch": torch.__version__}))
