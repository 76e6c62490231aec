// Recording: after every step, each record entry appends one row of COUNT values to its buffer: the
// columns whose sampled index lies in this pass's range (engine/schedule.ts), i.e. the values this
// pass computed. F32 and SPIKE entries sample a component's per-unit array; DERIVED entries ask the
// component's model (e.g. a TM synapse's Wdyn). EVENT entries append an event (step, m, value) for
// each target m whose presynaptic row spiked this step: memory in proportion to the spikes, not to
// the steps. Events of one step may come in any order (workers append them concurrently, taking
// slots with an atomic add); the host sorts them.
import {
  NET_NREC, NET_REC, COMP_KIND, COMP_N, REC_KIND, REC_COMP, REC_FIELD, REC_IDX, REC_IDX2, REC_COUNT, REC_DST, REC_BYTES,
  REC_KIND_F32, REC_KIND_SPIKE, REC_KIND_EVENT, EVT_STEP, EVT_INDEX, EVT_VALUE,
  EVT_BYTES, REC_EVENTS_FIRST,
} from "../abi";
import { first, end } from "./schedule";
import { derived, lastSpikes } from "../models/registry";

/** A slot for one more event in the buffer at `dst` (its first word counts them). */
@inline function eventSlot(dst: usize): usize {
  const n = ASC_FEATURE_THREADS ? atomic.add<i32>(dst, 1) : load<i32>(dst);
  if (!ASC_FEATURE_THREADS) store<i32>(dst, n + 1);
  return dst + REC_EVENTS_FIRST + <usize>n * EVT_BYTES;
}

/** init: every event entry's count (the first word of its REC_DST) back to 0, with the record row. */
export function clearEventCounts(net: usize): void {
  const nRec = load<i32>(net + NET_NREC);
  const recs = load<usize>(net + NET_REC);
  for (let e = 0; e < nRec; e++) {
    const rec = recs + <usize>(e * REC_BYTES);
    if (load<i32>(rec + REC_KIND) == REC_KIND_EVENT) store<i32>(load<usize>(rec + REC_DST), 0);
  }
}

/** Append row `row` of every record entry (checked by validate), and with `events` the events of step `step`. */
export function recordRow(recs: usize, nRec: i32, row: i32, step: i32, events: bool): void {
  for (let e = 0; e < nRec; e++) {
    const rec = recs + <usize>(e * REC_BYTES);
    const kind = load<i32>(rec + REC_KIND);
    const c = load<usize>(rec + REC_COMP);
    const compKind = load<i32>(c + COMP_KIND);
    const field = load<i32>(rec + REC_FIELD);
    const idx = load<usize>(rec + REC_IDX);
    const idx2 = load<usize>(rec + REC_IDX2);
    const count = load<i32>(rec + REC_COUNT);
    const dst = load<usize>(rec + REC_DST);
    const units = load<i32>(c + COMP_N);
    const lo = first(units);
    const hi = end(units);
    if (kind == REC_KIND_EVENT) {
      if (!events) continue;
      const last = lastSpikes(c, compKind);
      for (let m = 0; m < count; m++) {
        const i = load<i32>(idx + (<usize>m << 2));
        if (i < lo || i >= hi || load<i32>(last + (<usize>i << 2)) != step) continue;
        const at = eventSlot(dst);
        store<i32>(at + EVT_STEP, step);
        store<i32>(at + EVT_INDEX, m);
        store<f32>(at + EVT_VALUE, derived(c, compKind, field, i, load<i32>(idx2 + (<usize>m << 2))));
      }
      continue;
    }
    const src = kind == REC_KIND_F32 || kind == REC_KIND_SPIKE ? load<usize>(c + field) : 0;
    const at0 = row * count;
    for (let m = 0; m < count; m++) {
      const i = load<i32>(idx + (<usize>m << 2));
      if (i < lo || i >= hi) continue;
      const at = at0 + m;
      if (kind == REC_KIND_F32) store<f32>(dst + (<usize>at << 2), load<f32>(src + (<usize>i << 2)));
      else if (kind == REC_KIND_SPIKE) store<u8>(dst + <usize>at, load<f32>(src + (<usize>i << 2)) != 0 ? 1 : 0);
      else store<f32>(dst + (<usize>at << 2), derived(c, compKind, field, i, load<i32>(idx2 + (<usize>m << 2))));
    }
  }
}
