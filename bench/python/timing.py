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
