"""Timing shared by the bench's Python peers: a pilot call, then enough repeats to fill a budget."""
import time


def measure(fn, budget):
    """Returns (samples_ms, last_result): one pilot (warm-up) call, then the timed repeats."""
    t0 = time.perf_counter()
    result = fn()
    pilot_ms = max((time.perf_counter() - t0) * 1000, 1e-4)
    n = int(round(min(budget["maxSamples"], max(budget["minSamples"], budget["ms"] / pilot_ms))))
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples, result


def calibrate(fn, warm_ms):
    """Returns (first_ms, per_call_ms, result): a first call (which may be slow), a second, then
    (when that took under warm_ms) calls for about warm_ms / 2 and as many again timed as one block.
    A first call of 200 ms or more is the answer by itself (as bench/lib/measure.ts calibrate)."""

    def once():
        t0 = time.perf_counter()
        r = fn()
        return max((time.perf_counter() - t0) * 1000, 1e-6), r

    first, result = once()
    if first >= 200:
        return first, first, result
    second, result = once()
    if second >= warm_ms:
        return first, second, result
    n = 0
    t0 = time.perf_counter()
    while True:
        result = fn()
        n += 1
        if (time.perf_counter() - t0) * 1000 >= warm_ms / 2:
            break
    t0 = time.perf_counter()
    for _ in range(n):
        result = fn()
    return first, max((time.perf_counter() - t0) * 1000 / n, 1e-6), result


def timed(fn, batch, samples):
    """Returns (samples_ms, last_result): `samples` samples of `batch` calls each, per call, so that
    calls of a few microseconds are not timed one by one (as bench/lib/measure.ts runTask)."""
    out = []
    result = None
    for _ in range(samples):
        t0 = time.perf_counter()
        for _ in range(batch):
            result = fn()
        out.append((time.perf_counter() - t0) * 1000 / batch)
    return out, result
