"""What the Python-PyTorch peers of the throughput benchmarks share (Debian's python3-torch).

Imported by the peer scripts in this folder (they run as scripts, so this folder is on sys.path):
- threads(n): pins torch's intra-op threads (0 leaves torch's default) and returns the count used;
- training_rates(...): the training loop the Java TrainingLoop is measured against -- per epoch one
  shuffle by gather (torch.randperm), contiguous mini-batches, zeroed gradients, loss, backward,
  Adam step -- returning rows/s of every timed epoch (one warm-up epoch first);
- timed_rates(...): rows/s of repeated passes of a function over a table after one warm-up pass;
- report(**fields): one JSON line on stdout, which the Java side reads (PythonPeer).
Tables may live on a GPU: the shuffles draw their permutation on the table's device and every
timed pass or epoch waits for the device (torch.cuda.synchronize) before its clock stops.
"""
import json
import time

import torch


def threads(n):
    """Sets torch's intra-op thread count when n > 0; returns the count in effect."""
    if n > 0:
        torch.set_num_threads(n)
    return torch.get_num_threads()


def synchronize(tensor):
    """Waits for the kernels queued on the tensor's device (a no-op on the CPU)."""
    if tensor.is_cuda:
        torch.cuda.synchronize(tensor.device)


def training_rates(parameters, loss_fn, table, batch, epochs, lr=1e-3):
    """Rows/s of `epochs` timed epochs (after one warm-up) of Adam on loss_fn(rows) over `table`."""
    n = table.shape[0]
    opt = torch.optim.Adam(parameters, lr=lr)
    rates = []
    for epoch in range(epochs + 1):
        t0 = time.perf_counter()
        shuffled = table[torch.randperm(n, device=table.device)]
        for s in range(0, n, batch):
            opt.zero_grad()
            loss = loss_fn(shuffled[s:s + batch])
            loss.backward()
            opt.step()
        synchronize(table)
        if epoch > 0:
            rates.append(n / (time.perf_counter() - t0))
    return rates


def timed_rates(fn, table, chunk, passes):
    """Rows/s of `passes` timed passes (after one warm-up) of fn over `table` in chunks of `chunk` rows."""
    n = table.shape[0]
    rates = []
    for p in range(passes + 1):
        t0 = time.perf_counter()
        for s in range(0, n, chunk):
            fn(table[s:s + chunk])
        synchronize(table)
        if p > 0:
            rates.append(n / (time.perf_counter() - t0))
    return rates


def report(**fields):
    """One JSON line for the Java side, with the torch version and thread count added."""
    fields.setdefault("torch", torch.__version__)
    fields.setdefault("threads", torch.get_num_threads())
    print(json.dumps(fields), flush=True)
