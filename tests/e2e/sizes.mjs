// Prints the size of the widget's wasm, JS and CSS in a built folder: raw, gzip and brotli, and what a reader
// downloads: an embed (loader, embed glue, wasm) or the page Trunk builds (glue, wasm). Exits with status 1 when
// the page's glue + wasm is over its budget (docs/size.md), so that a release build over it fails.
// Usage: node tests/e2e/sizes.mjs dist
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { sizes as sizesOf } from "../../embed/compress.mjs";

const dir = process.argv[2] ?? "dist";
/** The page's wasm + glue, brotli: the budget for everything the widget does (the index and search included). */
const BUDGET = 64 * 1024;
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
const totals = {
  "embed: loader + glue + wasm": (n) => /^tidings(-embed-[0-9a-f]+)?\.js$|\.wasm$/.test(n),
  "page: glue + wasm": (n) => /^tidings-widget-[0-9a-f]+(_bg\.wasm|\.js)$/.test(n),
};
const sums = Object.fromEntries(Object.keys(totals).map((k) => [k, { raw: 0, gzip: 0, brotli: 0 }]));
console.log("file".padEnd(48) + "raw".padStart(11) + "gzip".padStart(11) + "brotli".padStart(11));
for (const name of readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f)).sort()) {
  const sizes = sizesOf(join(dir, name));
  for (const [label, includes] of Object.entries(totals)) {
    if (includes(name)) for (const k in sizes) sums[label][k] += sizes[k];
  }
  console.log(name.padEnd(48) + kb(sizes.raw) + kb(sizes.gzip) + kb(sizes.brotli));
}
for (const [label, t] of Object.entries(sums)) console.log(label.padEnd(48) + kb(t.raw) + kb(t.gzip) + kb(t.brotli));

const page = sums["page: glue + wasm"].brotli;
if (page === 0) {
  console.error(`no wasm or glue in ${dir}: build it first (make build)`);
  process.exit(1);
}
if (page > BUDGET) {
  console.error(`the page's glue + wasm is ${page} bytes of brotli, over its budget of ${BUDGET} (${BUDGET / 1024} KB) by ${page - BUDGET}`);
  process.exit(1);
}
console.log(`page: glue + wasm within its budget: ${page} of ${BUDGET} bytes of brotli (${BUDGET - page} to spare)`);
