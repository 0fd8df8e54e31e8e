#!/usr/bin/env python3
"""The toy Gaussian x ~ N(theta, phi), phi the variance, as an external Robot Physicist simulator.

theta = mu in [-10, 10], phi = variance in [1e-6, 1e6], x in (-inf, inf): the same model as the
built-in 'toy-gaussian', so the two can be compared. Standard library only.
"""

import math
import sys

from rp_simulator_protocol import serve


def simulate(theta, phi, n, rng):
    sd = math.sqrt(phi[0])
    return [[rng.gauss(theta[0], sd)] for _ in range(n)]


if __name__ == "__main__":
    sys.exit(serve("toy-gaussian-python",
                   theta=[("mu", -10.0, 10.0)],
                   phi=[("variance", 1e-6, 1e6)],
                   x=[("x", float("-inf"), float("inf"))],
                   simulate=simulate))
