#!/usr/bin/env node
// stp-wasm command line (compiled from src/cli/main.ts by `npm run build`).
import { main } from "../dist/src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
