// Yew's floor beside the widget: the wasm of a counter app (bench/floor) and the widget's, both built with the
// release settings (`make bench-floor` passes the Makefile's RELEASE_STD) and put through the same steps
// (wasm-bindgen, wasm-opt as index.html asks Trunk to run it, the short import and export names of
// embed/build.mjs), brotli as served.
// Usage: node bench/floor.mjs (after the two cargo builds the Makefile runs).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { sizes } from "../embed/compress.mjs";
import { SHORT_NAMES } from "../embed/short-names.mjs";

const FEATURES = ["bulk-memory", "bulk-memory-opt", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types"];
// The wasm-opt level and extra passes of the release build, from index.html's `<link data-trunk rel="rust">`.
const rust = readFileSync("index.html", "utf8").match(/<link data-trunk rel="rust"[^>]*>/)[0];
const OPT = [`-O${rust.match(/data-wasm-opt="(\w+)"/)[1]}`, ...(rust.match(/data-wasm-opt-params="([^"]*)"/)?.[1].split(/\s+/) ?? [])];
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });

function shipped(name, wasm) {
  const out = join("target", "floor", name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  run("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out, wasm]);
  const bound = join(out, readdirSync(out).find((f) => f.endsWith("_bg.wasm")));
  const optimised = join(out, "opt.wasm");
  const short = join(out, "short.wasm");
  run("wasm-opt", [...OPT, ...FEATURES.map((f) => `--enable-${f}`), "-o", optimised, bound]);
  run("wasm-opt", [...FEATURES.map((f) => `--enable-${f}`), ...SHORT_NAMES, "-o", short, optimised]);
  return sizes(short);
}

const floor = shipped("floor", "target/floor-build/wasm32-unknown-unknown/release/tidings_floor.wasm");
const widget = shipped("widget", "target/wasm32-unknown-unknown/release/tidings-widget.wasm");
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
console.log("wasm".padEnd(40) + "raw".padStart(11) + "brotli".padStart(11));
console.log("Yew floor (a counter and a keyed list)".padEnd(40) + kb(floor.raw) + kb(floor.brotli));
console.log("Tidings widget".padEnd(40) + kb(widget.raw) + kb(widget.brotli));
console.log("the widget's own code and data".padEnd(40) + kb(widget.raw - floor.raw) + kb(widget.brotli - floor.brotli));
