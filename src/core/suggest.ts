// "Did you mean ...?": the nearest allowed name to a name that is not allowed. A name matches when it
// is the same but for case, "_" and "-" (tau_m, tau-m -> tauM); else when another simulator calls our
// option by that name (FOREIGN_NAMES); else when it is within a few edits (a typo).

/**
 * Names that ngc-learn (LIFCell, STPDenseSynapse, PoissonCell) and NEST (tsodyks_synapse,
 * tsodyks2_synapse, iaf_psc_exp, poisson_generator) give to what stp-wasm calls by the names on
 * the right, in order of preference; a suggestion is made only among the names allowed where the
 * error is raised. Names that differ only by case, "_" or "-" need no entry (tau_f -> tauF).
 */
export const FOREIGN_NAMES: Readonly<Record<string, readonly string[]>> = {
  // ngc-learn
  tau_m: ["tauM"],
  resist_m: ["resistM", "rM"],
  R_m: ["rM", "resistM"],
  thr: ["thr"],
  refract_time: ["refractTime"],
  tau_theta: ["tauTheta"],
  theta_plus: ["thetaPlus"],
  conduct_leak: ["conductLeak"],
  integration_type: ["integration"],
  target_freq: ["rateHz"],
  weight_init: ["weights", "weight"],
  resources_init: ["resources"],
  bias_init: ["biases"],
  batch_size: ["trials"],
  n_units: ["n"],
  // NEST
  U: ["resources"],
  tau_rec: ["tauD"],
  tau_fac: ["tauF"],
  tau_facil: ["tauF"],
  tau_psc: ["tauSyn"],
  tau_syn_ex: ["tauSyn"],
  E_L: ["vRest"],
  V_reset: ["vReset"],
  V_th: ["thr"],
  t_ref: ["refractTime"],
  E_ex: ["eRev"],
  rate: ["rateHz", "rates"],
  spike_times: ["times", "spikeTimes"],
  // everyday words
  weight: ["weights", "weight"],
  seeds: ["seed", "seeds"],
};

/** Case, "_", "-" and leading dashes removed: tau_m, tau-m, --tau-m and tauM all read "taum". */
export function normalName(name: string): string {
  return name.replace(/^-+/, "").replace(/[-_\s]/g, "").toLowerCase();
}

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The allowed name nearest to `given`, or undefined when none is near. `candidates` are the names
 * allowed here; `keyOf` maps a candidate to the option name it stands for (a CLI flag to its API
 * key), so that FOREIGN_NAMES applies to flags too.
 */
export function suggest(given: string, candidates: readonly string[], keyOf: (candidate: string) => string = (c) => c): string | undefined {
  if (typeof given !== "string" || given.length === 0 || candidates.length === 0) return undefined;
  const norm = normalName(given);
  const same = candidates.find((c) => normalName(c) === norm || normalName(keyOf(c)) === norm);
  if (same !== undefined) return same;
  const bare = given.replace(/^-+/, "");
  const foreign = Object.hasOwn(FOREIGN_NAMES, bare) ? FOREIGN_NAMES[bare] : undefined;
  for (const name of foreign ?? []) {
    const hit = candidates.find((c) => keyOf(c) === name || c === name);
    if (hit !== undefined) return hit;
  }
  // a typo: no edit in names of 1 or 2 letters ("g" is not a typo of "u"), 1 up to 4 letters, 2 up to 8, 3 beyond; the nearest, and none when two are
  // equally near (tauX: tauF, tauD or tauM?)
  const limit = norm.length <= 2 ? 0 : norm.length <= 4 ? 1 : norm.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const c of candidates) {
    const distance = Math.min(editDistance(norm, normalName(c)), editDistance(norm, normalName(keyOf(c))));
    if (distance < bestDistance) {
      best = c;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && best !== undefined) tie = true;
  }
  return tie ? undefined : best;
}

/** ` (did you mean X?)` for the nearest of `candidates`, or "" when none is near. */
export function didYouMean(given: string, candidates: readonly string[], keyOf?: (candidate: string) => string): string {
  const near = suggest(given, candidates, keyOf);
  return near === undefined ? "" : ` (did you mean ${near}?)`;
}
