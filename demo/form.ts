// Reading the demo's forms into API options, with the API's own validation; errors are shown next
// to the field that caused them.
import { StpOptionError } from "../src/core/errors.js";
import { PRESETS, resolveLesson, type LessonOptions, type Preset } from "../src/experiments/lesson.js";
import { resolveRateSweep, type RateSweepOptions } from "../src/experiments/sweep.js";

/** The demo draws every step: runs longer than this belong to the CLI or the API. */
export const MAX_DEMO_STEPS = 200_000;

/** The lesson options the page's fields set (the lesson's meta-parameters). */
export const LESSON_FIELDS = ["rateHz", "resources", "tauF", "tauD", "weight", "tauM", "rM", "steps", "seed", "dt"] as const;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const field = (key: string) => document.getElementById(`f-${key}`) as HTMLInputElement | null;

function labelOf(input: HTMLInputElement): string {
  return input.closest("label")?.textContent?.trim() || input.name;
}

function numberField(key: string): number {
  const input = field(key)!;
  const raw = input.value.trim();
  if (raw === "" || !Number.isFinite(Number(raw))) throw new StpOptionError(key, input.value, "a number");
  return Number(raw);
}

/** A seed: a number when it reads as one, else the text itself (as on the command line). */
function seedField(): number | string {
  const raw = field("seed")!.value.trim();
  if (raw === "") throw new StpOptionError("seed", raw, "a number or a non-empty text");
  return /^[+-]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

/** The lesson options in the form (checked by the API's validation; throws StpOptionError). */
export function readLesson(preset: Preset): LessonOptions {
  const options: LessonOptions = { preset, seed: seedField() };
  for (const key of LESSON_FIELDS) if (key !== "seed") (options as Record<string, unknown>)[key] = numberField(key);
  const steps = options.steps!;
  if (steps > MAX_DEMO_STEPS) throw new StpOptionError("steps", steps, `1 to ${MAX_DEMO_STEPS} in this demo`, "the demo draws every step; use the CLI or the API for longer runs");
  resolveLesson(options);
  return options;
}

/** The sweep options: the lesson form's parameters (less the rate) plus rates and trials. */
export function readSweep(lesson: LessonOptions): RateSweepOptions {
  const raw = field("rates")!.value;
  const rates = raw.split(/[\s,;]+/).filter((s) => s !== "").map((s, i) => {
    if (!Number.isFinite(Number(s))) throw new StpOptionError(`rates[${i}]`, s, "a rate in Hz > 0");
    return Number(s);
  });
  const { rateHz: _rate, ...rest } = lesson;
  const options: RateSweepOptions = { ...rest, rates, trials: numberField("trials") };
  resolveRateSweep(options);
  return options;
}

/** The preset whose U, tauF and tauD the form holds, or null when they were edited. */
export function matchingPreset(): Preset | null {
  for (const [name, p] of Object.entries(PRESETS) as [Preset, (typeof PRESETS)[Preset]][]) {
    if (numberOr(field("resources")!) === p.resources && numberOr(field("tauF")!) === p.tauF && numberOr(field("tauD")!) === p.tauD) return name;
  }
  return null;
}
const numberOr = (input: HTMLInputElement) => (input.value.trim() === "" ? NaN : Number(input.value));

/** Put a preset's U, tauF and tauD into the form. */
export function applyPreset(preset: Preset): void {
  const p = PRESETS[preset];
  field("resources")!.value = String(p.resources);
  field("tauF")!.value = String(p.tauF);
  field("tauD")!.value = String(p.tauD);
}

/** Clear the error marks of a form. */
export function clearErrors(form: HTMLFormElement, box: HTMLElement): void {
  for (const input of form.querySelectorAll("input")) input.removeAttribute("aria-invalid");
  box.hidden = true;
  box.textContent = "";
}

/** Show an error in `box`, mark the field it names and focus it. */
export function showError(box: HTMLElement, err: unknown): void {
  let text = err instanceof Error ? err.message : String(err);
  if (err instanceof StpOptionError) {
    const input = field(err.option.replace(/\[.*$/, ""));
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", box.id);
      input.focus();
      text = `${labelOf(input)}: ${text}`;
    }
  }
  box.textContent = text;
  box.hidden = false;
}

export { $ };
