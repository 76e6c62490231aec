"""Benchmark peer "brian2": the scenario in Brian2 (Debian's python3-brian), cpp_standalone device,
single thread. u and x are presynaptic variables (per Poisson unit, Euler-integrated every step); a
one-to-one pathway with the lower order applies each spike's update (u += U (1 - u); r = u x;
x -= r) before the main synapses deliver w r R dt / tau_m to v. Brian's update order differs from
the kernel's in details (u decays before its increment; the jump reaches v one slot later), so post
spike counts are comparable, not equal. The binary is compiled once; each repeat re-runs it, and
the time is Brian's own measure of the run loop (results/last_run_info.txt): simulation only.

usage: /usr/bin/python3 brian2_stp.py params.json weights.bin workdir
prints {"seconds": best, "postSpikes": n, "brian2": version}"""
import json
import sys

import numpy as np
import brian2 as b2


def build(p, weights_path, workdir, build_on_run=False):
    """The scenario's network in Brian2 on the cpp_standalone device (single thread), the run of
    p["steps"] steps declared; returns (pre, release, post, syn). Brian's run() takes the objects in
    its caller's namespace: the caller keeps all four in variables of its own."""
    b2.set_device("cpp_standalone", directory=workdir, build_on_run=build_on_run)
    b2.prefs.devices.cpp_standalone.openmp_threads = 0
    b2.prefs.codegen.cpp.extra_compile_args_gcc = ["-O3", "-march=native", "-w"]
    b2.defaultclock.dt = p["dt"] * b2.ms

    K, n_pre, n_post = p["trials"], p["nPre"], p["nPost"]
    dt, tau_f, tau_d, tau_m = p["dt"], p["tauF"], p["tauD"], p["tauM"]
    pre = b2.NeuronGroup(K * n_pre, """
    du/dt = -u / tauf : 1
    dx/dt = (1 - x) / taud : 1
    r : 1
    """, threshold="rand() < p_spike", method="euler",
        namespace={"tauf": tau_f * b2.ms, "taud": tau_d * b2.ms, "p_spike": p["pRate"]})
    pre.x = 1
    release = b2.Synapses(pre, pre, on_pre="""
    u_pre += U * (1 - u_pre)
    r_pre = u_pre * x_pre
    x_pre -= r_pre
    """, namespace={"U": p["U"]}, order=-1)
    release.connect(j="i")
    post = b2.NeuronGroup(K * n_post, """
    dv/dt = (v_rest - v) / taum : 1
    nspk : integer
    """, threshold="v > thr", reset="v = v_reset; nspk += 1", method="euler",
        namespace={"v_rest": p["vRest"], "taum": tau_m * b2.ms, "thr": p["thr"], "v_reset": p["vReset"]})
    post.v = p["vRest"]
    syn = b2.Synapses(pre, post, "w : 1", on_pre="v_post += w * r_pre * gain",
                      namespace={"gain": p["g"] * p["R"] * dt / tau_m}, order=0)
    if K == 1:
        ii, jj = np.meshgrid(np.arange(n_pre), np.arange(n_post), indexing="ij")
        syn.connect(i=ii.ravel(), j=jj.ravel())
        if p["constW"]:
            syn.w = p["wConst"]
        else:
            syn.w = np.fromfile(weights_path, dtype=np.float32).astype(np.float64)
    else:
        assert n_pre == 1 and n_post == 1, "trials are supported for one-to-one networks"
        syn.connect(j="i")
        syn.w = p["wConst"]
    return pre, release, post, syn


if __name__ == "__main__":
    params = json.load(open(sys.argv[1]))
    weights_path, workdir = sys.argv[2], sys.argv[3]
    pre, release, post, syn = build(params, weights_path, workdir)
    b2.run(params["steps"] * params["dt"] * b2.ms)
    b2.device.build(directory=workdir, compile=True, run=False)
    best = float("inf")
    for _ in range(params["repeats"]):
        b2.device.run(directory=workdir, with_output=False, run_args=[])
        best = min(best, b2.device._last_run_time)
    print(json.dumps({"seconds": best, "postSpikes": int(np.sum(post.nspk[:])), "brian2": b2.__version__}))
