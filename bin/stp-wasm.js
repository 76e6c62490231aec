#!/usr/bin/env node
// stp-wasm command line (compiled from src/cli/main.ts by `npm run build`).
import { main } from "../dist/src/cli/main.js";
import { relaunchIfNeeded } from "../dist/src/cli/relaunch.js";

const args = process.argv.slice(2);
// under a virtual-memory limit, the command runs again in a node that can make WebAssembly memory
process.exitCode = (await relaunchIfNeeded(process.argv[1], args)) ?? (await main(args));
