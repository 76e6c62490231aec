// The fit's CSV: a header naming the columns sweep, t and amplitude (in any order; other columns are
// ignored), then one line per presynaptic spike: its sweep's label, its time in ms and the PSC
// amplitude it evoked (empty, NaN or NA = missing). A refusal names the line and the column.
import type { Sweep, TrainData } from "./data.js";

/** The columns the CSV must have. */
export const CSV_COLUMNS = ["sweep", "t", "amplitude"] as const;

/** A CSV refused: `line` (1-based) and `column` (its header name, and its 1-based position) say where. */
export class FitDataError extends Error {
  constructor(readonly line: number, readonly column: string | null, readonly columnIndex: number | null, readonly reason: string) {
    super(`line ${line}${column !== null ? `, column ${columnIndex} (${column})` : ""}: ${reason}`);
    this.name = "FitDataError";
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const MISSING = /^(nan|na)?$/i;

/** One field: surrounding spaces and one pair of double quotes removed ("" inside is a quote). */
function unquote(s: string): string {
  const t = s.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"').trim() : t;
}

/** Split a line at commas outside double quotes. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === "," && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map(unquote);
}

const show = (s: string) => JSON.stringify(s.length > 40 ? s.slice(0, 37) + "..." : s);

/** Read a CSV's text into sweeps (in the order their labels first appear), or throw a FitDataError. */
export function parseFitCsv(text: string): TrainData {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) throw new FitDataError(1, null, null, `the file is empty; expected a header line "${CSV_COLUMNS.join(",")}" and then one line per spike`);
  const head = fields(lines[first]).map((h) => h.toLowerCase());
  const col: Record<string, number> = {};
  head.forEach((h, i) => {
    if (h !== "" && h in col) throw new FitDataError(first + 1, h, i + 1, `the column "${h}" is named twice`);
    col[h] = i;
  });
  const missing = CSV_COLUMNS.filter((c) => !(c in col));
  if (missing.length > 0) {
    const sep = !lines[first].includes(",") && /[;\t]/.test(lines[first]) ? "; columns must be separated by commas" : "";
    throw new FitDataError(first + 1, null, null,
      `no column ${missing.map((m) => `"${m}"`).join(" or ")} in the header (found ${head.map((h) => `"${h}"`).join(", ")}); the header must name ${CSV_COLUMNS.join(", ")}${sep}`);
  }
  const where = (c: (typeof CSV_COLUMNS)[number]) => [c, col[c] + 1] as const;
  const sweeps = new Map<string, Sweep>();
  for (let i = first + 1; i < lines.length; i++) {
    if (lines[i].trim() === "") continue;
    const line = i + 1;
    const f = fields(lines[i]);
    if (f.length !== head.length) throw new FitDataError(line, null, null, `${f.length} field${f.length === 1 ? "" : "s"}, but the header has ${head.length} columns`);
    const label = f[col.sweep];
    if (label === "") throw new FitDataError(line, ...where("sweep"), "empty; every line needs its sweep's label");
    const tText = f[col.t];
    if (!NUMBER.test(tText)) throw new FitDataError(line, ...where("t"), `${show(tText)} is not a number; t is the spike's time in ms`);
    const t = Number(tText);
    if (t < 0) throw new FitDataError(line, ...where("t"), `${tText} is negative; spike times are >= 0 ms`);
    const aText = f[col.amplitude];
    let amplitude: number;
    if (MISSING.test(aText)) amplitude = NaN;
    else if (NUMBER.test(aText)) amplitude = Number(aText);
    else throw new FitDataError(line, ...where("amplitude"), `${show(aText)} is not a number; an amplitude is a number, or empty, NaN or NA when it is missing`);
    if (!Number.isFinite(t) || (!Number.isNaN(amplitude) && !Number.isFinite(amplitude))) {
      throw new FitDataError(line, ...where(Number.isFinite(t) ? "amplitude" : "t"), "beyond the largest number a double holds");
    }
    let w = sweeps.get(label);
    if (!w) sweeps.set(label, (w = { name: label, t: [], amplitude: [], lines: [] }));
    const k = w.t.length;
    if (k > 0 && !(t > w.t[k - 1])) {
      throw new FitDataError(line, ...where("t"), `${tText} ms is not after the previous time of sweep ${show(label)}, ${w.t[k - 1]} ms on line ${w.lines![k - 1]}; times within a sweep must increase`);
    }
    w.t.push(t);
    w.amplitude.push(amplitude);
    w.lines!.push(line);
  }
  if (sweeps.size === 0) throw new FitDataError(first + 1, null, null, "the header is not followed by any spike; expected one line per spike");
  for (const w of sweeps.values()) {
    if (w.amplitude.every((a) => Number.isNaN(a))) {
      throw new FitDataError(w.lines![0], ...where("amplitude"),
        `sweep ${show(w.name)} (lines ${w.lines![0]} to ${w.lines![w.lines!.length - 1]}) has no amplitude: every one is missing`);
    }
  }
  return { sweeps: [...sweeps.values()] };
}
