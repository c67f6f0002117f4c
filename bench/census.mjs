// What each part of the widget costs in the wasm: for each patch in bench/census/, which takes one part out
// (stubs its entry point, so that the compiler drops the code behind it), the widget built without that part
// with the release settings, beside the widget as committed, both through the shipped steps
// (bench/shipped.mjs). The builds happen in a worktree of HEAD (target/census/tree): uncommitted changes are not
// measured, and the working tree is never touched. A patch that no longer applies is reported, not skipped.
// Usage: `make bench-census` (passes the Makefile's RELEASE_STD).
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { kb, shipped } from "./shipped.mjs";

const root = resolve(new URL("..", import.meta.url).pathname);
const work = join(root, "target", "census");
const tree = join(work, "tree");
const patches = join(root, "bench", "census");
const git = (...args) => execFileSync("git", args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });

/** The widget's wasm built in the worktree as it is now; its sizes as shipped. */
function build(name) {
  execFileSync("cargo", ["build", "--quiet", "--release", "--target", "wasm32-unknown-unknown", "--bin", "tidings-widget"], {
    cwd: tree,
    env: { ...process.env, CARGO_TARGET_DIR: join(work, "cargo") },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return shipped(join(work, "out", name), join(work, "cargo", "wasm32-unknown-unknown", "release", "tidings-widget.wasm"));
}

rmSync(tree, { recursive: true, force: true });
git("worktree", "prune");
git("worktree", "add", "--detach", "--force", tree, "HEAD");
try {
  const whole = build("whole");
  console.log("the widget without".padEnd(28) + "wasm, brotli".padStart(14) + "saves".padStart(11));
  console.log("(nothing: as committed)".padEnd(28) + kb(whole.brotli).padStart(14));
  for (const file of readdirSync(patches).filter((f) => f.endsWith(".patch")).sort()) {
    const part = file.replace(/\.patch$/, "");
    execFileSync("git", ["checkout", "--quiet", "--", "."], { cwd: tree });
    try {
      execFileSync("git", ["apply", join(patches, file)], { cwd: tree, stdio: ["ignore", "ignore", "pipe"] });
    } catch {
      console.log(`${part.padEnd(28)}  the patch no longer applies: update bench/census/${file}`);
      continue;
    }
    const without = build(part);
    console.log(part.padEnd(28) + kb(without.brotli).padStart(14) + kb(whole.brotli - without.brotli).padStart(11));
  }
} finally {
  git("worktree", "remove", "--force", tree);
}
