// Arithmetic on one float32 or on four (a v128 of f32x4 lanes), so that a model's equations are
// written once and both its SIMD loop (T = v128) and its scalar loop (T = f32) call them. Each
// operation is the same IEEE float32 operation per lane, so both loops give the same bits. The
// branch not taken for T is not compiled (builds without SIMD never see a v128).
// A mask is a T too: per lane all ones (true) or zero (false) for v128, 1 or 0 for f32.
import { f32at } from "./arrays";

@inline export function add<T>(a: T, b: T): T {
  if (isVector<T>()) return f32x4.add(a, b);
  else return a + b;
}
@inline export function sub<T>(a: T, b: T): T {
  if (isVector<T>()) return f32x4.sub(a, b);
  else return a - b;
}
@inline export function mul<T>(a: T, b: T): T {
  if (isVector<T>()) return f32x4.mul(a, b);
  else return a * b;
}
/** x in every lane. */
@inline export function splat<T>(x: f32): T {
  if (isVector<T>()) return f32x4.splat(x);
  else return x;
}
/** Per lane: mask ? a : b. */
@inline export function pick<T>(mask: T, a: T, b: T): T {
  if (isVector<T>()) return v128.bitselect(a, b, mask);
  else return mask != 0 ? a : b;
}
/** Mask of a > b. */
@inline export function gt<T>(a: T, b: T): T {
  if (isVector<T>()) return f32x4.gt(a, b);
  else return a > b ? <T>1 : <T>0;
}
/** Mask of a >= b. */
@inline export function ge<T>(a: T, b: T): T {
  if (isVector<T>()) return f32x4.ge(a, b);
  else return a >= b ? <T>1 : <T>0;
}
/** Mask of a < b. */
@inline export function lt<T>(a: T, b: T): T {
  if (isVector<T>()) return f32x4.lt(a, b);
  else return a < b ? <T>1 : <T>0;
}
/** Mask of a != 0 (a spike flag). */
@inline export function nonzero<T>(a: T): T {
  if (isVector<T>()) return f32x4.ne(a, f32x4.splat(0));
  else return a != 0 ? <T>1 : <T>0;
}
/** Whether any lane of the mask is true. */
@inline export function anyTrue<T>(mask: T): bool {
  if (isVector<T>()) return v128.any_true(mask);
  else return mask != 0;
}
/** 1 where the mask is true, else 0 (a spike flag from a mask). */
@inline export function ones<T>(mask: T): T {
  if (isVector<T>()) return v128.and(mask, f32x4.splat(1));
  else return mask != 0 ? <T>1 : <T>0;
}
/** The value at `p` (four consecutive floats for v128). */
@inline export function ld<T>(p: usize): T {
  if (isVector<T>()) return v128.load(p);
  else return load<f32>(p);
}
/** Store `v` at `p`. */
@inline export function st<T>(p: usize, v: T): void {
  if (isVector<T>()) v128.store(p, v);
  else store<f32>(p, v);
}
/** Floats one T holds (4 or 1): the stride of a loop over T. */
@inline export function width<T>(): i32 {
  if (isVector<T>()) return 4;
  else return 1;
}

/**
 * Element g % n of the f32 array at `base`, for g .. g + width - 1: a parameter given per unit of a
 * population of n (or per presynaptic row), read for the unit of index g = trial * n + unit.
 */
@inline export function perUnit<T>(base: usize, g: i32, n: i32): T {
  if (isVector<T>()) {
    const j = g % n;
    if (n == 1) return v128.load_splat<f32>(base);
    if (j + 4 <= n) return v128.load(base + (<usize>j << 2));
    let U = f32x4.splat(f32at(base, j));
    U = f32x4.replace_lane(U, 1, f32at(base, (g + 1) % n));
    U = f32x4.replace_lane(U, 2, f32at(base, (g + 2) % n));
    return f32x4.replace_lane(U, 3, f32at(base, (g + 3) % n));
  } else {
    return f32at(base, g % n);
  }
}

