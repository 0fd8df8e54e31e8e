#!/usr/bin/env python3
"""e+e- -> mu+mu- at leading order (gamma and Z), as an external Robot Physicist simulator.

theta = sin^2(theta_W) in [0.01, 0.99], phi = sqrt(s) in GeV in [10, 500], x = cos(theta) of the
mu- relative to the e- beam in [-1, 1]. The angular density (leading-order gamma/Z exchange) is

    p(c) = (A0 (1 + c^2) + A1 c) / (8/3 A0),
    g_V = -1/2 + 2 sin^2(theta_W),  g_A = -1/2,
    chi(s) = s / (s - M_Z^2 + i M_Z Gamma_Z) / (4 sin^2(theta_W) (1 - sin^2(theta_W))),
    A0 = 1 + 2 g_V^2 Re chi + |chi|^2 (g_V^2 + g_A^2)^2,
    A1 = 4 g_A^2 Re chi + 8 |chi|^2 g_V^2 g_A^2.

Events are drawn by rejection from the uniform envelope 2 A0 + |A1| >= A0 (1 + c^2) + A1 c on
[-1, 1] (the density is non-negative there because |A1| <= 2 A0), so the sampler is exact.
Standard library only. Run it through the engine:

    ./rp simulate --external "python3 examples/python-simulator/weinberg_lo.py" --theta 0.2312 --phi 58
"""

import sys

from rp_simulator_protocol import serve

M_Z = 91.1876
GAMMA_Z = 2.4952


def coefficients(sin2_theta_w, sqrt_s):
    """(A0, A1) of the angular distribution at sin^2(theta_W) and sqrt(s) in GeV."""
    s = sqrt_s * sqrt_s
    g_v = -0.5 + 2.0 * sin2_theta_w
    g_a = -0.5
    chi = s / complex(s - M_Z * M_Z, M_Z * GAMMA_Z) / (4.0 * sin2_theta_w * (1.0 - sin2_theta_w))
    chi2 = abs(chi) ** 2
    a0 = 1.0 + 2.0 * g_v ** 2 * chi.real + chi2 * (g_v ** 2 + g_a ** 2) ** 2
    a1 = 4.0 * g_a ** 2 * chi.real + 8.0 * chi2 * g_v ** 2 * g_a ** 2
    return a0, a1


def forward_backward_asymmetry(sin2_theta_w, sqrt_s):
    """A_FB = 3 A1 / (8 A0)."""
    a0, a1 = coefficients(sin2_theta_w, sqrt_s)
    return 3.0 * a1 / (8.0 * a0)


def simulate(theta, phi, n, rng):
    """n events [cos(theta)] at theta = [sin^2(theta_W)], phi = [sqrt(s)], exact rejection sampling."""
    a0, a1 = coefficients(theta[0], phi[0])
    envelope = 2.0 * a0 + abs(a1)
    events = []
    while len(events) < n:
        c = 2.0 * rng.random() - 1.0
        if rng.random() * envelope <= a0 * (1.0 + c * c) + a1 * c:
            events.append([c])
    return events


if __name__ == "__main__":
    sys.exit(serve("weinberg-lo-python",
                   theta=[("sin2_theta_w", 0.01, 0.99, "", "sin²θ_W")],
                   phi=[("sqrt_s", 10.0, 500.0, "GeV", "√s")],
                   x=[("cos_theta", -1.0, 1.0, "", "cos θ")],
                   simulate=simulate))
