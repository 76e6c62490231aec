// Element access to the f32 arrays in linear memory, by index.

/** base[i] as f32. */
@inline export function f32at(base: usize, i: i32): f32 {
  return load<f32>(base + (<usize>i << 2));
}

/** base[i] = v. */
@inline export function setF32(base: usize, i: i32, v: f32): void {
  store<f32>(base + (<usize>i << 2), v);
}

/** base[0 .. count) = value. */
@inline export function fillF32(base: usize, count: i32, value: f32): void {
  for (let i = 0; i < count; i++) store<f32>(base + (<usize>i << 2), value);
}
