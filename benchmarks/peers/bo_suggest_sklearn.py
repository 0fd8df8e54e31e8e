#!/usr/bin/python3
"""Peer for BoSuggestBenchmark: one Bayesian-optimization suggestion (GP fit + log EI
maximization) with scikit-learn's GaussianProcessRegressor and SciPy's L-BFGS-B.

Same work as the Java side: Matern 5/2 ARD kernel (ConstantKernel * Matern + WhiteKernel) with the
same bounds and the same default start (length-scale 0.5, signal variance 1, noise 1e-3),
normalize_y, the same number of random restarts drawn log-uniformly in the bounds; log EI (the
log-h of Ament et al. 2023) over the same number of scrambled Sobol candidates, then L-BFGS-B from
the best few candidates with the same iteration limit (finite-difference gradients: sklearn has
no predictive-gradient API).

Usage: bo_suggest_sklearn.py INPUT.json  (written by the Java benchmark); prints JSON results.
"""
import json
import warnings
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import erfcx, log_ndtr
from scipy.stats import qmc
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, Matern, WhiteKernel

C1 = 0.5 * np.log(2 * np.pi)
C2 = 0.5 * np.log(np.pi / 2)
INV_SQRT_EPS = 1 / np.sqrt(np.finfo(float).eps)


def log1mexp(x):
    return np.where(x > -np.log(2), np.log(-np.expm1(np.minimum(x, -1e-300))), np.log1p(-np.exp(x)))


def log_h(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    upper = z > -1
    zu = z[upper]
    out[upper] = np.log(np.exp(-0.5 * zu * zu) / np.sqrt(2 * np.pi) + zu * np.exp(log_ndtr(zu)))
    mid = (~upper) & (z > -INV_SQRT_EPS)
    zm = z[mid]
    out[mid] = -0.5 * zm * zm - C1 + log1mexp(np.log(erfcx(-zm / np.sqrt(2)) * np.abs(zm)) + C2)
    low = ~(upper | mid)
    zl = z[low]
    out[low] = -0.5 * zl * zl - C1 - 2 * np.log(np.abs(zl))
    return out


class CountingOptimizer:
    """sklearn's default optimizer (scipy L-BFGS-B with the analytic gradient), counting evaluations."""

    def __init__(self, max_iter):
        self.max_iter = max_iter
        self.evaluations = 0

    def __call__(self, obj_func, initial_theta, bounds):
        r = minimize(obj_func, initial_theta, method="L-BFGS-B", jac=True, bounds=bounds,
                     options={"maxiter": self.max_iter})
        self.evaluations += r.nfev
        return r.x, r.fun


def suggest(x, y, cfg, seed):
    d = x.shape[1]
    kernel = ConstantKernel(1.0, (cfg["signalLower"], cfg["signalUpper"])) * Matern(
        length_scale=np.full(d, 0.5), length_scale_bounds=(cfg["lengthLower"], cfg["lengthUpper"]), nu=2.5) \
        + WhiteKernel(1e-3, (cfg["noiseLower"], cfg["noiseUpper"]))
    opt = CountingOptimizer(cfg["gpMaxIterations"])
    gp = GaussianProcessRegressor(kernel, normalize_y=True, n_restarts_optimizer=cfg["restarts"], optimizer=opt,
                                  random_state=seed)
    t0 = time.perf_counter()
    gp.fit(x, y)
    fit_seconds = time.perf_counter() - t0
    incumbent = gp.predict(x).max()

    def log_ei(points):
        mu, sd = gp.predict(points, return_std=True)
        sd = np.maximum(sd, 1e-12 * gp._y_train_std)
        return np.log(sd) + log_h((mu - incumbent) / sd)

    candidates = qmc.Sobol(d, scramble=True, seed=seed).random(cfg["candidates"])
    values = log_ei(candidates)
    order = np.argsort(-values)
    best_x, best_v = candidates[order[0]], values[order[0]]
    for i in order[:cfg["localStarts"]]:
        r = minimize(lambda u: -log_ei(u.reshape(1, -1))[0], candidates[i], method="L-BFGS-B",
                     bounds=[(0.0, 1.0)] * d, options={"maxiter": cfg["localMaxIterations"]})
        if -r.fun > best_v:
            best_x, best_v = r.x, -r.fun
    return best_x, opt.evaluations, fit_seconds


def main():
    warnings.filterwarnings("ignore")
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    cfg = spec["config"]
    results = []
    for case in spec["cases"]:
        x = np.array(case["x"], dtype=float).reshape(case["n"], case["d"])
        y = np.array(case["y"], dtype=float)
        times = []
        fits = []
        evaluations = 0
        for rep in range(cfg["warmup"] + cfg["reps"]):
            t0 = time.perf_counter()
            _, evaluations, fit_seconds = suggest(x, y, cfg, 1000 + rep)
            if rep >= cfg["warmup"]:
                times.append(time.perf_counter() - t0)
                fits.append(fit_seconds)
        results.append({"n": case["n"], "d": case["d"], "medianSeconds": float(np.median(times)),
                        "medianFitSeconds": float(np.median(fits)), "lmlEvaluations": int(evaluations)})
    import sklearn
    import scipy
    print(json.dumps({"versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
                      "results": results}))


if __name__ == "__main__":
    main()
