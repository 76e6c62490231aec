// `--vary NAME=V1,V2,...`: NAME is a run flag without its dashes (tau-f, resources, preset, ...), the
// values are read as that flag reads its value; the result is the API's `vary` ({ tauF: [...] }).
import { StpOptionError } from "../core/errors.js";
import { suggest } from "../core/suggest.js";
import { VARIABLE_OPTIONS } from "../experiments/grid.js";
import { parseValue, type OptionDef } from "./args.js";
import { RUN_OPTIONS } from "./options.js";

/** The run flags a sweep can vary. */
export const VARY_FLAGS: readonly OptionDef[] = RUN_OPTIONS.filter((d) => VARIABLE_OPTIONS.includes(d.key));

const NAMES = VARY_FLAGS.map((d) => d.flag.slice(2)).join(", ");

/** The API's vary from the --vary texts, in order; errors name --vary and the option. */
export function parseVary(texts: readonly string[]): Record<string, unknown[]> {
  const vary: Record<string, unknown[]> = {};
  for (const text of texts) {
    const eq = text.indexOf("=");
    const name = eq > 0 ? text.slice(0, eq).trim() : "";
    const def = VARY_FLAGS.find((d) => d.flag === `--${name}`);
    if (!def) {
      const why = eq <= 0 ? "no NAME= before the values"
        : name === "rate" || name === "rates" ? "the input rates are --rates"
        : RUN_OPTIONS.some((d) => d.flag === `--${name}`) ? `--${name} is not a parameter of the sweep's rows`
        : `unknown option name ${JSON.stringify(name)}`;
      const near = why.startsWith("unknown") ? suggest(name, VARY_FLAGS.map((d) => d.flag.slice(2)), (f) => VARY_FLAGS.find((d) => d.flag === `--${f}`)?.key ?? f) : undefined;
      throw new StpOptionError("--vary", text, `NAME=V1,V2,... with NAME one of ${NAMES}`, why, near);
    }
    if (def.key in vary) throw new StpOptionError("--vary", text, "each NAME once", `${name} is varied twice`);
    const list = text.slice(eq + 1);
    if (list.trim() === "") throw new StpOptionError(`--vary ${name}`, list, `a comma-separated list of values of --${name}`);
    vary[def.key] = list.split(",").map((v) => parseValue({ ...def, flag: `--vary ${name}` }, v.trim()));
  }
  return vary;
}

/** API option names under vary -> what the user typed, e.g. vary.tauF -> "--vary tau-f". */
export const VARY_NAMES: Record<string, string> = Object.fromEntries(VARY_FLAGS.map((d) => [`vary.${d.key}`, `--vary ${d.flag.slice(2)}`]));
