// Bad input: every case is refused before anything is allocated, by an error that names the
// option, the value and what is allowed; the kernel instance stays usable afterwards.
import { describe, expect, it } from "vitest";
import { Kernel } from "../src/runtime/kernel.js";
import { Simulation, simulate } from "../src/simulation.js";
import { StpKernelError, StpOptionError } from "../src/core/errors.js";
import * as A from "../assembly/abi.js";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runLesson } from "../src/experiments/lesson.js";
import { main } from "../src/cli/main.js";
import type { NetworkOptions } from "../src/network/options.js";

const base = (): NetworkOptions & { steps: number } => ({
  steps: 100, dt: 1, seed: 1,
  populations: [
    { type: "poisson", name: "z0", n: 2, rateHz: 20 },
    { type: "lif", name: "z1", n: 2, tauM: 20, resistM: 240, vRest: -60, vReset: -70, thr: -50, tauTheta: 0, refractTime: 0 },
  ],
  synapses: [{ name: "W", pre: "z0", post: "z1", weights: 2.5, resources: 0.15, tauF: 750, tauD: 50 }],
  record: [{ name: "z1", vars: ["v"] }],
});
type Net = ReturnType<typeof base>;
const pop = (net: Net, i: number) => net.populations[i] as unknown as Record<string, unknown>;
const syn = (net: Net) => net.synapses![0] as unknown as Record<string, unknown>;

// [what, how to break the base network, option named in the error, pattern of the message]
const API_CASES: [string, (n: Net) => void, string, RegExp][] = [
  ["zero dt", (n) => { n.dt = 0; }, "dt", /dt = 0 is not allowed.*> 0/],
  ["NaN dt", (n) => { n.dt = NaN; }, "dt", /dt = NaN.*finite number/],
  ["zero trials", (n) => { n.trials = 0; }, "trials", /trials = 0 .*integer >= 1/],
  ["fractional trials", (n) => { n.trials = 1.5; }, "trials", /trials = 1.5/],
  ["object seed", (n) => { (n as Record<string, unknown>).seed = {}; }, "seed", /a finite number or a string/],
  ["zero steps", (n) => { n.steps = 0; }, "steps", /steps = 0 .*>= 1/],
  ["no populations", (n) => { n.populations = []; }, "populations", /non-empty array/],
  ["rate * dt / 1000 above 1", (n) => { pop(n, 0).rateHz = 2000; }, "populations[0].rateHz", /probability per step rateHz \* dt \/ 1000 = 2 exceeds 1.*rateHz <= 1000/],
  ["negative rate", (n) => { pop(n, 0).rateHz = -1; }, "populations[0].rateHz", />= 0/],
  ["Infinity rate", (n) => { pop(n, 0).rateHz = Infinity; }, "populations[0].rateHz", /Infinity.*finite number/],
  ["input intensity above 1", (n) => { pop(n, 0).inputs = 1.5; }, "populations[0].inputs", /<= 1/],
  ["inputs of the wrong length", (n) => { pop(n, 0).inputs = [1, 1, 1]; }, "populations[0].inputs", /2 of them/],
  ["zero units", (n) => { pop(n, 0).n = 0; }, "populations[0].n", /integer >= 1/],
  ["unknown population type", (n) => { pop(n, 0).type = "bernoulli"; }, "populations[0].type", /"poisson" or "spikeTrain" or "lif"/],
  ["spike times out of order", (n) => { n.populations[0] = { type: "spikeTrain", name: "z0", times: [[5, 3], [1]] }; }, "populations[0].times[0][1]", /strictly increasing/],
  ["two spikes on one step", (n) => { n.populations[0] = { type: "spikeTrain", name: "z0", times: [[1.2, 1.4], [1]] }; }, "populations[0].times[0][1]", /same step/],
  ["spike time at 0", (n) => { n.populations[0] = { type: "spikeTrain", name: "z0", times: [[0], [1]] }; }, "populations[0].times[0][0]", /> 0/],
  ["spike time beyond the run", (n) => { n.populations[0] = { type: "spikeTrain", name: "z0", times: [[10, 150], [1]] }; }, "populations[0].times[0][1]", /beyond the run.*<= 100 ms/],
  ["zero tauM", (n) => { pop(n, 1).tauM = 0; }, "populations[1].tauM", /> 0/],
  ["tauM below conductLeak * dt", (n) => { pop(n, 1).tauM = 0.5; }, "populations[1].tauM", /overshoot/],
  ["unknown LIF integration", (n) => { pop(n, 1).integration = "rk4"; }, "populations[1].integration", /"euler" or "midpoint"/],
  ["ngc-learn spelling of an option", (n) => { pop(n, 1).tau_m = 20; }, "populations[1].tau_m", /unknown option/],
  ["negative refractory time", (n) => { pop(n, 1).refractTime = -1; }, "populations[1].refractTime", />= 0/],
  ["negative tauF", (n) => { syn(n).tauF = -1; }, "synapses[0].tauF", />= 0/],
  ["tauF below dt with Euler", (n) => { syn(n).tauF = 0.5; }, "synapses[0].tauF", /0 \(off\) or >= dt = 1 ms/],
  ["resources above 1", (n) => { syn(n).resources = 1.5; }, "synapses[0].resources", /<= 1/],
  ["gaussian resources", (n) => { syn(n).resources = { dist: "gaussian", mean: 0.2, std: 0.1 }; }, "synapses[0].resources", /can leave \[0, 1\]/],
  ["weights of the wrong shape", (n) => { syn(n).weights = [1, 2, 3]; }, "synapses[0].weights", /^synapses\[0\]\.weights = \[1, 2, 3\] is not allowed: 3 values given for shape 2 x 2; allowed: /],
  ["a NaN weight", (n) => { syn(n).weights = [[1, NaN], [1, 1]]; }, "synapses[0].weights[0][1]", /NaN/],
  ["a ragged weight row", (n) => { syn(n).weights = [[1, 2], [1]]; }, "synapses[0].weights[1]", /row 1 has 1 value for shape 2 x 2; allowed: 2 values$/],
  ["negative gaussian std", (n) => { syn(n).weights = { dist: "gaussian", mean: 1, std: -1 }; }, "synapses[0].weights.std", />= 0/],
  ["uniform high below low", (n) => { syn(n).weights = { dist: "uniform", low: 1, high: 0 }; }, "synapses[0].weights.high", />= 1/],
  ["Infinity gConduct", (n) => { syn(n).gConduct = Infinity; }, "synapses[0].gConduct", /finite/],
  ["unknown presynaptic population", (n) => { syn(n).pre = "nope"; }, "synapses[0].pre", /"z0", "z1"/],
  ["a source as postsynaptic population", (n) => { syn(n).post = "z0"; }, "synapses[0].post", /LIF population: "z1"/],
  ["unknown synapse integration", (n) => { syn(n).integration = "rk2"; }, "synapses[0].integration", /"euler" or "exact"/],
  ["u resting value neither 0 nor U", (n) => { syn(n).uRest = 0.5; }, "synapses[0].uRest", /0 \(u relaxes to 0, the lesson's\) or "U"/],
  ["negative tauInact", (n) => { Object.assign(syn(n), { tauInact: -1, integration: "exact" }); }, "synapses[0].tauInact", />= 0/],
  ["tauInact with Euler", (n) => { syn(n).tauInact = 3; }, "synapses[0].tauInact", /three-state resources \(tauInact > 0\) need integration "exact"/],
  ["tauInact with STD off", (n) => { Object.assign(syn(n), { tauInact: 3, tauD: 0, integration: "exact" }); }, "synapses[0].tauInact", /needs tauD > 0/],
  ["negative tauSyn", (n) => { pop(n, 1).tauSyn = -1; }, "populations[1].tauSyn", />= 0/],
  ["isyn recorded without a synaptic current", (n) => { n.record = [{ name: "z1", vars: ["isyn"] }]; }, "record[0].vars", /isyn needs tauSyn > 0/],
  ["theta recorded without an adaptive threshold", (n) => { n.record = [{ name: "z1", vars: ["theta"] }]; }, "record[0].vars", /theta needs tauTheta > 0/],
  ["g recorded on a synapse with a current target", (n) => { n.record = [{ name: "W", vars: ["g"] }]; }, "record[0].vars", /"g" is not allowed; it must be "u" or "x" or "wdyn"/],
  ["a record name that is an object's property", (n) => { n.record = [{ name: "W", vars: ["toString"] }]; }, "record[0].vars", /it must be "u" or "x" or "wdyn"/],
  ["unknown synapse target", (n) => { syn(n).target = "voltage"; }, "synapses[0].target", /"current" or "conductance"/],
  ["eRev with a current target", (n) => { syn(n).eRev = -80; }, "synapses[0].eRev", /a target that uses it \("conductance"\); allowed: no eRev with target "current"/],
  ["tauSyn with a current target", (n) => { syn(n).tauSyn = 5; }, "synapses[0].tauSyn", /no tauSyn with target "current"/],
  ["conductance with tauSyn 0", (n) => { syn(n).target = "conductance"; syn(n).tauSyn = 0; }, "synapses[0].tauSyn", /> 0/],
  ["conductance with eRev NaN", (n) => { syn(n).target = "conductance"; syn(n).eRev = NaN; }, "synapses[0].eRev", /finite number/],
  ["conductance onto a midpoint LIF", (n) => { syn(n).target = "conductance"; pop(n, 1).integration = "midpoint"; }, "synapses[0].target", /the LIF "z1" must integrate by forward Euler too; allowed: .*"conductance" onto one with integration "euler"/],
  ["connect p above 1", (n) => { syn(n).connect = { p: 1.5 }; }, "synapses[0].connect.p", /p = 1.5 .*<= 1/],
  ["connect p below 0", (n) => { syn(n).connect = { p: -0.1 }; }, "synapses[0].connect.p", />= 0/],
  ["an unknown connectivity rule", (n) => { syn(n).connect = { fraction: 0.5 }; }, "synapses[0].connect", /unknown rule "fraction"/],
  ["inDegree above the presynaptic units", (n) => { syn(n).connect = { inDegree: 3 }; }, "synapses[0].connect.inDegree", /<= 2/],
  ["explicit lists of different lengths", (n) => { syn(n).connect = { pre: [0, 1], post: [1] }; }, "synapses[0].connect.post", /2 indices, one per entry/],
  ["an explicit post out of range", (n) => { syn(n).connect = { pre: [0, 1], post: [1, 2] }; }, "synapses[0].connect.post[1]", /<= 1/],
  ["autapses between two populations", (n) => { syn(n).autapses = true; }, "synapses[0].autapses", /only when pre and post are one population/],
  ["weights of the wrong count for the connections", (n) => { syn(n).connect = { pre: [0, 1, 1], post: [0, 0, 1] }; syn(n).weights = [1, 2]; }, "synapses[0].weights", /2 values given, not 3/],
  ["a negative delay", (n) => { syn(n).delay = -1; }, "synapses[0].delay", />= 0/],
  ["a negative delay among per-connection values", (n) => { syn(n).delay = [1, 2, -0.5, 1]; }, "synapses[0].delay[2]", />= 0/],
  ["a normal whose bounds exclude its mean", (n) => { syn(n).delay = { dist: "normal", mean: 1, std: 0.5, low: 1.5, high: 3 }; }, "synapses[0].delay.low", /<= 1/],
  ["per-connection U with per-unit state", (n) => { syn(n).resources = [0.1, 0.2, 0.3, 0.4]; }, "synapses[0].resources", /per-connection STP parameters need u and x per connection/],
  ["per-connection state with Euler integration", (n) => { syn(n).stpState = "connection"; }, "synapses[0].stpState", /"connection" with integration "exact"/],
  ["an unknown STP state", (n) => { syn(n).stpState = "postsynaptic"; }, "synapses[0].stpState", /"presynaptic" or "connection"/],
  ["a varying tauF with a zero among its values", (n) => { syn(n).tauF = [100, 0]; }, "synapses[0].tauF", /values > 0 per presynaptic unit/],
  ["a gaussian tauD", (n) => { syn(n).tauD = { dist: "gaussian", mean: 100, std: 10 }; }, "synapses[0].tauD", /a gaussian can go below 0/],
  ["a NaN bias current", (n) => { pop(n, 1).bias = NaN; }, "populations[1].bias", /finite number/],
  ["a bias current of the wrong count", (n) => { pop(n, 1).bias = [1, 2, 3]; }, "populations[1].bias", /3 values given, not 2/],
  ["a record at spikes of a LIF", (n) => { n.record = [{ name: "z1", vars: ["v"], at: "spikes" }]; }, "record[0].at", /only a synapse's variables can be recorded at its presynaptic spikes/],
  ["a record of a pair the synapse does not connect", (n) => { syn(n).connect = { pre: [0], post: [1] }; n.record = [{ name: "W", vars: ["wdyn"], pairs: [[1, 1]] }]; }, "record[0].pairs[0]", /no connection from 1 to 1/],
  ["duplicate name", (n) => { syn(n).name = "z1"; }, "synapses[0].name", /duplicate/],
  ["unknown record variable", (n) => { n.record = [{ name: "W", vars: ["w"] }]; }, "record[0].vars", /"u" or "x" or "wdyn"/],
  ["record unit out of range", (n) => { n.record = [{ name: "z1", vars: ["v"], units: [2] }]; }, "record[0].units[0]", /<= 1/],
  ["record trial out of range", (n) => { n.record = [{ name: "z1", vars: ["v"], trials: [1] }]; }, "record[0].trials[0]", /<= 0/],
  ["record of an unknown name", (n) => { n.record = [{ name: "Z", vars: ["v"] }]; }, "record[0].name", /"z0", "z1", "W"/],
  ["a network beyond the memory limit", (n) => { pop(n, 0).n = 2 ** 30; }, "network", /need \d+ bytes.*at most \d+ bytes/],
  ["Infinity tauD", (n) => { syn(n).tauD = Infinity; }, "synapses[0].tauD", /Infinity.*finite number/],
  ["NaN resting potential", (n) => { pop(n, 1).vRest = NaN; }, "populations[1].vRest", /NaN.*finite number/],
  ["negative resistance", (n) => { pop(n, 1).resistM = -240; }, "populations[1].resistM", />= 0/],
  ["a NaN input intensity", (n) => { pop(n, 0).inputs = [0.5, NaN]; }, "populations[0].inputs[1]", /NaN/],
  ["a resistance beyond float32's range", (n) => { pop(n, 1).resistM = 1e39; }, "populations[1].resistM", /1e\+39 is not allowed: beyond float32's range, \|value\| <= 3.4028234663852886e\+38/],
  ["units given as a string", (n) => { pop(n, 1).n = "2"; }, "populations[1].n", /"2" is not allowed.*integer/],
];

describe("bad input", async () => {
  const kernel = await Kernel.load({ maxBytes: 256 * 2 ** 20 });
  const bytesBefore = kernel.bytes;

  it.each(API_CASES)("API: %s", async (_what, breakIt, option, message) => {
    const net = base();
    breakIt(net);
    const err = await simulate(net, { kernel }).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StpOptionError);
    expect((err as StpOptionError).option).toBe(option);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain(`${option} = `);
    expect(kernel.bytes).toBe(bytesBefore); // nothing was allocated
  });

  it("the same kernel instance then runs a valid network, as a fresh one does", async () => {
    const fresh = await simulate(base());
    const reused = await simulate(base(), { kernel });
    expect(Array.from(reused.records.z1.v.data)).toEqual(Array.from(fresh.records.z1.v.data));
    expect(reused.spikeCounts.z1).toEqual(fresh.spikeCounts.z1);
  });

  it("sizes beyond the memory limit are refused with the bytes asked for and the limit", async () => {
    const net = base();
    net.trials = 2 ** 16; // 2 x 2 units: some 20 MB of state, and records of 65536 columns
    net.record = [{ name: "z1", vars: ["v", "spikes"] }];
    const small = await Kernel.load({ maxBytes: 16 * 2 ** 20 });
    const err = await simulate(net, { kernel: small }).then(() => null, (e: unknown) => e as Error);
    const [, asked, limit] = /need (\d+) bytes of kernel memory; allowed: at most (\d+) bytes/.exec(err?.message ?? "") ?? [];
    expect(Number(limit)).toBe(16 * 2 ** 20);
    expect(Number(asked)).toBeGreaterThan(20e6);
    expect(small.bytes).toBe(65536); // nothing was allocated
    expect((await simulate(base(), { kernel: small })).spikeCounts.z1).toEqual((await simulate(base())).spikeCounts.z1);
  });

  it("a Simulation refuses bad run lengths and inputs, then keeps running", async () => {
    const { steps, ...net } = base();
    const sim = await Simulation.create(net, { steps });
    expect(() => sim.run(-1)).toThrow(/steps = -1/);
    expect(() => sim.run(2.5)).toThrow(/steps = 2.5/);
    expect(() => sim.run(2 ** 31)).toThrow(/steps = 2147483648 .*<= 2147483647/);
    expect(() => sim.setInputs("z0", NaN)).toThrow(/inputs = NaN .*finite/);
    expect(() => sim.setInputs("z0", [0.5])).toThrow(/inputs = \[0.5\] .*2 or 2 values/);
    expect(() => sim.setInputs("z0", 2)).toThrow(/inputs = 2 .*<= 1/);
    expect(() => sim.setInputs("z1", 1)).toThrow(/name = "z1".*Poisson source/);
    expect(() => sim.state("z1", "q")).toThrow(/variable = "q"/);
    expect(sim.run(10).steps).toBe(10);
  });

  it.each([
    [{ rateHz: 2000 }, "rateHz", /rateHz = 2000/],
    [{ preset: "xyz" }, "preset", /"stf" or "std"/],
    [{ tauF: 0.2 }, "tauF", /tauF = 0.2/],
    [{ weight: NaN }, "weight", /weight = NaN/],
    [{ spikeTimes: [3, 2] }, "spikeTimes[1]", /strictly increasing/],
    [{ rM: -1 }, "rM", /rM = -1/],
    [{ tau_f: 10 }, "tau_f", /unknown option/],
    [{ lifIntegration: "rk4" }, "lifIntegration", /"euler" or "midpoint" or "exact"/],
    [{ uRest: 2 }, "uRest", /0 \(u relaxes to 0/],
    [{ tauInact: 3 }, "tauInact", /need integration "exact"/],
    [{ tauSyn: -2 }, "tauSyn", />= 0/],
  ] as [Record<string, unknown>, string, RegExp][])("lesson API: %j", async (options, option, message) => {
    const err = await runLesson(options).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StpOptionError);
    expect((err as StpOptionError).option).toBe(option);
    expect((err as Error).message).toMatch(message);
  });

  it.each([
    [["run", "--rate", "abc"], /--rate = "abc" is not allowed.*a number/],
    [["run", "--rate=2000"], /--rate = 2000 is not allowed.*rateHz <= 1000/],
    [["run", "--foo", "1"], /unknown option --foo/],
    [["run", "--steps", "1.5"], /--steps = "1.5".*whole number/],
    [["run", "--spike-times", "3,1"], /--spike-times\[1\] = 1 .*strictly increasing/],
    [["run", "--spike-times", "3,x"], /--spike-times = "3,x".*"x" is not a number/],
    [["run", "--tau-m=0"], /--tau-m = 0 .*> 0/],
    [["run", "--rate"], /--rate needs a value/],
    [["run", "--preset", "abc"], /--preset = "abc".*stf or std/],
    [["run", "--rate", "2", "--rate", "3"], /given twice/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [["run", "--u-rest", "2"], /--u-rest = "2" is not allowed.*0 or U/],
    [["run", "--tau-inact=3"], /--tau-inact = 3 is not allowed.*"exact"/],
    [["run", "--lif-integration=rk4"], /--lif-integration = "rk4".*euler, midpoint or exact/],
    [["run", "--tau-syn=-1"], /--tau-syn = -1 is not allowed.*>= 0/],
    [["run", "--rate=NaN"], /--rate = "NaN" is not allowed.*a number/],
    [["run", "--dt=Infinity"], /--dt = "Infinity" is not allowed.*a number/],
    [["run", "--dt", "0x10"], /--dt = "0x10" is not allowed.*a number/],
    [["run", "--weight=1e400"], /--weight = Infinity is not allowed.*finite number/],
    [["run", "--trials=20000000"], /--trials = 20000000 is not allowed.*<= 16777216/],
    [["run", "--steps=-5"], /--steps = -5 is not allowed.*>= 1/],
    [["run", "--tau-d=-5"], /--tau-d = -5 is not allowed.*>= 0/],
    [["run", "--spike-times=10,20,6000"], /--spike-times\[2\] = 6000 is not allowed: spike time beyond the run.*<= 5000 ms/],
    [["sweep", "--rates=1,,2"], /--rates = "1,,2" is not allowed.*"" is not a number/],
  ])("CLI: %j", async (args, message) => {
    let err = "";
    const code = await main(args, { out: () => {}, err: (t) => { err += t; } });
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it("CLI: after the bad commands, the same process runs a good one, equal to the API", async () => {
    const out = mkdtempSync(join(tmpdir(), "stp-after-bad-"));
    let err = "";
    const code = await main(["run", "--preset", "std", "--rate", "20", "--steps", "800", "--out", out], { out: () => {}, err: (t) => { err += t; } });
    expect(code, err).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    const api = await runLesson({ preset: "std", rateHz: 20, steps: 800 });
    expect([summary.preSpikes, summary.postSpikes]).toEqual([api.preSpikes, api.postSpikes]);
  });

  it("the kernel's own refusal reaches the API as StpKernelError (code and address), and nothing ran", async () => {
    const { steps, ...net } = base();
    const sim = await Simulation.create(net, { steps });
    sim.run(10);
    const version = new Uint32Array(sim.kernel.buffer, sim.netPtr + A.NET_VERSION, 1);
    version[0] = 99; // memory changed behind the API's back, by a stage that follows the contract:
    new Uint32Array(sim.kernel.buffer, sim.netPtr + A.NET_GEN, 1)[0] += 1; // a new generation (docs/ABI.md, prepared stepping)
    const err = (() => { try { sim.run(10); return null; } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(StpKernelError);
    expect((err as StpKernelError).code).toBe(A.ERR_BAD_HEADER);
    expect((err as StpKernelError).at).toBe(sim.netPtr + A.NET_VERSION);
    expect((err as Error).message).toMatch(/code 1 \(bad network header .*\) at byte \d+/);
    expect(sim.step).toBe(10);
    version[0] = A.ABI_VERSION;
    const rest = sim.run(90).records.z1.v.data;
    const whole = (await simulate(base())).records.z1.v.data;
    expect(Array.from(rest)).toEqual(Array.from(whole.subarray(20)));
  });
});
