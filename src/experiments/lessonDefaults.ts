// The lesson's presets, defaults and option names: constants only, no imports, so that the command
// line's option tables (src/cli/options.ts) read them without loading the simulation (a fast start).
// src/experiments/lesson.ts re-exports them with the lesson.

/** The lesson's two regimes (resources U, tauF and tauD in ms). */
export const PRESETS = {
  stf: { resources: 0.15, tauF: 750, tauD: 50 },
  std: { resources: 0.45, tauF: 50, tauD: 750 },
} as const;
export type Preset = keyof typeof PRESETS;

/** The lesson's value of every option but resources, tauF and tauD (those come from the preset). */
export const LESSON_DEFAULTS = {
  preset: "stf" as Preset, rateHz: 2, steps: 5000, dt: 1, seed: 231 as number | string, trials: 1,
  weight: 2.5, tauM: 20, rM: 12, vRest: -60, vReset: -70, thr: -50, refractTime: 0,
  spikeTimes: null as number[] | null, integration: "euler" as "euler" | "exact",
  uRest: 0 as 0 | "U", tauInact: 0, tauSyn: 0, lifIntegration: "euler" as "euler" | "midpoint" | "exact",
  target: "current" as "current" | "conductance", eRev: null as number | null,
  release: "deterministic" as "deterministic" | "quantal", sites: null as number | null,
};

/** The names of every lesson option. */
export const LESSON_KEYS: readonly string[] = [...Object.keys(LESSON_DEFAULTS), "resources", "tauF", "tauD"];

/** The lesson options a grid may vary: every one but the input (rateHz, whose axis is `rates`, and spikeTimes). */
export const VARIABLE_OPTIONS: readonly string[] = LESSON_KEYS.filter((k) => k !== "rateHz" && k !== "spikeTimes");
