// What the on-demand widget fetches, at 1,000 to 100,000 stories of distinct text (bench/distinct.mjs), on the
// mobile profile (4x CPU, Lighthouse's mobile network, no cache): the bytes of the first view; the bytes fetched
// after it until the reader acts; and for a one-tag filter (the tag tenth in the row) the bytes it fetches and the
// time from the click to its cards. Prints a table and writes bench/ondemand.json. Pagefind is not in this run yet.
// Expects dist/ (make build) and the compiler built (cargo build --release -p tidings-compiler).
// Usage: node bench/ondemand.mjs [SIZES] [--reuse]   (default 1000,10000,100000; --reuse serves the sites the last
// run built)
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { ARGS, CHROMIUM, mobilePage, serve } from "./mobile.mjs";

const args = process.argv.slice(2);
const reuse = args.includes("--reuse");
const SIZES = (args.find((a) => !a.startsWith("--")) ?? "1000,10000,100000").split(",").map(Number);
const ROOT = "target/bench-ondemand";
const PORT = 4192; // (4190 is on the fetch standard's list of blocked ports)
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const kb = (b) => round(b / 1024);

if (!reuse) rmSync(ROOT, { recursive: true, force: true });
for (const n of reuse ? [] : SIZES) {
  const seeds = join(ROOT, "seeds", String(n));
  execFileSync("node", ["bench/distinct.mjs", String(n), seeds], { stdio: "inherit" });
  cpSync("dist", join(ROOT, "site", String(n)), { recursive: true });
  execFileSync("target/release/tidings", ["build", seeds, "--quiet", "--precompress", "--out", join(ROOT, "site", String(n))], { stdio: "inherit" });
  rmSync(seeds, { recursive: true, force: true });
}

const server = await serve(join(ROOT, "site"), PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const results = [];
try {
  for (const n of SIZES) {
    const { context, page, cdp } = await mobilePage(browser, ".tidings-card:not(.tidings-placeholder)");
    // Bytes on the wire, per request, from the DevTools protocol (headers included, as a reader pays them).
    const bytes = new Map();
    cdp.on("Network.loadingFinished", (e) => bytes.set(e.requestId, e.encodedDataLength));
    const urls = new Map();
    cdp.on("Network.requestWillBeSent", (e) => urls.set(e.requestId, e.request.url));
    const total = (pattern) => [...bytes].filter(([id]) => pattern.test(urls.get(id) ?? "")).reduce((s, [, b]) => s + b, 0);
    const all = /./;
    await page.goto(`http://127.0.0.1:${PORT}/${n}/index.html`);
    await page.evaluate(() => window.__firstCard);
    const firstView = total(all);
    await page.waitForTimeout(3_000);
    const idle = total(all) - firstView;
    const before = total(all);
    const tag = page.locator(".tidings-filters .tidings-tag").nth(10);
    const clicked = await page.evaluate(() => performance.now());
    await tag.click();
    await page.waitForSelector('.tidings-cards[aria-busy="false"]');
    const shown = await page.evaluate(() => performance.now());
    await page.waitForTimeout(500);
    const filter = total(all) - before;
    results.push({ stories: n, first_view_kb: kb(firstView), idle_kb: kb(idle), one_tag_kb: kb(filter), one_tag_ms: Math.round(shown - clicked) });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
console.log("stories    first view   after it, idle   one-tag filter   its time");
for (const r of results) {
  console.log(`${String(r.stories).padStart(7)}   ${String(r.first_view_kb).padStart(7)} KB   ${String(r.idle_kb).padStart(10)} KB   ${String(r.one_tag_kb).padStart(10)} KB   ${String(r.one_tag_ms).padStart(6)} ms`);
}
writeFileSync("bench/ondemand.json", JSON.stringify({ profile: "mobile: 4x CPU, 150 ms RTT, 1.6 Mbit/s", results }, null, 2) + "\n");
