// Release builds' short names between the wasm and its glue (embed/build.mjs; bench/floor.mjs measures Yew's
// floor through the same wasm-opt step).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** wasm-opt's renaming of imports and exports to `a`, `b`, … (printed as JSON), without the tools' sections. */
export const SHORT_NAMES = ["--minify-imports-and-exports-and-modules", "--strip-target-features", "--strip-producers"];

/**
 * Release builds: the import and export names of the wasm at `wasmPath` made as short as they can be (`a`, `b`,
 * …; wasm-opt's `--minify-imports-and-exports-and-modules`, which prints the renaming), and the same renaming
 * applied to wasm-bindgen's `glue`, which is returned. The wasm's `target_features` and `producers` sections
 * (read by tools, not browsers) go too.
 */
export function shortNames(glue, wasmPath, name) {
  const wasmOpt = fileURLToPath(new URL("../node_modules/.bin/wasm-opt", import.meta.url));
  const renaming = JSON.parse(execFileSync(wasmOpt, [...SHORT_NAMES, wasmPath, "-o", wasmPath], { encoding: "utf8" }));
  const modules = new Set(WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath))).map((i) => i.module));
  if (modules.size !== 1) throw new Error(`${wasmPath}: expected one import module after renaming, found ${[...modules]}`);
  const replaceOnce = (text, pattern, by, what) => {
    let found = 0;
    const out = text.replace(pattern, (...m) => (found++, by(...m)));
    if (found !== 1) throw new Error(`${name}: expected ${what} once in wasm-bindgen's glue, found it ${found} times`);
    return out;
  };
  // The import object: `{ "./tidings-widget_bg.js": { __wbg_now_463ac581d2fc7ea3: function() {…}, … } }`.
  for (const module of new Set(renaming.imports.map(([module]) => module))) {
    glue = replaceOnce(glue, JSON.stringify(module), () => JSON.stringify([...modules][0]), `the module ${module}`);
  }
  for (const [, from, to] of renaming.imports) {
    glue = replaceOnce(glue, new RegExp(`^(\\s+)${from}:`, "m"), (_, indent) => `${indent}${to}:`, `the import ${from}`);
  }
  for (const [from, to] of renaming.exports) glue = glue.replace(new RegExp(`\\bwasm\\.${from}\\b`, "g"), `wasm.${to}`);
  return glue;
}
