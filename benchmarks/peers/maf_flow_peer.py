#!/usr/bin/python3
"""Python-PyTorch peer of FlowThroughputBenchmark: a plain conditional MAF of the same size.

The architecture is the project's FlowSpec.maf (models/.../flow): L autoregressive layers, the
natural variable order on even layers and the reversed order on odd ones, each conditioned by a
conditional MADE with ReLU hidden layers:
    h1 = relu((M0 * Wx) x + Wc c + b1)            (no x term when D = 1)
    h(l+1) = relu((Ml * Wl) h(l) + b(l+1))
    out = (ML * WL) h(L) + b_out, reshaped to (B, D, 2) variable-major
with degrees order[j] for x_j, k mod D for hidden unit k (degree 0 sees only the context),
masks hidden >= input and, to the outputs, order[d] > hidden. The masks multiply the weights in
every forward pass. Affine transform with a soft-clamped log-scale:
    alpha = A tanh(s / A),  u = (x - mu) exp(-alpha),  log|det| = -sum alpha,
and log p(x | c) = -0.5 |u|^2 - (D/2) log 2 pi + sum of the layers' log|det|.

Measures, float32, for each x dimension asked for:
- log-prob: rows/s of log p over a table in fixed-size chunks, under torch.no_grad();
- training: rows/s of Adam on the mean negative log-likelihood (torch_peer.training_rates).
--device cuda[:N] runs the flow and the tables on a GPU (a CUDA build of torch; Debian's is CPU-only).
The table holds x = 0.5 c1 + (1 + 0.2 d) exp(0.3 c2) eps with c, eps ~ N(0, 1), laid out [x | c].
Prints one JSON line per (x dimension, measurement).
"""
import argparse
import math

import torch

import torch_peer


class Made(torch.nn.Module):
    def __init__(self, order, hidden, context_dim, params_per_dim):
        super().__init__()
        d = len(order)
        self.d, self.p = d, params_per_dim
        degrees = [torch.arange(w) % d for w in hidden]
        order = torch.tensor(order)
        self.x_linear = None
        if d > 1:
            self.x_linear = torch.nn.Linear(d, hidden[0], bias=False)
            self.register_buffer("x_mask", (degrees[0][:, None] >= order[None, :]).float())
        self.context_linear = torch.nn.Linear(context_dim, hidden[0])
        self.hidden = torch.nn.ModuleList()
        masks = []
        for l in range(1, len(hidden)):
            self.hidden.append(torch.nn.Linear(hidden[l - 1], hidden[l]))
            masks.append((degrees[l][:, None] >= degrees[l - 1][None, :]).float())
        out_degrees = order.repeat_interleave(params_per_dim)
        self.hidden.append(torch.nn.Linear(hidden[-1], d * params_per_dim))
        masks.append((out_degrees[:, None] > degrees[-1][None, :]).float())
        for i, m in enumerate(masks):
            self.register_buffer("mask%d" % i, m)
        self.n_masks = len(masks)
        for lin in [self.x_linear, self.context_linear] + list(self.hidden)[:-1]:
            if lin is not None:
                torch.nn.init.kaiming_uniform_(lin.weight, nonlinearity="relu")
        torch.nn.init.xavier_uniform_(self.hidden[-1].weight, gain=0.1)
        for lin in [self.context_linear] + list(self.hidden):
            torch.nn.init.zeros_(lin.bias)

    def forward(self, x, c):
        h = self.context_linear(c)
        if self.x_linear is not None:
            h = h + torch.nn.functional.linear(x, self.x_mask * self.x_linear.weight)
        h = torch.relu(h)
        for i, lin in enumerate(self.hidden):
            h = torch.nn.functional.linear(h, getattr(self, "mask%d" % i) * lin.weight, lin.bias)
            if i < self.n_masks - 1:
                h = torch.relu(h)
        return h.reshape(x.shape[0], self.d, self.p)


class ConditionalMaf(torch.nn.Module):
    def __init__(self, x_dim, context_dim, layers, hidden, log_scale_bound=3.0):
        super().__init__()
        self.x_dim, self.bound = x_dim, log_scale_bound
        orders = []
        for l in range(layers):
            perm = list(range(x_dim)) if l % 2 == 0 else list(reversed(range(x_dim)))
            orders.append([j + 1 for j in perm])
        self.mades = torch.nn.ModuleList(Made(o, hidden, context_dim, 2) for o in orders)

    def log_prob_of_rows(self, rows):
        x, c = rows[:, :self.x_dim], rows[:, self.x_dim:]
        u, log_det = x, 0
        for made in self.mades:
            p = made(u, c)
            alpha = self.bound * torch.tanh(p[:, :, 1] / self.bound)
            u = (u - p[:, :, 0]) * torch.exp(-alpha)
            log_det = log_det - alpha.sum(1)
        return -0.5 * u.square().sum(1) - 0.5 * self.x_dim * math.log(2 * math.pi) + log_det


def table(n, x_dim, context_dim, device):
    c = torch.randn(n, context_dim)
    scale = torch.exp(0.3 * c[:, 1:2]) if context_dim > 1 else 1.0
    x = 0.5 * c[:, 0:1] + (1 + 0.2 * torch.arange(x_dim)) * scale * torch.randn(n, x_dim)
    return torch.cat([x, c], 1).contiguous().to(device)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--x-dims", type=int, nargs="+", default=[4, 1])
    p.add_argument("--context", type=int, default=2)
    p.add_argument("--layers", type=int, default=5)
    p.add_argument("--hidden", type=int, nargs="+", default=[128, 128])
    p.add_argument("--log-prob-rows", type=int, default=1 << 17)
    p.add_argument("--chunk", type=int, default=65536)
    p.add_argument("--passes", type=int, default=2, help="timed log-prob passes (after one warm-up)")
    p.add_argument("--train-rows", type=int, default=1 << 16)
    p.add_argument("--batch", type=int, nargs="+", default=[4096, 65536])
    p.add_argument("--epochs", type=int, default=1, help="timed epochs (after one warm-up epoch)")
    p.add_argument("--threads", type=int, default=0, help="intra-op threads (0: leave torch's default)")
    p.add_argument("--device", default="cpu", help="cpu, cuda or cuda:N")
    a = p.parse_args()
    device = torch.device(a.device)
    torch_peer.threads(a.threads)
    torch.manual_seed(1)
    for d in a.x_dims:
        flow = ConditionalMaf(d, a.context, a.layers, a.hidden).to(device)
        data = table(a.log_prob_rows, d, a.context, device)
        with torch.no_grad():
            rates = torch_peer.timed_rates(lambda rows: flow.log_prob_of_rows(rows).cpu().numpy(), data, a.chunk,
                                           a.passes)
        torch_peer.report(x_dim=d, measure="log-prob", chunk=a.chunk, rows_per_s=rates,
                          parameters=sum(q.numel() for q in flow.parameters()), device=str(device))
        data = table(a.train_rows, d, a.context, device)
        for batch in a.batch:
            flow = ConditionalMaf(d, a.context, a.layers, a.hidden).to(device)
            rates = torch_peer.training_rates(flow.parameters(), lambda rows: -flow.log_prob_of_rows(rows).mean(),
                                              data, batch, a.epochs)
            torch_peer.report(x_dim=d, measure="training", batch=batch, rows_per_s=rates, device=str(device))


if __name__ == "__main__":
    main()
