// Issue 17, friendly errors: "did you mean ...?" for unknown options, flags, commands and choices
// (the same name but for case and "_"/"-", the names ngc-learn and NEST use, typos by edit distance),
// shape errors that say what was given, and one sentence per error without "is not allowed: allowed:".
import { describe, expect, it } from "vitest";
import { editDistance, FOREIGN_NAMES, suggest } from "../src/core/suggest.js";
import { StpOptionError } from "../src/core/errors.js";
import { runLesson, simulate, type NetworkOptions } from "../src/index.js";
import { LESSON_KEYS } from "../src/experiments/lesson.js";
import { POPULATIONS, SYNAPSES } from "../src/models/registry.js";
import { cli } from "./cli-helper.js";
import { RUN_OPTIONS } from "../src/cli/options.js";

const LIF_KEYS = ["type", "name", ...POPULATIONS.lif.keys];
const POISSON_KEYS = ["type", "name", ...POPULATIONS.poisson.keys];
const SYN_KEYS = ["name", "pre", "post", "target", ...SYNAPSES.tm.keys, "eRev", "tauSyn"];

describe("suggest", () => {
  it("edit distance: insertions, deletions, substitutions and adjacent transpositions count 1", () => {
    expect(editDistance("tauF", "tauF")).toBe(0);
    expect(editDistance("tauF", "taF")).toBe(1);
    expect(editDistance("tauF", "tauFF")).toBe(1);
    expect(editDistance("tauF", "tauD")).toBe(1);
    expect(editDistance("rateHz", "rtaeHz")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  // the table, and the rest of FOREIGN_NAMES, against the options where each applies
  it.each([
    ["tau_m", LIF_KEYS, "tauM"], ["target_freq", POISSON_KEYS, "rateHz"], ["tau_rec", SYN_KEYS, "tauD"],
    ["tau_fac", SYN_KEYS, "tauF"], ["tau_facil", SYN_KEYS, "tauF"], ["U", SYN_KEYS, "resources"],
    ["tau_m", LESSON_KEYS, "tauM"], ["target_freq", LESSON_KEYS, "rateHz"], ["U", LESSON_KEYS, "resources"],
    ["tau_rec", LESSON_KEYS, "tauD"], ["tau_fac", LESSON_KEYS, "tauF"], ["weight_init", SYN_KEYS, "weights"],
    ["resist_m", LIF_KEYS, "resistM"], ["R_m", LESSON_KEYS, "rM"], ["refract_time", LIF_KEYS, "refractTime"],
    ["t_ref", LIF_KEYS, "refractTime"], ["V_th", LIF_KEYS, "thr"], ["E_L", LIF_KEYS, "vRest"],
    ["tau_syn_ex", SYN_KEYS, "tauSyn"], ["E_ex", SYN_KEYS, "eRev"], ["rate", POISSON_KEYS, "rateHz"],
    ["batch_size", LESSON_KEYS, "trials"], ["v_rest", LIF_KEYS, "vRest"], ["tau_theta", LIF_KEYS, "tauTheta"],
  ])("%s among %j -> %s", (given, keys, expected) => {
    expect(suggest(given, keys)).toBe(expected);
  });

  it("every entry of FOREIGN_NAMES names options that exist somewhere", () => {
    const all = new Set([...LIF_KEYS, ...POISSON_KEYS, ...SYN_KEYS, ...LESSON_KEYS, "times", "spikeTimes", "rates", "seed", "seeds", "n", "biases", "weights"]);
    for (const [foreign, ours] of Object.entries(FOREIGN_NAMES)) for (const o of ours) expect(all.has(o), `${foreign} -> ${o}`).toBe(true);
  });

  it("case, '_' and '-' do not matter; typos within a few edits; none for far, tied or one-letter names", () => {
    expect(suggest("tau_f", SYN_KEYS)).toBe("tauF");
    expect(suggest("TAUD", SYN_KEYS)).toBe("tauD");
    expect(suggest("reources", SYN_KEYS)).toBe("resources");
    expect(suggest("tauFF", SYN_KEYS)).toBe("tauF");
    expect(suggest("rateHZ", POISSON_KEYS)).toBe("rateHz");
    expect(suggest("banana", SYN_KEYS)).toBeUndefined();
    expect(suggest("tauX", SYN_KEYS)).toBeUndefined(); // tauF or tauD: equally near
    expect(suggest("g", ["u", "x", "wdyn"])).toBeUndefined();
    expect(suggest("--tau_m", RUN_OPTIONS.map((d) => d.flag))).toBe("--tau-m");
    expect(suggest("--target_freq", RUN_OPTIONS.map((d) => d.flag), (f) => RUN_OPTIONS.find((d) => d.flag === f)!.key)).toBe("--rate");
  });
});

function lessonNet(): NetworkOptions {
  return {
    populations: [{ type: "poisson", name: "z0", n: 100, rateHz: 20 }, { type: "lif", name: "z1", n: 10 }],
    synapses: [{ name: "W", pre: "z0", post: "z1", weights: 1 }],
  };
}
const refusal = async (f: () => Promise<unknown>): Promise<StpOptionError> => {
  const err = await f().then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(StpOptionError);
  return err as StpOptionError;
};

describe("the messages", () => {
  it("an ngc-learn name in a network: the option, the value, the suggestion and the options, in one sentence", async () => {
    const net = lessonNet();
    (net.populations[1] as unknown as Record<string, unknown>).tau_m = 20;
    const err = await refusal(() => simulate({ ...net, steps: 10 }));
    expect(err.option).toBe("populations[1].tau_m");
    expect(err.suggestion).toBe("tauM");
    expect(err.message).toBe(
      `populations[1].tau_m = 20 is not allowed: unknown option (did you mean tauM?); allowed: one of the options ${LIF_KEYS.join(", ")}`,
    );
  });

  it("NEST's names in the lesson: tau_rec, tau_fac, U", async () => {
    expect((await refusal(() => runLesson({ tau_rec: 50 } as never))).message).toMatch(/^tau_rec = 50 is not allowed: unknown option \(did you mean tauD\?\); allowed: one of the options preset, /);
    expect((await refusal(() => runLesson({ tau_fac: 750 } as never))).suggestion).toBe("tauF");
    expect((await refusal(() => runLesson({ U: 0.15 } as never))).suggestion).toBe("resources");
  });

  it("a misspelt choice gets the nearest choice", async () => {
    const net = lessonNet();
    (net.populations[1] as unknown as Record<string, unknown>).integration = "Euler";
    expect((await refusal(() => simulate({ ...net, steps: 10 }))).message).toBe(
      `populations[1].integration = "Euler" is not allowed (did you mean "euler"?); it must be "euler" or "midpoint" or "exact"`,
    );
  });

  it("rows are named as rows: 10 rows of 1 value where 100 x 10 are needed", async () => {
    const net = lessonNet();
    net.synapses![0].weights = Array.from({ length: 10 }, () => [1]);
    const err = await refusal(() => simulate({ ...net, steps: 10 }));
    expect(err.option).toBe("synapses[0].weights");
    expect(err.message).toMatch(/^synapses\[0\]\.weights = \[\[1\], \[1\], \[1\], \[1\], \.\.\. \(10 items\)\] is not allowed: 10 rows of 1 value given for shape 100 x 10; allowed: .* or 1000 values \(row-major\) or 100 rows of 10$/);
    net.synapses![0].weights = [[1, 2], [3]];
    expect((await refusal(() => simulate({ ...net, steps: 10 }))).detail).toBe("2 rows of 1 to 2 values given for shape 100 x 10");
    net.synapses![0].weights = new Float32Array(999);
    expect((await refusal(() => simulate({ ...net, steps: 10 }))).detail).toBe("999 values given for shape 100 x 10");
    net.synapses![0].weights = 1;
    net.synapses![0].biases = [1, 2, 3];
    expect((await refusal(() => simulate({ ...net, steps: 10 }))).detail).toBe("3 values given, not 10");
  });

  it("no message says 'is not allowed: allowed:'", async () => {
    const net = lessonNet();
    (net.populations[1] as unknown as Record<string, unknown>).inject = "yes";
    const err = await refusal(() => simulate({ ...net, steps: 10 }));
    expect(err.message).toBe(`populations[1].inject = "yes" is not allowed; it must be true or false`);
    expect(err.message).not.toMatch(/allowed: allowed/);
  });
});

describe("the command line", () => {
  it("flags: --tau_m -> --tau-m, --target_freq -> --rate, --tau-ff -> --tau-f; commands: tutorail -> tutorial", async () => {
    expect(await cli(["run", "--tau_m", "10"])).toMatchObject({ code: 2, err: expect.stringMatching(/^stp-wasm run: unknown option --tau_m \(did you mean --tau-m\?\); allowed: --preset, /) });
    expect((await cli(["run", "--target_freq=5"])).err).toMatch(/unknown option --target_freq \(did you mean --rate\?\)/);
    expect((await cli(["run", "--tau-ff=5"])).err).toMatch(/unknown option --tau-ff \(did you mean --tau-f\?\)/);
    expect((await cli(["run", "--tau_rec=5"])).err).toMatch(/unknown option --tau_rec \(did you mean --tau-d\?\)/);
    expect((await cli(["run", "--banana=5"])).err).toMatch(/unknown option --banana; allowed/);
    expect(await cli(["tutorail"])).toMatchObject({ code: 2, err: expect.stringMatching(/^stp-wasm: unknown command "tutorail" \(did you mean tutorial\?\); allowed: tutorial, run/) });
    expect((await cli(["sweep", "--vary", "tauF=1,2"])).err).toMatch(/unknown option name "tauF" \(did you mean tau-f\?\); allowed: NAME=/);
  });
});
