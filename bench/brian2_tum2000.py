"""The tum2000 network (Tsodyks, Uziel & Markram 2000; src/experiments/papers/tum2000.ts) in Brian2,
for the side-by-side comparison of bench/tum2000Compare.ts. Every number comes from the JSON file
that tum2000.ts writes (one place for the parameters); this script only says how Brian2 builds them.

Several independent copies of the network run side by side in one cpp_standalone binary (compiled
once): copy k is neurons [k N, (k + 1) N) of each population, connected only among themselves, with
its own draws of connections and parameters. Written for this
project; it follows the equations of the model as stp-wasm defines them (docs/MODEL.md), in
Brian2's own terms:

- neurons: tau_m dv/dt = -v + (I + I_b) * not_refractory, dI/dt = -I / tau_syn, integrated exactly
  (Brian2's linear solver); threshold v > theta, reset v_reset. While refractory the drive is off
  and v still leaks, as in stp-wasm's LIF (not held at v_reset). The refractory period is given to
  Brian2 as refractTime + dt: Brian2 stamps a spike with the start of the step in which v crossed
  the threshold and counts the period from there; stp-wasm counts it from the step's end (the drive
  is off for refractTime / dt whole steps after the spike's step in both).
- synapses: u, x and the active fraction y per connection, updated at its presynaptic spikes by the
  exact solution since its last one: dx/dt = (1 - x - y) / tau_rec, dy/dt = -y / tau_syn,
  du/dt = -u / tau_facil (facilitating) or u = U (depressing). At a presynaptic spike:
  u += U (1 - u) (facilitating), then I_post += A u x, y += u x, x -= u x. The current A y summed
  over a neuron's synapses is the neuron's I, which decays with tau_syn = tau_inact: one I per
  neuron instead of one y per synapse driving it (the same sum).
- delay one step (dt): stp-wasm's synapse reads a LIF's spikes of the previous step, so a spike
  acts on v two steps after its step in both.
- connections and parameters drawn with numpy (seeded) before the build: each pair of a copy
  connects with probability p; parameters per connection from scipy's truncated normal.

usage: /usr/bin/python3 brian2_tum2000.py params.json workdir
prints {"copies": [{"bins": [spikes of all neurons per 1 ms], "spikesE": n, "spikesI": n (after the burn-in)}, ...],
        "seconds": run time, "brian2": version}"""
import json
import sys

import numpy as np
import brian2 as b2
from scipy.stats import truncnorm

p = json.load(open(sys.argv[1]))
workdir = sys.argv[2]
b2.set_device("cpp_standalone", directory=workdir)
b2.prefs.devices.cpp_standalone.openmp_threads = 0
b2.prefs.codegen.cpp.extra_compile_args_gcc = ["-O2", "-w"]
b2.defaultclock.dt = p["dt"] * b2.ms
b2.seed(p["seed"])
copies = p["copies"]
ms = b2.ms

groups = {}
for name, q in p["populations"].items():
    n = q["n"]
    g = b2.NeuronGroup(copies * n, """
dv/dt = (-v + (I + Ib) * int(not_refractory)) / tau_m : 1
dI/dt = -I / tau_syn : 1
Ib : 1 (constant)
""", threshold="v > theta", reset="v = v_reset", refractory=(q["refractTime"] + p["dt"]) * ms, method="exact",
        namespace={"tau_m": q["tauM"] * ms, "tau_syn": p["tauSyn"] * ms, "theta": q["thr"], "v_reset": q["vReset"]},
        name=f"pop_{name}")
    g.v = q["vRest"]
    g.Ib = np.tile(np.asarray(q["bias"], dtype=float), copies)
    groups[name] = (g, n)


rng = np.random.default_rng(p["seed"])


def truncated(d, size):
    """size draws of normal(mean, std) truncated to [low, high] (scipy's truncnorm: drawn within them)."""
    low = -np.inf if d.get("low") is None else (d["low"] - d["mean"]) / d["std"]
    high = np.inf if d.get("high") is None else (d["high"] - d["mean"]) / d["std"]
    return truncnorm.rvs(low, high, loc=d["mean"], scale=d["std"], size=size, random_state=rng)


synapses = []
for s in p["synapses"]:
    pre, n_pre = groups[s["pre"]]
    post, n_post = groups[s["post"]]
    facil = s["tauFacil"] is not None
    # u, x, y relax in closed form from the connection's last spike (tlast), written out: Brian2's
    # symbolic solution of the event-driven (x, y) pair multiplies exp(+h / tau_syn) by exp(-h / tau_syn)
    # and overflows into NaN after a long silence h
    model = """
A : 1
U : 1
tau_rec : second
tau_facil : second
u : 1
x : 1
y : 1
tlast : second
"""
    on_pre = """
h = t - tlast
e_i = exp(-h / tau_syn)
e_d = exp(-h / tau_rec)
z = (1 - x - y) * e_d + y * tau_rec / (tau_rec - tau_syn) * (e_d - e_i)
y = y * e_i
x = 1 - y - z
""" + ("u = u * exp(-h / tau_facil) + U * (1 - u * exp(-h / tau_facil))\n" if facil else "u = U\n") + """
I_post += A * u * x
y += u * x
x -= u * x
tlast = t
"""
    syn = b2.Synapses(pre, post, model, on_pre=on_pre, delay=p["dt"] * ms,
                      namespace={"tau_syn": p["tauSyn"] * ms}, name=f"syn_{s['name']}")
    # connections of each copy: each pair with probability p (no autapses within one population unless asked)
    ii, jj = [], []
    for k in range(copies):
        pairs = rng.random((n_pre, n_post)) < s["p"]
        if s["pre"] == s["post"] and not s["autapses"]:
            np.fill_diagonal(pairs, False)
        i, j = np.nonzero(pairs)
        ii.append(i + k * n_pre)
        jj.append(j + k * n_post)
    ii, jj = np.concatenate(ii), np.concatenate(jj)
    syn.connect(i=ii, j=jj)
    count = len(ii)
    syn.A = truncated(s["A"], count)
    syn.U = truncated(s["U"], count)
    syn.tau_rec = truncated(s["tauRec"], count) * ms
    if facil:
        syn.tau_facil = truncated(s["tauFacil"], count) * ms
        syn.u = 0
    syn.x = 1
    syn.y = 0
    synapses.append(syn)

monitors = {name: b2.SpikeMonitor(g) for name, (g, _) in groups.items()}
net = b2.Network(*[g for g, _ in groups.values()], *synapses, *monitors.values())
net.run(p["durationMs"] * ms)

bins_n = int(round(p["durationMs"]))
out = []
for k in range(copies):
    bins = np.zeros(bins_n, dtype=np.int64)
    counts = {}
    for name, (g, n) in groups.items():
        m = monitors[name]
        idx = np.asarray(m.i[:])
        t = np.asarray(m.t[:] / ms)
        mine = (idx >= k * n) & (idx < (k + 1) * n)
        # bin b holds the spikes of time (b, b + 1] ms; a step's time is its end, as in stp-wasm
        b = np.clip(np.ceil(t[mine] + p["dt"] - 1e-9).astype(np.int64) - 1, 0, bins_n - 1)
        np.add.at(bins, b, 1)
        # spikes after the burn-in (their step's end later than burnInMs)
        counts[name] = int((mine & (t + p["dt"] > p["burnInMs"] + 1e-9)).sum())
    out.append({"bins": bins.tolist(), "spikesE": counts["E"], "spikesI": counts["I"]})
print(json.dumps({"copies": out, "seconds": b2.device._last_run_time, "brian2": b2.__version__}))
