// The fit's CSV reader (src/fit/csv.ts): what it accepts, and every refusal naming its line and column.
import { describe, expect, it } from "vitest";
import { FitDataError, parseFitCsv } from "../src/fit/csv.js";
import { checkTrainData } from "../src/fit/data.js";
import { StpOptionError } from "../src/core/errors.js";

/** The error parseFitCsv throws for `text` (fails the test if it accepts it). */
function refusal(text: string): FitDataError {
  try {
    parseFitCsv(text);
  } catch (err) {
    expect(err).toBeInstanceOf(FitDataError);
    return err as FitDataError;
  }
  throw new Error("accepted");
}

describe("parseFitCsv accepts", () => {
  it("sweeps in the order they first appear, interleaved lines, columns in any order, extra columns, CRLF, a BOM, blank lines, quotes", () => {
    const text = "\uFEFFamplitude,Sweep,cell,t\r\n1.5,a,x,0\r\n2,b,x,10\r\n\r\n1.25,a,x,20\r\n\"3\",\"b\",x,30.5\r\n";
    const d = parseFitCsv(text);
    expect(d.sweeps.map((s) => s.name)).toEqual(["a", "b"]);
    expect(d.sweeps[0]).toEqual({ name: "a", t: [0, 20], amplitude: [1.5, 1.25], lines: [2, 5] });
    expect(d.sweeps[1]).toEqual({ name: "b", t: [10, 30.5], amplitude: [2, 3], lines: [3, 6] });
  });

  it("missing amplitudes: empty, NaN, nan or NA (not in every line of a sweep)", () => {
    const d = parseFitCsv("sweep,t,amplitude\n1,0,1\n1,10,\n1,20,NaN\n1,30,nan\n1,40,NA\n2,0,2e-1\n");
    expect(d.sweeps[0].amplitude.map((a) => (Number.isNaN(a) ? "missing" : a))).toEqual([1, "missing", "missing", "missing", "missing"]);
    expect(d.sweeps[1].amplitude).toEqual([0.2]);
    expect(checkTrainData(d)).toBe(d);
  });
});

describe("parseFitCsv refuses, naming the line and the column", () => {
  it.each([
    ["an empty file", "", 1, null, /the file is empty; expected a header line "sweep,t,amplitude"/],
    ["a file of blank lines", "\n  \n\n", 1, null, /the file is empty/],
    ["a missing column", "sweep,t\n1,0\n", 1, null, /no column "amplitude" in the header \(found "sweep", "t"\)/],
    ["two missing columns", "sweep,time,amp\n1,0,1\n", 1, null, /no column "t" or "amplitude"/],
    ["semicolons", "sweep;t;amplitude\n1;0;1\n", 1, null, /columns must be separated by commas/],
    ["a column named twice", "sweep,t,t,amplitude\n", 1, "t", /named twice/],
    ["a header and nothing else", "sweep,t,amplitude\n", 1, null, /not followed by any spike/],
    ["a line with too few fields", "sweep,t,amplitude\n1,0,1\n1,10\n", 3, null, /2 fields, but the header has 3 columns/],
    ["an empty sweep label", "sweep,t,amplitude\n,0,1\n", 2, "sweep", /empty; every line needs its sweep's label/],
    ["a time that is not a number", "sweep,t,amplitude\n1,0,1\n1,ten,2\n", 3, "t", /"ten" is not a number/],
    ["an empty time", "sweep,t,amplitude\n1,,1\n", 2, "t", /"" is not a number/],
    ["a time of NaN", "sweep,t,amplitude\n1,NaN,1\n", 2, "t", /"NaN" is not a number/],
    ["a negative time", "sweep,t,amplitude\n1,0,1\n1,-5,1\n", 3, "t", /-5 is negative; spike times are >= 0 ms/],
    ["unsorted times within a sweep", "sweep,t,amplitude\n1,0,1\n2,5,1\n1,20,1\n1,10,1\n", 5, "t", /10 ms is not after the previous time of sweep "1", 20 ms on line 4; times within a sweep must increase/],
    ["a repeated time within a sweep", "sweep,t,amplitude\n1,0,1\n1,0,1\n", 3, "t", /not after the previous time/],
    ["an amplitude that is not a number", "sweep,t,amplitude\n1,0,1\n1,10,1.2.3\n", 3, "amplitude", /"1.2.3" is not a number; an amplitude is a number, or empty, NaN or NA when it is missing/],
    ["an infinite amplitude", "sweep,t,amplitude\n1,0,1e999\n", 2, "amplitude", /beyond the largest number/],
    ["a sweep with no amplitude", "sweep,t,amplitude\n1,0,1\n2,0,\n2,10,NaN\n1,10,2\n", 3, "amplitude", /sweep "2" \(lines 3 to 4\) has no amplitude: every one is missing/],
  ])("%s", (_name, text, line, column, message) => {
    const e = refusal(text);
    expect(e.line).toBe(line);
    expect(e.column).toBe(column);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(new RegExp(`^line ${line}${column ? `, column \\d \\(${column}\\)` : ":"}`));
  });

  it("the column's position is the header's", () => {
    expect(refusal("t,amplitude,sweep\n0,x,1\n").message).toBe('line 2, column 2 (amplitude): "x" is not a number; an amplitude is a number, or empty, NaN or NA when it is missing');
  });
});

describe("checkTrainData (a data set given as objects) names the path", () => {
  it.each([
    [{ sweeps: [] }, "data.sweeps"],
    [{ sweeps: [{ name: "a", t: [0, 5, 5], amplitude: [1, 1, 1] }] }, "data.sweeps[0].t[2]"],
    [{ sweeps: [{ name: "a", t: [-1], amplitude: [1] }] }, "data.sweeps[0].t[0]"],
    [{ sweeps: [{ name: "a", t: [0, 1], amplitude: [1] }] }, "data.sweeps[0].amplitude"],
    [{ sweeps: [{ name: "a", t: [0, 1], amplitude: [NaN, NaN] }] }, "data.sweeps[0].amplitude"],
    [{ sweeps: [{ name: "", t: [0], amplitude: [1] }] }, "data.sweeps[0].name"],
  ])("%j refused at %s", (data, option) => {
    expect(() => checkTrainData(data)).toThrow(StpOptionError);
    try {
      checkTrainData(data);
    } catch (e) {
      expect((e as StpOptionError).option).toBe(option);
    }
  });
});
