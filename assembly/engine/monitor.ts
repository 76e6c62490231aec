// Recording: after every step, each record entry appends one row of COUNT values to its buffer: the
// columns whose sampled index lies in this pass's range (engine/schedule.ts), i.e. the values this
// pass computed. F32 and SPIKE entries sample a component's per-unit array; DERIVED entries ask the
// component's model (e.g. a TM synapse's Wdyn).
import { COMP_KIND, COMP_N, REC_KIND, REC_COMP, REC_FIELD, REC_IDX, REC_IDX2, REC_COUNT, REC_DST, REC_BYTES, REC_KIND_F32, REC_KIND_SPIKE } from "../abi";
import { first, end } from "./schedule";
import { derived } from "../models/registry";

/** Append row `row` of every record entry (checked by validate). */
export function recordRow(recs: usize, nRec: i32, row: i32): void {
  for (let e = 0; e < nRec; e++) {
    const rec = recs + <usize>(e * REC_BYTES);
    const kind = load<i32>(rec + REC_KIND);
    const c = load<usize>(rec + REC_COMP);
    const field = load<i32>(rec + REC_FIELD);
    const idx = load<usize>(rec + REC_IDX);
    const count = load<i32>(rec + REC_COUNT);
    const dst = load<usize>(rec + REC_DST);
    const units = load<i32>(c + COMP_N);
    const lo = first(units);
    const hi = end(units);
    const src = kind == REC_KIND_F32 || kind == REC_KIND_SPIKE ? load<usize>(c + field) : 0;
    const at0 = row * count;
    for (let m = 0; m < count; m++) {
      const i = load<i32>(idx + (<usize>m << 2));
      if (i < lo || i >= hi) continue;
      const at = at0 + m;
      if (kind == REC_KIND_F32) store<f32>(dst + (<usize>at << 2), load<f32>(src + (<usize>i << 2)));
      else if (kind == REC_KIND_SPIKE) store<u8>(dst + <usize>at, load<f32>(src + (<usize>i << 2)) != 0 ? 1 : 0);
      else store<f32>(dst + (<usize>at << 2), derived(c, load<i32>(c + COMP_KIND), field, i, load<i32>(load<usize>(rec + REC_IDX2) + (<usize>m << 2))));
    }
  }
}
