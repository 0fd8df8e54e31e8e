#!/usr/bin/python3
"""Python-PyTorch peer of PosteriorEvaluatorBenchmark: the straightforward grid evaluation.

For N events x, an M-point theta grid and one setting phi, S_j = sum_i logit(x_i, theta_j, phi)
with a ReLU MLP 3-128-128-128-1 in float32 on standardized inputs: for each chunk of grid points,
concatenate the (x, theta, phi) rows of all N events with those points, forward them, sum the
logits over the events (in float64) and keep M numbers. Chunks hold --chunk-rows pairs rounded
to whole grid points (at least one). Prints one JSON line per grid size with the evaluations
(pairs) per second of every timed repetition.
"""
import argparse
import json
import time

import torch


def evaluate(net, x, thetas, phi, chunk_rows):
    n = x.shape[0]
    per_chunk = max(1, chunk_rows // n)
    out = torch.empty(thetas.shape[0], dtype=torch.float64)
    xs = x.repeat(per_chunk, 1)
    ps = phi.expand(n * per_chunk, 1)
    for j0 in range(0, thetas.shape[0], per_chunk):
        j1 = min(thetas.shape[0], j0 + per_chunk)
        k = j1 - j0
        ts = thetas[j0:j1].repeat_interleave(n, 0)
        rows = torch.cat([xs[:k * n], ts, ps[:k * n]], 1)
        logits = net(rows).reshape(k, n)
        out[j0:j1] = logits.double().sum(1)
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--events", type=int, default=10_000)
    p.add_argument("--grid", type=int, nargs="+", default=[1000, 10_000])
    p.add_argument("--reps", type=int, nargs="+", default=[3, 1], help="timed repetitions per grid size")
    p.add_argument("--chunk-rows", type=int, default=10_000)
    p.add_argument("--threads", type=int, default=0, help="intra-op threads (0: leave torch's default)")
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    net = torch.nn.Sequential(
        torch.nn.Linear(3, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 1)).eval()
    g = torch.Generator().manual_seed(2)
    n = a.events
    x = (torch.randn(n, 1, generator=g, dtype=torch.float64) * 1.2 + 0.3)
    mean, scale = torch.tensor([0.3, 0.0, 1.0], dtype=torch.float64), torch.tensor([1.2, 0.58, 0.3],
                                                                                     dtype=torch.float64)
    phi = torch.tensor([[1.0]], dtype=torch.float64)
    with torch.inference_mode():
        xz = ((x - mean[0]) / scale[0]).float()
        pz = ((phi - mean[2]) / scale[2]).float()
        warm = torch.linspace(-1, 1, 20, dtype=torch.float64).reshape(-1, 1)
        evaluate(net, xz, ((warm - mean[1]) / scale[1]).float(), pz, a.chunk_rows)
        for m, reps in zip(a.grid, a.reps + [a.reps[-1]] * len(a.grid)):
            grid = torch.linspace(-1, 1, m, dtype=torch.float64).reshape(-1, 1)
            rates = []
            for _ in range(reps):
                t0 = time.perf_counter()
                tz = ((grid - mean[1]) / scale[1]).float()
                s = evaluate(net, xz, tz, pz, a.chunk_rows)
                rates.append(n * m / (time.perf_counter() - t0))
            print(json.dumps({"events": n, "grid": m, "evals_per_s": rates, "checksum": float(s.sum()),
                              "threads": torch.get_num_threads(), "chunk_rows": a.chunk_rows,
                              "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
