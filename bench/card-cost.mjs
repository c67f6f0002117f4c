// What a card costs the reader's download in a bundle's shards, for N stories of distinct text
// (bench/distinct.mjs) beside N made by repeating the 2,083 real posts (bench/corpus.mjs, the older generator):
// the repeated corpus flatters compression, and this prints by how much.
// Usage: node bench/card-cost.mjs [N] (make bench-corpus; needs target/release/tidings)
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const n = Number(process.argv[2] ?? 10000);
const work = "target/tmp/card-cost";
const rows = [];
for (const [name, generator] of [["distinct text", "bench/distinct.mjs"], ["repeated posts", "bench/corpus.mjs"]]) {
  const seeds = join(work, `${name.split(" ")[0]}-seeds`);
  const out = join(work, `${name.split(" ")[0]}-out`);
  execFileSync("node", [generator, String(n), seeds], { stdio: "ignore" });
  execFileSync("target/release/tidings", ["build", seeds, "--quiet", "--precompress", "--out", out], { stdio: "ignore" });
  const shards = readdirSync(join(out, "cards"));
  const bytes = (ext) => shards.filter((f) => f.endsWith(ext)).reduce((sum, f) => sum + statSync(join(out, "cards", f)).size, 0);
  const cards = n - 24; // the newest 24 are in bundle.json
  rows.push([name, bytes(".json") / cards, bytes(".json.br") / cards, bytes(".json.br")]);
}
console.log(`${n} stories: what a card costs in the shards`);
console.log("corpus".padEnd(18) + "JSON B/card".padStart(13) + "brotli B/card".padStart(15) + "shards, brotli".padStart(16));
for (const [name, raw, br, total] of rows) {
  console.log(name.padEnd(18) + raw.toFixed(0).padStart(13) + br.toFixed(0).padStart(15) + `${(total / 1024).toFixed(0)} KB`.padStart(16));
}
console.log(`repeating the real posts flatters brotli ${(rows[0][2] / rows[1][2]).toFixed(1)} times`);
