// The kernel's four builds as URLs for Kernel.load, for the page and its workers.
import sharedSimdWasm from "../build/stp.shared-simd.wasm?url";
import sharedWasm from "../build/stp.shared.wasm?url";
import plainSimdWasm from "../build/stp.plain-simd.wasm?url";
import plainWasm from "../build/stp.plain.wasm?url";

export const WASM_URLS = { "shared-simd": sharedSimdWasm, shared: sharedWasm, "plain-simd": plainSimdWasm, plain: plainWasm };
