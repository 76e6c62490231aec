// Prepared stepping. Each instance remembers the network it last checked in full and that
// network's generation (NET_GEN) at the time: `step` on that network, of that generation, skips the
// full check and checks only what a host may change between calls without a new generation, the
// step index and the record row (docs/ABI.md, "Prepared stepping"). Any other network, or a new
// generation, gets the full check, which then becomes the remembered one; a full check that fails
// forgets the network. The memory never shrinks, so regions found inside it stay inside it.
import { NET_GEN, NET_STEP, NET_NREC, NET_REC_CAP, NET_REC_ROW, OK, ERR_BAD_HEADER } from "../abi";
import { validate, fail } from "./validate";

/** The network this instance last checked in full (0: none), and its generation then. */
let preparedNet: usize = 0;
let preparedGen: u32 = 0;

/** validate(), remembering a network that passes and forgetting the remembered one when it fails. */
export function check(net: usize, forRun: bool, workers: i32): i32 {
  const err = validate(net, forRun, workers);
  if (err == OK) {
    preparedNet = net;
    preparedGen = load<u32>(net + NET_GEN);
  } else if (net == preparedNet) preparedNet = 0;
  return err;
}

/**
 * The check before a prepared run of `net` on one thread: the full check unless `net` is the
 * remembered network of the same generation; then only NET_STEP >= 0 and NET_REC_ROW in
 * [0, NET_REC_CAP] (with records), as the full check has them.
 */
export function checkPrepared(net: usize): i32 {
  if (net == 0 || net != preparedNet || load<u32>(net + NET_GEN) != preparedGen) return check(net, true, 1);
  fail(OK, 0);
  if (load<i32>(net + NET_STEP) < 0) return fail(ERR_BAD_HEADER, net + NET_STEP);
  const row = load<i32>(net + NET_REC_ROW);
  if (row < 0 || (load<i32>(net + NET_NREC) > 0 && row > load<i32>(net + NET_REC_CAP))) return fail(ERR_BAD_HEADER, net + NET_REC_ROW);
  return OK;
}
