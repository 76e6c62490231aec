// Validation of a network descriptor, once per init / run / runSlice / record call (never per
// step): every word the kernel will use as a count, a pointer, an index, a kind or a parameter is
// checked before anything is written, so that bad input gets a code and never a trap. The address
// of the refused word is kept for errorAt(). The order (docs/ABI.md, "Validation"):
//   1. the header: its place, magic, version, trials, dt, counts, capacity, spins (and for runs the
//      step and the record row);
//   2. the component table and each descriptor: in memory, a known kind of the kind's size, listed
//      once; the header's counts; the wiring (PRE and POST: components of this network, of the right
//      role and size); the delivery block of synapses; the model's own fields;
//   3. the record entries: kind, count, component, field or variable, second indices;
//   4. every region (engine/regions.ts): in memory; then the index arrays' contents; then no array the
//      kernel writes in the descriptors' span, on another's index array, or (several workers) on the
//      barrier.
import {
  ABI_VERSION, NET_MAGIC_VALUE, NET_MAGIC, NET_VERSION, NET_TRIALS, NET_STEP, NET_DT, NET_NCOMP, NET_COMPS,
  NET_NREC, NET_REC, NET_REC_CAP, NET_REC_ROW, NET_BARRIER, NET_SPINS, NET_BYTES, BARRIER_BYTES,
  COMP_KIND, COMP_BYTES, COMP_N, COMP_N2, COMP_SPIKES, COMP_COUNTS, COMP_INPUT, COMP_PRE, COMP_POST,
  COMP_HEADER_BYTES, ROLE_SOURCE, ROLE_SYNAPSE, ROLE_CHANNEL, ROLE_NEURON,
  REC_BYTES, REC_KIND, REC_KIND_F32, REC_KIND_SPIKE, REC_KIND_DERIVED, REC_KIND_EVENT, REC_COMP, REC_FIELD, REC_IDX,
  REC_IDX2, REC_COUNT, REC_DST, REC_EVENTS_FIRST, EVT_BYTES,
  OK, ERR_BAD_HEADER, ERR_BAD_RECORD, ERR_BAD_KIND, ERR_BAD_POINTER, ERR_OVERFLOW, ERR_OVERLAP, ERR_BAD_WIRING,
} from "../abi";
import {
  fail, positive, units, region, inside, beginCall, passBounds, passBan, passFind, spanLo, spanHi,
  foundField, foundLo, foundHi, I32_MAX, REG_DESCRIPTOR, REG_WRITTEN,
} from "./regions";
import { roleOf, bytesOf, checkModel, modelRegions, checkModelData, recordable, hasDerived, derivedRange, lastSpikes } from "../models/registry";
import { checkDelivery, deliveryRegions, checkDeliveryData } from "../delivery/index";
import { checkShares } from "./balance";

export { errorWord, fail } from "./regions";

/** Component i of the network's table (the table was checked to be in memory). */
@inline export function component(net: usize, i: i32): usize {
  return load<usize>(load<usize>(net + NET_COMPS) + (<usize>i << 2));
}

/** Whether `c` is one of the network's components. */
function listed(net: usize, c: usize): bool {
  const n = load<i32>(net + NET_NCOMP);
  for (let i = 0; i < n; i++) if (component(net, i) == c) return true;
  return false;
}

/** A reference at `field` (PRE or POST) to a component of this network with role a or b and `n` units. */
function wired(net: usize, field: usize, roleA: i32, roleB: i32, n: i32): i32 {
  const target = load<usize>(field);
  if (!listed(net, target)) return fail(ERR_BAD_WIRING, field);
  const role = roleOf(load<i32>(target + COMP_KIND));
  if ((role != roleA && role != roleB) || load<i32>(target + COMP_N) != n) return fail(ERR_BAD_WIRING, field);
  return OK;
}

/** Step 2 for component i: its descriptor, counts, wiring, delivery and model fields. */
function checkComponent(net: usize, i: i32, trials: i64): i32 {
  const field = load<usize>(net + NET_COMPS) + (<usize>i << 2);
  const c = load<usize>(field);
  if (!inside(<u64>c, COMP_HEADER_BYTES)) return fail(ERR_BAD_POINTER, field);
  const kind = load<i32>(c + COMP_KIND);
  const role = roleOf(kind);
  if (role == 0) return fail(ERR_BAD_KIND, c + COMP_KIND);
  if (load<i32>(c + COMP_BYTES) != bytesOf(kind)) return fail(ERR_BAD_KIND, c + COMP_BYTES);
  let err = region(field, <u64>bytesOf(kind), REG_DESCRIPTOR);
  if (err != OK) return err;
  for (let j = 0; j < i; j++) if (component(net, j) == c) return fail(ERR_BAD_WIRING, field);
  err = units(c + COMP_N, trials);
  if (err == OK && role == ROLE_SYNAPSE) err = units(c + COMP_N2, trials);
  return err;
}

/** Step 2, after every descriptor is known: wiring, delivery, the model's fields. */
function checkWiring(net: usize, c: usize, trials: i64): i32 {
  const kind = load<i32>(c + COMP_KIND);
  const role = roleOf(kind);
  let err = OK;
  if (role == ROLE_SYNAPSE) {
    err = wired(net, c + COMP_PRE, ROLE_SOURCE, ROLE_NEURON, load<i32>(c + COMP_N));
    if (err == OK) err = wired(net, c + COMP_POST, ROLE_NEURON, ROLE_CHANNEL, load<i32>(c + COMP_N2));
    if (err == OK) err = checkDelivery(c, trials);
  } else if (role == ROLE_CHANNEL) {
    err = wired(net, c + COMP_POST, ROLE_NEURON, ROLE_NEURON, load<i32>(c + COMP_N));
  }
  if (err == OK) err = checkModel(c, kind);
  return err;
}

/** Step 3 for record entry `rec`. */
function checkRecord(net: usize, rec: usize, trials: i64, cap: i64): i32 {
  const kind = load<u32>(rec + REC_KIND);
  if (kind > <u32>REC_KIND_EVENT) return fail(ERR_BAD_RECORD, rec + REC_KIND);
  const count = <i64>load<i32>(rec + REC_COUNT);
  if (count < 0) return fail(ERR_BAD_RECORD, rec + REC_COUNT);
  if (count * cap > I32_MAX) return fail(ERR_OVERFLOW, rec + REC_COUNT);
  const c = load<usize>(rec + REC_COMP);
  if (!listed(net, c)) return fail(ERR_BAD_RECORD, rec + REC_COMP);
  const compKind = load<i32>(c + COMP_KIND);
  const field = load<i32>(rec + REC_FIELD);
  if (kind == <u32>REC_KIND_F32 || kind == <u32>REC_KIND_SPIKE) return recordable(c, compKind, field, <i32>kind) ? OK : fail(ERR_BAD_RECORD, rec + REC_FIELD);
  if (kind == <u32>REC_KIND_EVENT && lastSpikes(c, compKind) == 0) return fail(ERR_BAD_RECORD, rec + REC_COMP);
  if (!hasDerived(compKind, field)) return fail(ERR_BAD_RECORD, rec + REC_FIELD);
  return region(rec + REC_IDX2, <u64>count << 2, REG_DESCRIPTOR);
}

/**
 * Step 4 for record entry `rec` (a sparse synapse's range, nnz = ROWS[nPre], is known good only after
 * its regions and rows were checked): each second index of a derived or event entry in its range.
 */
function checkSecondIndices(rec: usize): i32 {
  const kind = load<i32>(rec + REC_KIND);
  if (kind != REC_KIND_DERIVED && kind != REC_KIND_EVENT) return OK;
  const c = load<usize>(rec + REC_COMP);
  const range = derivedRange(c, load<i32>(c + COMP_KIND), load<i32>(rec + REC_FIELD));
  const count = load<i32>(rec + REC_COUNT);
  const idx2 = load<usize>(rec + REC_IDX2);
  for (let m = 0; m < count; m++) {
    const k = load<i32>(idx2 + (<usize>m << 2));
    if (k < 0 || k >= range) return fail(ERR_BAD_RECORD, idx2 + (<usize>m << 2));
  }
  return OK;
}

/**
 * The call's check of the event entries (every run, prepared or not): the count of events kept (the
 * first word of REC_DST) in [0, row COUNT], so that nSteps more rows' events stay in the buffer.
 */
export function checkEventCounts(net: usize, row: i32): i32 {
  const nRec = load<i32>(net + NET_NREC);
  const recs = load<usize>(net + NET_REC);
  for (let i = 0; i < nRec; i++) {
    const rec = recs + <usize>(i * REC_BYTES);
    if (load<i32>(rec + REC_KIND) != REC_KIND_EVENT) continue;
    const dst = load<usize>(rec + REC_DST);
    const n = load<i32>(dst);
    if (n < 0 || <i64>n > <i64>row * load<i32>(rec + REC_COUNT)) return fail(ERR_BAD_RECORD, dst);
  }
  return OK;
}

/** Every region of the network, in the current pass: each component's, then each record's. */
function allRegions(net: usize, trials: i64): i32 {
  const nComp = load<i32>(net + NET_NCOMP);
  for (let i = 0; i < nComp; i++) {
    const c = component(net, i);
    const kind = load<i32>(c + COMP_KIND);
    const role = roleOf(kind);
    const bytes = <u64>(<i64>load<i32>(c + COMP_N) * trials) << 2;
    let err = OK;
    if (role == ROLE_SOURCE || role == ROLE_NEURON) {
      err = region(c + COMP_SPIKES, bytes, REG_WRITTEN);
      if (err == OK) err = region(c + COMP_COUNTS, bytes, REG_WRITTEN);
    }
    if (err == OK && (role == ROLE_NEURON || role == ROLE_CHANNEL)) err = region(c + COMP_INPUT, bytes, REG_WRITTEN);
    if (err == OK && role == ROLE_SYNAPSE) err = deliveryRegions(c, trials);
    if (err == OK) err = modelRegions(c, kind, trials);
    if (err != OK) return err;
  }
  const nRec = load<i32>(net + NET_NREC);
  const cap = <u64>load<i32>(net + NET_REC_CAP);
  for (let i = 0; i < nRec; i++) {
    const rec = load<usize>(net + NET_REC) + <usize>(i * REC_BYTES);
    const count = <u64>load<i32>(rec + REC_COUNT);
    const kind = load<i32>(rec + REC_KIND);
    const dst = kind == REC_KIND_EVENT ? REC_EVENTS_FIRST + cap * count * EVT_BYTES : cap * count * (kind == REC_KIND_SPIKE ? 1 : 4);
    let err = region(rec + REC_IDX, count << 2, REG_DESCRIPTOR);
    if (err == OK) err = region(rec + REC_DST, dst, REG_WRITTEN);
    if (err != OK) return err;
  }
  return OK;
}

/**
 * Check the network at `net` for init (`forRun` false) or for a run / record call (`forRun` true:
 * also the step, the record row and the spike-train cursors, which are state), and with `workers`
 * workers the barrier. Returns OK or an ERR_* code; reads only.
 */
export function validate(net: usize, forRun: bool, workers: i32): i32 {
  beginCall(<u64>net, <u64>net + NET_BYTES);
  if (!inside(<u64>net, NET_BYTES)) return fail(ERR_BAD_POINTER, net);
  // 1. the header
  if (load<u32>(net + NET_MAGIC) != NET_MAGIC_VALUE) return fail(ERR_BAD_HEADER, net + NET_MAGIC);
  if (load<i32>(net + NET_VERSION) != ABI_VERSION) return fail(ERR_BAD_HEADER, net + NET_VERSION);
  const trials = <i64>load<i32>(net + NET_TRIALS);
  if (trials < 1) return fail(ERR_BAD_HEADER, net + NET_TRIALS);
  let err = positive(net + NET_DT);
  if (err != OK) return err;
  const nComp = load<i32>(net + NET_NCOMP);
  const nRec = load<i32>(net + NET_NREC);
  if (nComp < 0) return fail(ERR_BAD_HEADER, net + NET_NCOMP);
  if (nRec < 0) return fail(ERR_BAD_HEADER, net + NET_NREC);
  const cap = <i64>load<i32>(net + NET_REC_CAP);
  if (cap < 0) return fail(ERR_BAD_HEADER, net + NET_REC_CAP);
  if (load<i32>(net + NET_SPINS) < 0) return fail(ERR_BAD_HEADER, net + NET_SPINS);
  if (forRun) {
    if (load<i32>(net + NET_STEP) < 0) return fail(ERR_BAD_HEADER, net + NET_STEP);
    const row = load<i32>(net + NET_REC_ROW);
    if (row < 0 || (nRec > 0 && <i64>row > cap)) return fail(ERR_BAD_HEADER, net + NET_REC_ROW);
  }
  passBounds();
  err = region(net + NET_COMPS, <u64>nComp << 2, REG_DESCRIPTOR);
  if (err == OK) err = region(net + NET_REC, <u64>nRec * REC_BYTES, REG_DESCRIPTOR);
  if (err != OK) return err;
  // 2. the components
  for (let i = 0; i < nComp; i++) {
    err = checkComponent(net, i, trials);
    if (err != OK) return err;
  }
  for (let i = 0; i < nComp; i++) {
    err = checkWiring(net, component(net, i), trials);
    if (err != OK) return err;
  }
  // 3. the records
  const recs = load<usize>(net + NET_REC);
  for (let i = 0; i < nRec; i++) {
    err = checkRecord(net, recs + <usize>(i * REC_BYTES), trials, cap);
    if (err != OK) return err;
  }
  // 4. the regions: in memory (the descriptors widen the span) ...
  err = allRegions(net, trials);
  if (err != OK) return err;
  for (let i = 0; i < nComp; i++) {
    const c = component(net, i);
    const kind = load<i32>(c + COMP_KIND);
    if (roleOf(kind) == ROLE_SYNAPSE) err = checkDeliveryData(c, forRun);
    if (err == OK) err = checkModelData(c, kind, trials, forRun);
    if (err != OK) return err;
  }
  for (let i = 0; i < nRec; i++) {
    err = checkSecondIndices(recs + <usize>(i * REC_BYTES));
    if (err != OK) return err;
  }
  // ... the written ones clear of the descriptors' span ...
  const lo = spanLo;
  const hi = spanHi;
  passBan(lo, hi, 0);
  err = allRegions(net, trials);
  if (err != OK) return err;
  // ... of every index region but itself ...
  for (let k = 0; ; k++) {
    passFind(k);
    allRegions(net, trials);
    if (foundField == 0) break;
    const field = foundField;
    passBan(foundLo, foundHi, field);
    err = allRegions(net, trials);
    if (err != OK) return err;
  }
  // ... and, with several workers, of the barrier, which must also be clear of the descriptors
  // (a missing barrier is the caller's ERR_BAD_THREADS)
  const barField = net + NET_BARRIER;
  const bar = <u64>load<u32>(barField);
  if (workers > 1 && bar != 0) {
    if (!inside(bar, BARRIER_BYTES)) return fail(ERR_BAD_POINTER, barField);
    if (bar < hi && lo < bar + BARRIER_BYTES) return fail(ERR_OVERLAP, barField);
    passBan(bar, bar + BARRIER_BYTES, 0);
    err = allRegions(net, trials);
    if (err != OK) return err;
    err = checkShares(<usize>bar, workers);
    if (err != OK) return err;
  }
  return OK;
}
