// Recording: after every step, each record entry appends one row of COUNT values to its buffer.
import {
  REC_KIND, REC_SRC, REC_IDX, REC_IDX2, REC_COUNT, REC_DST, REC_BYTES,
  REC_KIND_F32, REC_KIND_SPIKE, REC_KIND_WDYN,
} from "./abi";
import { wdynAt } from "./stp";

/** Append row `row` of every record entry. Returns false on an unknown kind. */
export function recordRow(recs: usize, nRec: i32, row: i32): bool {
  for (let e = 0; e < nRec; e++) {
    const rec = recs + <usize>(e * REC_BYTES);
    const kind = load<i32>(rec + REC_KIND);
    const src = load<usize>(rec + REC_SRC);
    const idx = load<usize>(rec + REC_IDX);
    const count = load<i32>(rec + REC_COUNT);
    const dst = load<usize>(rec + REC_DST);
    const first = row * count;
    if (kind == REC_KIND_F32) {
      for (let m = 0; m < count; m++) {
        const i = load<i32>(idx + (<usize>m << 2));
        store<f32>(dst + (<usize>(first + m) << 2), load<f32>(src + (<usize>i << 2)));
      }
    } else if (kind == REC_KIND_SPIKE) {
      for (let m = 0; m < count; m++) {
        const i = load<i32>(idx + (<usize>m << 2));
        store<u8>(dst + <usize>(first + m), load<f32>(src + (<usize>i << 2)) != 0 ? 1 : 0);
      }
    } else if (kind == REC_KIND_WDYN) {
      const idx2 = load<usize>(rec + REC_IDX2);
      for (let m = 0; m < count; m++) {
        const r = load<i32>(idx + (<usize>m << 2));
        const k = load<i32>(idx2 + (<usize>m << 2));
        store<f32>(dst + (<usize>(first + m) << 2), wdynAt(src, r, k));
      }
    } else return false;
  }
  return true;
}
