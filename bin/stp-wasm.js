#!/usr/bin/env node
// stp-wasm command line (compiled from src/cli.ts by `npm run build`).
import { main } from "../dist/src/cli.js";

process.exitCode = await main(process.argv.slice(2));
