#!/usr/bin/env python3
"""A command-line client of the Robot Physicist HTTP API (`rp serve`), on the `robotphysicist` package.

    python3 rp_client.py --url http://127.0.0.1:8080 --model w --events events.csv --candidates 45,58,91

prints the server's health, the posterior of the events (an `rp simulate` CSV) at their sqrt(s)
(from --phi, or the CSV's phi column), and the expected information gain at each candidate.
It uses the package of this repository's python/ directory (`pip install ./python`), or that
directory directly when the package is not installed: standard library only.
"""
import argparse
import os
import sys

try:
    import robotphysicist as rpy
except ImportError:  # not installed: the package in this checkout
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python", "src"))
    import robotphysicist as rpy


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", default="http://127.0.0.1:8080")
    p.add_argument("--model", required=True)
    p.add_argument("--events", required=True, help="an rp simulate CSV")
    p.add_argument("--phi", type=float, nargs="*", help="the setting of the events (default: the CSV's)")
    p.add_argument("--grid", type=int, default=201)
    p.add_argument("--candidates", default="", help="comma-separated settings to estimate EIG at")
    p.add_argument("--datasets", type=int, default=32)
    p.add_argument("--eig-events", type=int, default=500)
    args = p.parse_args(argv)
    client = rpy.Client(args.url)
    try:
        h = client.health()
        print(f"server {h['status']}: {h['models']} model(s), {h['workers']} worker(s), version {h['version']}")
        events, csv_phi = rpy.read_events(args.events)
        phi = args.phi or csv_phi
        if phi is None:
            print("rp_client: expected --phi or a phi column in the CSV but found neither", file=sys.stderr)
            return 2
        post = client.posterior(args.model, phi, events, grid=args.grid, levels=[0.68, 0.95])
        for d, name in enumerate(post.parameters):
            lower, upper = post.interval(name, 0.68)
            print(f"posterior {name}: mean {post.mean[d]:.6f} sd {post.standard_deviation[d]:.6f}"
                  f" 68% [{lower:.6f}, {upper:.6f}] from {post.document['events']} events")
        if args.candidates:
            candidates = [[float(v)] for v in args.candidates.split(",")]
            for e in client.eig(args.model, candidates, datasets=args.datasets, events=args.eig_events, grid=101,
                                seed=1):
                print(f"EIG at phi={e.phi[0]:g}: {e.value:.6f} +- {e.standard_error:.6f} nats")
    except rpy.ApiError as e:
        print(f"rp_client: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
