#!/usr/bin/env python3
"""A client of the Robot Physicist HTTP API (`rp serve`), using only Python's standard library.

    python3 rp_client.py --url http://127.0.0.1:8080 --model w --events events.csv --candidates 45,58,91

prints the server's health, the posterior of the events (an `rp simulate` CSV) at their sqrt(s)
(from --phi, or the CSV's phi column), and the expected information gain at each candidate.
The functions below (health, models, posterior, eig) can be imported and used on their own.
"""
import argparse
import csv
import json
import sys
import urllib.error
import urllib.request


class ApiError(Exception):
    """The server answered with an error: status and message."""

    def __init__(self, status, message):
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.message = message


def _call(url, path, body=None, timeout=120):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url.rstrip("/") + path, data=data, method="GET" if body is None else "POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        try:
            error = json.loads(e.read().decode("utf-8"))["error"]
            raise ApiError(error["status"], error["message"]) from None
        except (ValueError, KeyError):
            raise ApiError(e.code, e.reason) from None


def health(url):
    """GET /health: {"status": "ok", "models": n, "workers": w, "version": v}."""
    return _call(url, "/health")


def models(url):
    """GET /models: the loaded models with their kinds, simulators and ranges."""
    return _call(url, "/models")["models"]


def posterior(url, model, phi, events, grid=201, levels=(0.68, 0.95)):
    """POST /posterior: the posterior document (schema robot-physicist/posterior/v1)."""
    return _call(url, "/posterior", {"model": model, "phi": list(phi), "events": events, "grid": grid,
                                     "levels": list(levels)})


def eig(url, model, candidates, datasets=32, events=500, grid=101, seed=1, prior=None):
    """POST /eig: {"estimates": [{"phi", "value", "standardError", ...}]} at each candidate phi."""
    body = {"model": model, "candidates": [list(c) for c in candidates], "datasets": datasets, "events": events,
            "grid": grid, "seed": seed}
    if prior is not None:
        body["prior"] = prior
    return _call(url, "/eig", body)["estimates"]


def read_events(path):
    """The x columns of an `rp simulate` CSV as rows, and the phi of its first row (or None)."""
    with open(path, newline="") as f:
        rows = [line for line in f if not line.startswith("#")]
    reader = csv.reader(rows)
    header = next(reader)
    xs = [i for i, name in enumerate(header) if name.startswith("x:")]
    phis = [i for i, name in enumerate(header) if name.startswith("phi:")]
    events, phi = [], None
    for row in reader:
        events.append([float(row[i]) for i in xs])
        if phi is None and phis:
            phi = [float(row[i]) for i in phis]
    return events, phi


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
    try:
        h = health(args.url)
        print(f"server {h['status']}: {h['models']} model(s), {h['workers']} worker(s), version {h['version']}")
        events, csv_phi = read_events(args.events)
        phi = args.phi or csv_phi
        if phi is None:
            print("rp_client: expected --phi or a phi column in the CSV but found neither", file=sys.stderr)
            return 2
        doc = posterior(args.url, args.model, phi, events, grid=args.grid)
        s = doc["summary"]
        for d, name in enumerate(s["parameters"]):
            ci = [c for c in s["intervals"] if c["parameter"] == name and abs(c["level"] - 0.68) < 1e-9][0]
            print(f"posterior {name}: mean {s['mean'][d]:.6f} sd {s['standardDeviation'][d]:.6f}"
                  f" 68% [{ci['lower']:.6f}, {ci['upper']:.6f}] from {doc['events']} events")
        if args.candidates:
            candidates = [[float(v)] for v in args.candidates.split(",")]
            for e in eig(args.url, args.model, candidates, datasets=args.datasets, events=args.eig_events):
                print(f"EIG at phi={e['phi'][0]:g}: {e['value']:.6f} +- {e['standardError']:.6f} nats")
    except ApiError as e:
        print(f"rp_client: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
