#!/usr/bin/python3
"""Python-PyTorch peer of TrainingThroughputBenchmark: the same MLP, data layout and loop.

A float32 table (N, 4) of three standardized inputs and a 0/1 label lives in memory. Each epoch
shuffles it with one gather (torch.randperm), then walks it in contiguous mini-batches: forward,
binary cross-entropy with logits, backward, Adam step, gradients zeroed. ReLU MLP 3-128-128-128-1.
Rows/s = table rows consumed per second of that loop. Prints one JSON line per batch size.
"""
import argparse

import torch

import torch_peer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=1 << 20)
    p.add_argument("--batch", type=int, nargs="+", default=[4096, 65536])
    p.add_argument("--epochs", type=int, default=3, help="timed epochs (after one warm-up epoch)")
    p.add_argument("--threads", type=int, default=0, help="intra-op threads (0: leave torch's default)")
    p.add_argument("--form", choices=["reference", "lte"], default="reference")
    a = p.parse_args()
    torch_peer.threads(a.threads)
    torch.manual_seed(1)
    n = a.rows
    table = torch.randn(n, 4)
    table[:, 3] = (torch.rand(n) < 0.5).float()
    for batch in a.batch:
        net = torch.nn.Sequential(
            torch.nn.Linear(3, 128), torch.nn.ReLU(),
            torch.nn.Linear(128, 128), torch.nn.ReLU(),
            torch.nn.Linear(128, 128), torch.nn.ReLU(),
            torch.nn.Linear(128, 1))

        def loss(b):
            if a.form == "reference":
                return torch.nn.functional.binary_cross_entropy_with_logits(net(b[:, 0:3]), b[:, 3:4])
            x, th, ph = b[:, 0:1], b[:, 1:2], b[:, 2:3]
            neg = torch.cat([x, th[torch.randperm(len(b))], ph], 1)
            logits = net(torch.cat([b[:, 0:3], neg], 0))
            labels = torch.cat([torch.ones(len(b), 1), torch.zeros(len(b), 1)], 0)
            return torch.nn.functional.binary_cross_entropy_with_logits(logits, labels)

        rates = torch_peer.training_rates(net.parameters(), loss, table, batch, a.epochs)
        torch_peer.report(batch=batch, rows_per_s=rates, form=a.form)


if __name__ == "__main__":
    main()
