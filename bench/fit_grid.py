# The fit-grid benchmark's Python peers (bench/fitGrid.ts runs this with Debian's /usr/bin/python3):
# the same 50 x 50 x 50 grid of (U, tauF, tauD) candidates over the same PSC trains, A profiled, the
# best candidate the one of least residual sum of squares, i.e. of greatest max(Syp, 0)^2 / Spp.
#   numpy:       vectorised brute force, the whole grid at once by broadcasting (u on U x tauF, R on
#                the whole grid), in place where NumPy allows; float64.
#   scipy-brute: scipy.optimize.brute over the grid's indices with a per-point Python function (the
#                recursion in a Python loop, as srplasticity fits), finish=None.
# Reads the data and the grid from the JSON file given; prints one JSON line: seconds (best of the
# repeats) and the best grid point (iU, iF, iD) of each.
import json
import math
import sys
import time

import numpy as np
from scipy import optimize

spec = json.load(open(sys.argv[1]))
sweeps = spec["sweeps"]  # [{t: [...], amplitude: [...]}]
us = np.array(spec["us"])
tau_fs = np.array(spec["tauFs"])
tau_ds = np.array(spec["tauDs"])
repeats = spec["repeats"]
scipy_repeats = spec["scipyRepeats"]


def numpy_grid():
    nU, nF, nD = len(us), len(tau_fs), len(tau_ds)
    U = us[:, None, None]
    F = tau_fs[None, :, None]
    D = tau_ds[None, None, :]
    syp = np.zeros((nU, nF, nD))
    spp = np.zeros((nU, nF, nD))
    R = np.empty((nU, nF, nD))
    p = np.empty((nU, nF, nD))
    for sw in sweeps:
        t, y = sw["t"], sw["amplitude"]
        u = np.broadcast_to(U, (nU, nF, 1)).copy()
        R.fill(1.0)
        for k in range(len(t)):
            if k > 0:
                d = t[k] - t[k - 1]
                eD = np.exp(-d / D)
                np.multiply(R, 1.0 - u, out=R)  # R = 1 + (R (1 - u) - 1) eD
                R -= 1.0
                R *= eD
                R += 1.0
                u = U + u * (1.0 - U) * np.exp(-d / F)
            np.multiply(u, R, out=p)
            if not math.isnan(y[k]):
                syp += y[k] * p
                p *= p
                spp += p
    score = np.maximum(syp, 0.0) ** 2 / spp
    return np.unravel_index(int(np.argmax(score)), score.shape)


def sse_profiled(U, tau_f, tau_d):
    """The per-point function: residual sum of squares at the best A >= 0."""
    syp = spp = syy = 0.0
    for sw in sweeps:
        t, y = sw["t"], sw["amplitude"]
        u, R = U, 1.0
        for k in range(len(t)):
            if k > 0:
                d = t[k] - t[k - 1]
                u_next = U + u * (1.0 - U) * math.exp(-d / tau_f)
                R = 1.0 + (R - u * R - 1.0) * math.exp(-d / tau_d)
                u = u_next
            if not math.isnan(y[k]):
                p = u * R
                syp += y[k] * p
                spp += p * p
                syy += y[k] * y[k]
    a = max(syp, 0.0) / spp
    return syy - 2.0 * a * syp + a * a * spp


def by_index(ix):
    return sse_profiled(us[int(ix[0])], tau_fs[int(ix[1])], tau_ds[int(ix[2])])


def scipy_grid():
    grid = (slice(0, len(us), 1), slice(0, len(tau_fs), 1), slice(0, len(tau_ds), 1))
    x = optimize.brute(by_index, grid, finish=None)
    return tuple(int(round(v)) for v in x)


def best_of(f, n):
    best, result = math.inf, None
    for _ in range(n):
        t0 = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - t0)
    return best, result


numpy_grid()  # warm-up
np_s, np_best = best_of(numpy_grid, repeats)
sc_s, sc_best = best_of(scipy_grid, scipy_repeats)
print(json.dumps({
    "numpy": {"seconds": np_s, "best": [int(v) for v in np_best]},
    "scipy-brute": {"seconds": sc_s, "best": list(sc_best)},
    "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": __import__("scipy").__version__},
}))
