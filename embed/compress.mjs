// Brotli (quality 11) and gzip (level 9), as a deployment serves them: the build's precompressed copies
// (embed/build.mjs), the size report (tests/e2e/sizes.mjs) and the benchmark (bench/run.mjs) all use these.
import { readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
export const gzip = (bytes) => gzipSync(bytes, { level: 9 });

/** Writes `<path>.br` and `<path>.gz` beside the file. */
export function writeCompressed(path) {
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, brotli(bytes));
  writeFileSync(`${path}.gz`, gzip(bytes));
}

/** The file's size raw, gzipped and brotli-compressed, in bytes. */
export function sizes(path) {
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzip(bytes).length, brotli: brotli(bytes).length };
}
