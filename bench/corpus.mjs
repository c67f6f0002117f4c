// Writes N seeds made from the real DigitalGov corpus into a folder, for the benchmarks: copy i of a post gets
// a distinct title (so distinct slugs, as in a real corpus of that size) and keeps the post's tags and sources.
// Usage: node bench/corpus.mjs N OUT_DIR [CORPUS_DIR]
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [n, out, corpus = "corpus/digitalgov-seeds"] = process.argv.slice(2);
const count = Number(n);
if (!Number.isInteger(count) || count < 1 || !out) {
  console.error("usage: node bench/corpus.mjs N OUT_DIR [CORPUS_DIR]");
  process.exit(2);
}
const sources = readdirSync(corpus)
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(corpus, name), "utf8") }));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const width = String(count - 1).length;
for (let i = 0; i < count; i++) {
  const { name, text } = sources[i % sources.length];
  const copy = Math.floor(i / sources.length) + 1;
  writeFileSync(join(out, `${String(i).padStart(width, "0")}-${name}`), text.replace("\n# ", `\n# ${copy} `));
}
