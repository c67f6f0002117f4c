// Prints the size of the widget's wasm, JS and CSS in a built folder: raw, gzip and brotli.
// Usage: node tests/e2e/sizes.mjs dist
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
let total = { raw: 0, gzip: 0, brotli: 0 };
console.log("file".padEnd(48) + "raw".padStart(11) + "gzip".padStart(11) + "brotli".padStart(11));
for (const name of readdirSync(dir).filter((f) => /\.(wasm|js|css)$/.test(f)).sort()) {
  const bytes = readFileSync(join(dir, name));
  const sizes = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  if (!name.endsWith(".css")) for (const k in total) total[k] += sizes[k];
  console.log(name.padEnd(48) + kb(sizes.raw) + kb(sizes.gzip) + kb(sizes.brotli));
}
console.log("wasm + JS".padEnd(48) + kb(total.raw) + kb(total.gzip) + kb(total.brotli));
