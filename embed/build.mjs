// Writes the embed files into a built folder (Trunk runs it after each build: Trunk.toml, post_build hook):
// - the glue guarded (`embed/guard.js`): an instance whose Rust code trapped is ended and its widgets say so;
// - wasm-bindgen's `initSync` left out of the glue: the page and the loader both instantiate asynchronously;
// - `tidings-embed-<hash>.js`: wasm-bindgen's glue wrapped in a factory, so that each widget gets an instance of
//   its own (its own wasm memory, freed with it) from one module record, and without the page's start (which
//   mounts every `[data-tidings]` element: in an embed, the loader mounts each widget);
// - the page's download of its bundle (`embed/prefetch.js`) in its `<script data-tidings-prefetch>`;
// - `tidings.js`: the stable-named loader, pointing at that folder's content-hashed wasm, embed JS and CSS, with
//   the same prefetch;
// - in release builds, the wasm's import and export names shortened by wasm-opt, and the glue renamed to match
//   (wasm-bindgen names an import after its function and a hash: `__wbg_createElement_de4a31ed2fb252be`; the
//   names were 3.6 KB of brotli, most of them twice, once in the wasm and once in the glue);
// - in release builds, the glue, the embed JS and the loader minified by terser (the glue: 6.7 → 4.9 KB of
//   brotli), with the page's integrity hashes for the glue and the wasm brought up to date;
// - in release builds, `.br` (brotli 11) and `.gz` (gzip 9) copies of the wasm, JS, CSS and page, for a static
//   server to send as they are (the compiler writes those of the bundle: `tidings build --precompress`).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";
import { writeCompressed } from "./compress.mjs";
import { shortNames } from "./short-names.mjs";

const dir = process.argv[2];
const release = process.env.TRUNK_PROFILE === "release";
const files = readdirSync(dir);
const find = (pattern) => {
  const matches = files.filter((f) => pattern.test(f));
  if (matches.length !== 1) throw new Error(`expected one file matching ${pattern} in ${dir}, found ${matches.join(", ") || "none"}`);
  return matches[0];
};

/** wasm-bindgen's glue with every call into the wasm guarded (`embed/guard.js`). */
export function guard(glue, name) {
  const keep = /^(\s*)wasm = instance\.exports;$/m;
  if (!keep.test(glue)) throw new Error(`${name}: not the wasm-bindgen glue this build expects (no \`wasm = instance.exports;\`)`);
  const code = readFileSync(new URL("./guard.js", import.meta.url), "utf8");
  return `${code}\n${glue.replace(keep, "$1wasm = __tidingsGuard(instance.exports);")}`;
}

/** The glue's call of the wasm's start, marked (`markStart`) before the release build renames the export. */
const START = /^\s*wasm\.\w+\(\); \/\/ the page's start$/m;
/** The copy of the externref table's set-up that `markStart` puts before the start, for the embed's glue. */
const TABLE = /^\s*\{ \/\/ the externref table's reserved values\n[\s\S]*?\n\s*\}\n/m;
/**
 * The wasm's start (`__wbindgen_start`) first fills the externref table's reserved slots (`undefined`, `null`,
 * `true`, `false`: what `JsValue::NULL`, `JsValue::TRUE`, … stand for), then runs the page's start. The start is
 * marked, and a copy of the table's set-up put before it: the embed's glue leaves the start out and keeps the
 * set-up (without it, every `JsValue::TRUE`, `FALSE` and `NULL` of an embedded widget reached the browser as `null`).
 */
const markStart = (glue, name) => {
  const call = /^(\s*)wasm\.__wbindgen_start\(\);$/m;
  const setUp = /^\s*__wbindgen_init_externref_table: function\(\) \{\n([\s\S]*?)\n\s*\},?$/m;
  if (!call.test(glue) || !setUp.test(glue)) {
    throw new Error(`${name}: not the wasm-bindgen glue this build expects (no \`wasm.__wbindgen_start();\` or externref table set-up)`);
  }
  const body = glue.match(setUp)[1];
  return glue.replace(call, (_, indent) => `${indent}{ // the externref table's reserved values\n${body}\n${indent}}\n${indent}wasm.__wbindgen_start(); // the page's start`);
};

/** wasm-bindgen's `initSync`, which neither the page nor the loader calls (both instantiate asynchronously), left out. */
function withoutInitSync(glue, name) {
  const definition = /^function initSync\(module\) \{\n[\s\S]*?\n\}\n/m;
  const exported = /^export \{ initSync, __wbg_init as default \};$/m;
  if (!definition.test(glue) || !exported.test(glue)) {
    throw new Error(`${name}: not the wasm-bindgen glue this build expects (no \`initSync\` to leave out)`);
  }
  return glue.replace(definition, "").replace(exported, "export { __wbg_init as default };");
}

/**
 * Guarded glue as `export function instantiate(stopped)`, returning what the glue exported. `stopped(error)` is
 * called once if the instance ends (see `embed/guard.js`).
 */
export function factory(glue, name) {
  const exported = [];
  let starts = 0;
  const body = glue
    // The page's start (`src/lib.rs`, `start`) mounts every `[data-tidings]` element of the document: an embedded
    // instance must not, since the loader mounts the one widget it made the instance for.
    .replace(START, () => (starts++, ""))
    .replace(/^export (class|function) (\w+)/gm, (_, kind, id) => {
      exported.push(id);
      return `${kind} ${id}`;
    })
    .replace(/^export \{ __wbg_init as default \};\s*$/m, () => {
      exported.push("default: __wbg_init");
      return "";
    });
  if (starts !== 1) throw new Error(`${name}: expected the glue to call the wasm's start once, found ${starts}`);
  if (!TABLE.test(body)) throw new Error(`${name}: the externref table's set-up is missing from the embed's glue`);
  if (!exported.includes("mount") || !exported.includes("default: __wbg_init")) {
    throw new Error(`${name}: not the wasm-bindgen glue this build expects (no mount or init export found)`);
  }
  if (/^\s*(import|export)\b/m.test(body)) {
    throw new Error(`${name}: the glue has an import or export this build cannot wrap`);
  }
  return `// Generated from ${name} by embed/build.mjs. Each call is an independent instance of the widget's wasm.
export function instantiate(stopped) {
${body}
if (stopped) __tidingsStopped = stopped;
return { ${exported.join(", ")} };
}
`;
}

/** `code` minified in release builds (an ES module: top-level names are mangled, exported names kept). */
async function small(code, name) {
  if (!release) return code;
  const out = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (!out.code) throw new Error(`${name}: terser returned nothing`);
  return out.code;
}

const glueName = find(/^tidings-widget-[0-9a-f]+\.js$/);
const wasmName = find(/^tidings-widget-[0-9a-f]+_bg\.wasm$/);
let glue = withoutInitSync(markStart(readFileSync(join(dir, glueName), "utf8"), glueName), glueName);
if (release) glue = shortNames(glue, join(dir, wasmName), glueName);
glue = guard(glue, glueName);
const embed = await small(factory(glue, glueName), "embed glue");
const embedName = `tidings-embed-${createHash("sha256").update(embed).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(dir, embedName), embed);

// The page's glue, guarded and (release) minified. The page loads it with Subresource Integrity: its hash must be
// this file's.
// The page runs the start, which sets the table up itself.
if (!TABLE.test(glue)) throw new Error(`${glueName}: the externref table's set-up copy was not found`);
const pageGlue = await small(glue.replace(TABLE, ""), glueName);
writeFileSync(join(dir, glueName), pageGlue);
let page = readFileSync(join(dir, "index.html"), "utf8");
// The page's download of its bundle, begun as the page is parsed (embed/prefetch.js).
const prefetchSource = readFileSync(new URL("./prefetch.js", import.meta.url), "utf8");
const prefetchTag = /<script data-tidings-prefetch="([^"]+)"><\/script>/;
const prefetchHref = page.match(prefetchTag)?.[1];
if (!prefetchHref) throw new Error(`index.html: no <script data-tidings-prefetch="…"></script> found`);
const prefetchCall = await small(`${prefetchSource}\ntidingsPrefetch(${JSON.stringify(prefetchHref)});\n`, "prefetch");
page = page.replace(prefetchTag, () => `<script>${prefetchCall}</script>`);
for (const [file, content] of [[glueName, pageGlue], [wasmName, readFileSync(join(dir, wasmName))]]) {
  const tag = new RegExp(`(href="\\./${file.replace(/\./g, "\\.")}"[^>]*integrity=")sha384-[^"]+"`);
  if (!tag.test(page)) throw new Error(`index.html: no integrity attribute found for ${file}`);
  page = page.replace(tag, `$1sha384-${createHash("sha384").update(content).digest("base64")}"`);
}
writeFileSync(join(dir, "index.html"), page);

const loader = readFileSync(new URL("./tidings.js", import.meta.url), "utf8")
  .replace("// __TIDINGS_PREFETCH__", () => prefetchSource)
  .replace("__TIDINGS_JS__", embedName)
  .replace("__TIDINGS_WASM__", wasmName)
  .replace("__TIDINGS_CSS__", find(/^style-[0-9a-f]+\.css$/));
writeFileSync(join(dir, "tidings.js"), await small(loader, "tidings.js"));

if (release) {
  for (const name of readdirSync(dir).filter((f) => /\.(wasm|js|css|html)$/.test(f))) writeCompressed(join(dir, name));
}
