// Writes the stable-named loader `tidings.js` into a built folder, pointing at that folder's content-hashed
// wasm, JS and CSS. Trunk runs it after each build (Trunk.toml, post_build hook).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const files = readdirSync(dir);
const find = (pattern) => {
  const matches = files.filter((f) => pattern.test(f));
  if (matches.length !== 1) throw new Error(`expected one file matching ${pattern} in ${dir}, found ${matches.join(", ") || "none"}`);
  return matches[0];
};
const loader = readFileSync(new URL("./tidings.js", import.meta.url), "utf8")
  .replace("__TIDINGS_JS__", find(/^tidings-widget-[0-9a-f]+\.js$/))
  .replace("__TIDINGS_WASM__", find(/^tidings-widget-[0-9a-f]+_bg\.wasm$/))
  .replace("__TIDINGS_CSS__", find(/^style-[0-9a-f]+\.css$/));
writeFileSync(join(dir, "tidings.js"), loader);
