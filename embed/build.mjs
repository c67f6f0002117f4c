// Writes the embed files into a built folder (Trunk runs it after each build: Trunk.toml, post_build hook):
// - `tidings-embed-<hash>.js`: wasm-bindgen's glue wrapped in a factory, so that each widget gets an instance of
//   its own (its own wasm memory, freed with it) from one module record;
// - `tidings.js`: the stable-named loader, pointing at that folder's content-hashed wasm, embed JS and CSS;
// - in release builds, `.br` (brotli 11) and `.gz` (gzip 9) copies of the wasm, JS, CSS and page, for a static
//   server to send as they are (the compiler writes those of the bundle: `tidings build --precompress`).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeCompressed } from "./compress.mjs";

const dir = process.argv[2];
const files = readdirSync(dir);
const find = (pattern) => {
  const matches = files.filter((f) => pattern.test(f));
  if (matches.length !== 1) throw new Error(`expected one file matching ${pattern} in ${dir}, found ${matches.join(", ") || "none"}`);
  return matches[0];
};

/** wasm-bindgen's `--target web` glue as `export function instantiate()`, returning what the glue exported. */
export function factory(glue, name) {
  const exported = [];
  const body = glue
    .replace(/^export (class|function) (\w+)/gm, (_, kind, id) => {
      exported.push(id);
      return `${kind} ${id}`;
    })
    .replace(/^export \{ initSync, __wbg_init as default \};\s*$/m, () => {
      exported.push("initSync", "default: __wbg_init");
      return "";
    });
  if (!exported.includes("mount") || !exported.includes("default: __wbg_init")) {
    throw new Error(`${name}: not the wasm-bindgen glue this build expects (no mount or init export found)`);
  }
  if (/^\s*(import|export)\b/m.test(body)) {
    throw new Error(`${name}: the glue has an import or export this build cannot wrap`);
  }
  return `// Generated from ${name} by embed/build.mjs. Each call is an independent instance of the widget's wasm.
export function instantiate() {
${body}
return { ${exported.join(", ")} };
}
`;
}

const glueName = find(/^tidings-widget-[0-9a-f]+\.js$/);
const embed = factory(readFileSync(join(dir, glueName), "utf8"), glueName);
const embedName = `tidings-embed-${createHash("sha256").update(embed).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(dir, embedName), embed);

const loader = readFileSync(new URL("./tidings.js", import.meta.url), "utf8")
  .replace("__TIDINGS_JS__", embedName)
  .replace("__TIDINGS_WASM__", find(/^tidings-widget-[0-9a-f]+_bg\.wasm$/))
  .replace("__TIDINGS_CSS__", find(/^style-[0-9a-f]+\.css$/));
writeFileSync(join(dir, "tidings.js"), loader);

if (process.env.TRUNK_PROFILE === "release") {
  for (const name of readdirSync(dir).filter((f) => /\.(wasm|js|css|html)$/.test(f))) writeCompressed(join(dir, name));
}
