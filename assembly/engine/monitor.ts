// Recording: after every step, each record entry appends one row of COUNT values to its buffer.
import {
  REC_KIND, REC_SRC, REC_IDX, REC_IDX2, REC_COUNT, REC_DST, REC_UNITS, REC_BYTES,
  REC_KIND_F32, REC_KIND_SPIKE,
} from "../abi";
import { wdynAt } from "../models/tm/step";
import { rangeStart } from "./schedule";

/**
 * Append row `row` of every record entry (kinds were checked by the caller): the columns whose
 * sampled index lies in the pass's range of its array (trials [a, b) when a >= 0, else worker w's
 * slice), i.e. the values this pass computed.
 */
export function recordRow(recs: usize, nRec: i32, row: i32, trials: i32, w: i32, n: i32, a: i32, b: i32): void {
  for (let e = 0; e < nRec; e++) {
    const rec = recs + <usize>(e * REC_BYTES);
    const kind = load<i32>(rec + REC_KIND);
    const src = load<usize>(rec + REC_SRC);
    const idx = load<usize>(rec + REC_IDX);
    const count = load<i32>(rec + REC_COUNT);
    const dst = load<usize>(rec + REC_DST);
    const units = load<i32>(rec + REC_UNITS);
    const lo = a >= 0 ? a * units : rangeStart(trials, units, w, n);
    const hi = b >= 0 ? b * units : rangeStart(trials, units, w + 1, n);
    const first = row * count;
    for (let m = 0; m < count; m++) {
      const i = load<i32>(idx + (<usize>m << 2));
      if (i < lo || i >= hi) continue;
      const at = first + m;
      if (kind == REC_KIND_F32) store<f32>(dst + (<usize>at << 2), load<f32>(src + (<usize>i << 2)));
      else if (kind == REC_KIND_SPIKE) store<u8>(dst + <usize>at, load<f32>(src + (<usize>i << 2)) != 0 ? 1 : 0);
      else store<f32>(dst + (<usize>at << 2), wdynAt(src, i, load<i32>(load<usize>(rec + REC_IDX2) + (<usize>m << 2))));
    }
  }
}
