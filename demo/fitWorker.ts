// The fit page's worker: loads the kernel (the plain build: a fit runs on one thread), reads the CSV
// with the command line's reader and fits it with the command line's fit.
import { Kernel } from "../src/runtime/kernel.js";
import { StpOptionError } from "../src/core/errors.js";
import { FitDataError, parseFitCsv } from "../src/fit/csv.js";
import { fitTm } from "../src/fit/fit.js";
import plainSimdWasm from "../build/stp.plain-simd.wasm?url";
import plainWasm from "../build/stp.plain.wasm?url";
import type { FitReply, FitRequest } from "./fitProtocol.js";

const scope = self as unknown as {
  postMessage(message: FitReply): void;
  onmessage: ((event: MessageEvent<FitRequest>) => void) | null;
};
const post = (m: FitReply) => scope.postMessage(m);

const kernelReady: Promise<Kernel> = Kernel.load({ mode: "plain", wasm: { "plain-simd": plainSimdWasm, plain: plainWasm } });
kernelReady.then(
  (k) => post({ type: "ready", mode: k.mode, build: k.build }),
  (err) => post({ type: "error", id: 0, message: `the kernel could not be loaded: ${err instanceof Error ? err.message : String(err)}` }),
);

async function fit(request: FitRequest): Promise<void> {
  const { id } = request;
  try {
    const data = parseFitCsv(request.csv);
    const kernel = await kernelReady;
    const t0 = performance.now();
    const result = await fitTm(data, request.options, { kernel });
    post({ type: "fitted", id, result, ms: performance.now() - t0 });
  } catch (err) {
    if (err instanceof FitDataError) post({ type: "error", id, message: `CSV ${err.message}`, line: err.line });
    else if (err instanceof StpOptionError) post({ type: "error", id, message: err.message, option: err.option });
    else post({ type: "error", id, message: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = (event) => {
  if (event.data.type === "fit") void fit(event.data);
};
