// A LIF population's checks and regions (engine/validate.ts calls them; the engine checks the
// header: n, INPUT, SPIKES, COUNTS).
import {
  COMP_N, LIF_V, LIF_RFR, LIF_THETA, LIF_ISYN, LIF_DIRECT, LIF_INV_TAU_M, LIF_R, LIF_V_REST, LIF_V_RESET,
  LIF_THR, LIF_REFRACT, LIF_THETA_DECAY, LIF_THETA_PLUS, LIF_G_L, LIF_V_MIN, LIF_FLAGS, LIF_METHOD,
  LIF_FLAG_THETA, LIF_FLAG_VMIN, LIF_FLAG_SYN, LIF_FLAG_DIRECT, LIF_METHOD_EXACT, LIF_SYN_DECAY,
  LIF_SYN_DECAY_HALF, LIF_P22, LIF_P21, LIF_P21_DIRECT, LIF_FLAG_BIAS, LIF_BIAS, OK, ERR_BAD_KIND, ERR_BAD_VALUE,
} from "../../abi";
import { fail, param, region, BIG, REG_WRITTEN, REG_READ } from "../../engine/regions";

/** Method, flags and every parameter the configuration reads. */
export function checkLif(lif: usize): i32 {
  const method = load<u32>(lif + LIF_METHOD);
  if (method > <u32>LIF_METHOD_EXACT) return fail(ERR_BAD_KIND, lif + LIF_METHOD);
  const flags = load<i32>(lif + LIF_FLAGS);
  if ((flags & ~(LIF_FLAG_THETA | LIF_FLAG_VMIN | LIF_FLAG_SYN | LIF_FLAG_DIRECT | LIF_FLAG_BIAS)) != 0) return fail(ERR_BAD_KIND, lif + LIF_FLAGS);
  // 1 / tauM > 0; +Infinity is the limit of a tiny tauM (the exact method does not use it)
  let err = load<f32>(lif + LIF_INV_TAU_M) > 0 ? OK : fail(ERR_BAD_VALUE, lif + LIF_INV_TAU_M);
  if (err == OK) err = param(lif + LIF_R, -BIG, BIG);
  if (err == OK) err = param(lif + LIF_V_REST, -BIG, BIG);
  if (err == OK) err = param(lif + LIF_V_RESET, -BIG, BIG);
  if (err == OK) err = param(lif + LIF_THR, -BIG, BIG);
  if (err == OK) err = param(lif + LIF_REFRACT, 0, BIG);
  if (err == OK) err = param(lif + LIF_G_L, 0, BIG);
  if (err == OK && (flags & LIF_FLAG_THETA) != 0) {
    err = param(lif + LIF_THETA_DECAY, 0, 1);
    if (err == OK) err = param(lif + LIF_THETA_PLUS, -BIG, BIG);
  }
  if (err == OK && (flags & LIF_FLAG_VMIN) != 0) err = param(lif + LIF_V_MIN, -BIG, BIG);
  if (err == OK && (flags & LIF_FLAG_SYN) != 0) {
    err = param(lif + LIF_SYN_DECAY, 0, 1);
    if (err == OK) err = param(lif + LIF_SYN_DECAY_HALF, 0, 1);
  }
  if (err == OK && method == <u32>LIF_METHOD_EXACT) {
    err = param(lif + LIF_P22, 0, 1);
    if (err == OK) err = param(lif + LIF_P21, f32.NEGATIVE_INFINITY, f32.POSITIVE_INFINITY);
    // a synaptic current with a direct input or a bias: those are propagated apart
    if (err == OK && (flags & LIF_FLAG_SYN) != 0 && (flags & (LIF_FLAG_DIRECT | LIF_FLAG_BIAS)) != 0) err = param(lif + LIF_P21_DIRECT, f32.NEGATIVE_INFINITY, f32.POSITIVE_INFINITY);
  }
  return err;
}

/** Its arrays, K n values each: v and rfr; theta, the synaptic current and the direct input (the current port) where flagged; the bias (n values). */
export function lifRegions(lif: usize, trials: i64): i32 {
  const bytes = <u64>(<i64>load<i32>(lif + COMP_N) * trials) << 2;
  const flags = load<i32>(lif + LIF_FLAGS);
  let err = region(lif + LIF_V, bytes, REG_WRITTEN);
  if (err == OK) err = region(lif + LIF_RFR, bytes, REG_WRITTEN);
  if (err == OK && (flags & LIF_FLAG_THETA) != 0) err = region(lif + LIF_THETA, bytes, REG_WRITTEN);
  if (err == OK && (flags & LIF_FLAG_SYN) != 0) err = region(lif + LIF_ISYN, bytes, REG_WRITTEN);
  if (err == OK && (flags & LIF_FLAG_DIRECT) != 0) err = region(lif + LIF_DIRECT, bytes, REG_WRITTEN);
  if (err == OK && (flags & LIF_FLAG_BIAS) != 0) err = region(lif + LIF_BIAS, <u64>load<i32>(lif + COMP_N) << 2, REG_READ);
  return err;
}
