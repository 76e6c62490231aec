// Stands in for node:fs in the browser bundle: src/kernel.ts imports node:fs only when it runs
// under Node, so nothing here is ever called on the page.
export {};
