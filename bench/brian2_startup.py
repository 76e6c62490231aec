"""Benchmark peer of "startup": the lesson's network (bench/brian2_stp.py's model) in Brian2's
cpp_standalone device as one whole process, as a user runs it: start Python, import Brian2, build
the network, record what `stp-wasm run` writes to trace.csv (u, x, Wdyn = w r and v every step, the pre and
post spikes), generate the C++ code, compile it (in `workdir`: a directory that holds the previous build
recompiles nothing, a new one compiles everything), run it, read the results back and write them
to workdir/trace.csv. The caller times the process from its start to its exit.

usage: /usr/bin/python3 brian2_startup.py params.json workdir
prints {"postSpikes": n, "preSpikes": n, "brian2": version}"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2_stp import build  # noqa: E402

params = json.load(open(sys.argv[1]))
workdir = sys.argv[2]
assert params["trials"] == 1 and params["nPre"] == 1 and params["nPost"] == 1, "the lesson's network"
pre, release, post, syn = build(params, "", workdir, build_on_run=True)
trace_pre = b2.StateMonitor(pre, ["u", "x", "r"], record=True)
trace_post = b2.StateMonitor(post, "v", record=True)
spikes_pre = b2.SpikeMonitor(pre)
spikes_post = b2.SpikeMonitor(post)
b2.run(params["steps"] * params["dt"] * b2.ms)
steps = params["steps"]
t = np.arange(1, steps + 1) * params["dt"]
pre_spike = np.zeros(steps, dtype=np.uint8)
post_spike = np.zeros(steps, dtype=np.uint8)
pre_spike[np.round(spikes_pre.t / b2.ms / params["dt"]).astype(int)] = 1
post_spike[np.round(spikes_post.t / b2.ms / params["dt"]).astype(int)] = 1
u, x, v = trace_pre.u[0], trace_pre.x[0], trace_post.v[0]
wdyn = np.asarray(syn.w[:])[0] * trace_pre.r[0]
np.savetxt(os.path.join(workdir, "trace.csv"), np.column_stack([t, pre_spike, u, x, wdyn, v, post_spike]),
           delimiter=",", header="t,pre,u,x,wdyn,v,post", comments="", fmt=["%g", "%d", "%.9g", "%.9g", "%.9g", "%.9g", "%d"])
print(json.dumps({"postSpikes": int(spikes_post.num_spikes), "preSpikes": int(spikes_pre.num_spikes), "brian2": b2.__version__}))
