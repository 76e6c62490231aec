"""Benchmark peer "brian2" of the scenario sparse-recurrent-10k: the mongillo2008 network
(src/experiments/papers/mongillo2008.ts, cue off) in Brian2 (Debian's python3-brian), cpp_standalone
device, one thread. Every number comes from the JSON file bench/scenarios.ts writes; this script says
how Brian2 builds them. Written for this project, in Brian2's own terms:

- neurons: tau_m dv/dt = -v + mu * not_refractory (mu: the bias), exact; threshold v > theta, reset,
  refractory period (given as refractTime + dt: Brian2 counts it from the start of the spike's
  step, stp-wasm from its end). Inputs are PSP jumps of v, ignored while refractory, as stp-wasm's
  gated drive ignores them.
- noise: a PoissonInput per population (one Bernoulli input per neuron, probability rate * dt per
  step) of the jump J_ext.
- E -> E: u and x per presynaptic neuron (clock-driven in the neuron group, exactly: u relaxes to
  U with tau_f, x to 1 with tau_d); a one-to-one pathway that runs first applies each spike
  (u += U (1 - u); r = u x; x -= r), then the E -> E synapses add w r to v after their delay.
  w is J_p within a selective population, J_b from it elsewhere, and J_p with probability gamma0
  from non-selective neurons; connections with probability c, no autapses, drawn by Brian2.
- E -> I, I -> E, I -> I: static jumps, connections with probability c.
- delays uniform on [low, high] (stp-wasm's delay values: a spike in step s moves v in step
  s + 1 + round(d / dt) there, and its jump is tested against the threshold in step
  s + 1 + round(d / dt) in Brian2 too).

The binary is compiled once; each repeat re-runs it, and the time is Brian's own measure of the run
loop (results/last_run_info.txt): simulation only, not the building of the connections.

usage: /usr/bin/python3 brian2_mongillo2008.py params.json workdir
prints {"seconds": best, "spikes": n (E and I), "brian2": version}"""
import json
import sys

import numpy as np
import brian2 as b2

p = json.load(open(sys.argv[1]))
workdir = sys.argv[2]
b2.set_device("cpp_standalone", directory=workdir, build_on_run=False)
b2.prefs.devices.cpp_standalone.openmp_threads = 0
b2.prefs.codegen.cpp.extra_compile_args_gcc = ["-O3", "-march=native", "-w"]
b2.defaultclock.dt = p["dt"] * b2.ms
b2.seed(p["seed"])
ms = b2.ms

pops = {}
for name in ("E", "I"):
    q = p["populations"][name]
    eqs = "dv/dt = (-v + mu * int(not_refractory)) / tau_m : 1\n"
    if name == "E":
        eqs += "du/dt = (U - u) / tau_f : 1\ndx/dt = (1 - x) / tau_d : 1\nr : 1\n"
    g = b2.NeuronGroup(q["n"], eqs, threshold="v > theta", reset="v = v_reset",
                       refractory=(q["refractTime"] + p["dt"]) * ms, method="exact",
                       namespace={"mu": q["bias"], "tau_m": q["tauM"] * ms, "theta": q["thr"], "v_reset": q["vReset"],
                                  "U": p["stp"]["U"], "tau_f": p["stp"]["tauF"] * ms, "tau_d": p["stp"]["tauD"] * ms},
                       name=f"pop_{name}")
    g.v = q["vRest"]
    if name == "E":
        g.u = p["stp"]["U"]
        g.x = 1
    pops[name] = g

E, I = pops["E"], pops["I"]
objects = [E, I]
for name, g in pops.items():
    q = p["populations"][name]
    objects.append(b2.PoissonInput(g, "v", 1, p["noiseRateHz"] * b2.Hz, weight=f"{q['noiseJump']!r} * int(not_refractory)"))

delay = f"({p['delayMs']['low']!r} + {p['delayMs']['high'] - p['delayMs']['low']!r} * rand()) * ms"
release = b2.Synapses(E, E, on_pre="u_pre += U * (1 - u_pre)\nr_pre = u_pre * x_pre\nx_pre -= r_pre",
                      namespace={"U": p["stp"]["U"]}, order=-1, name="release")
release.connect(j="i")
objects.append(release)

J = p["J"]
n_sel, count = p["selectiveN"], p["selectiveCount"]
ee = b2.Synapses(E, E, "w : 1", on_pre="v_post += w * r_pre * int(not_refractory_post)", name="EE")
ee.connect(condition="i != j", p=p["c"])
# J_p within a selective population; from a non-selective neuron J_p with probability gamma0
ee.w = (f"{J['EEb']!r} + {J['EEp'] - J['EEb']!r} * int((i < {count * n_sel} and j < {count * n_sel} and i // {n_sel} == j // {n_sel})"
        f" or (i >= {count * n_sel} and rand() < {p['gamma0']!r}))")
ee.delay = delay
objects.append(ee)
for name, pre, post, jump in (("EI", E, I, J["EI"]), ("IE", I, E, -J["IE"]), ("II", I, I, -J["II"])):
    s = b2.Synapses(pre, post, on_pre=f"v_post += {jump!r} * int(not_refractory_post)", name=name)
    s.connect(condition="i != j" if pre is post else None, p=p["c"])
    s.delay = delay
    objects.append(s)

counters = [b2.SpikeMonitor(g, record=False) for g in (E, I)]
net = b2.Network(*objects, *counters)
net.run(p["steps"] * p["dt"] * ms)
b2.device.build(directory=workdir, compile=True, run=False)
best = float("inf")
for _ in range(p["repeats"]):
    b2.device.run(directory=workdir, with_output=False, run_args=[])
    best = min(best, b2.device._last_run_time)
spikes = int(sum(np.asarray(m.count[:]).sum() for m in counters))
print(json.dumps({"seconds": best, "spikes": spikes, "brian2": b2.__version__}))
