// A release wasm put through the steps a reader's copy goes through: wasm-bindgen, wasm-opt as index.html asks
// Trunk to run it, the short import and export names of embed/build.mjs; its sizes, brotli as served. Used by
// bench/floor.mjs (Yew's floor) and bench/census.mjs (what each part of the widget costs).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { sizes } from "../embed/compress.mjs";
import { SHORT_NAMES } from "../embed/short-names.mjs";

const FEATURES = ["bulk-memory", "bulk-memory-opt", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types"];
// The wasm-opt level and extra passes of the release build, from index.html's `<link data-trunk rel="rust">`.
const rust = readFileSync(new URL("../index.html", import.meta.url), "utf8").match(/<link data-trunk rel="rust"[^>]*>/)[0];
const OPT = [`-O${rust.match(/data-wasm-opt="(\w+)"/)[1]}`, ...(rust.match(/data-wasm-opt-params="([^"]*)"/)?.[1].split(/\s+/) ?? [])];
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });

/** The sizes of `wasm` (a cargo release build) as shipped; the steps' files go into `out`. */
export function shipped(out, wasm) {
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

/** `n` bytes in KB, right-aligned. */
export const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
