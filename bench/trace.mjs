// Where the start-up time goes after the wasm arrives: a Chromium trace of the page under the start-up benchmark's
// conditions (bench/mobile.mjs), summed by kind of work between the end of the wasm's download
// and the first card painted. `make bench` must have built target/bench/site.
// Usage: node bench/trace.mjs [PAGE ...]   (default 10000/index.html; e.g. 10000/twin.html for the twin)
// RUNS=5 sets the runs per page; the medians are printed.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { ARGS, CHROMIUM, downloadedBefore, mobilePage, serve } from "./mobile.mjs";

const SITE = "target/bench/site";
const PORT = 4181;
const RUNS = Number(process.env.RUNS ?? 5);
const PAGES = process.argv.slice(2).length ? process.argv.slice(2) : ["10000/index.html"];
const CARD = ".tidings-card:not(.tidings-placeholder), .twin-card";
const KINDS = { "wasm.CompileLazy": "lazy wasm compiles", FunctionCall: "script (JS and wasm)", Layout: "layout", UpdateLayoutTree: "style", Paint: "paint" };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function run(browser, path) {
  const { context, page, cdp } = await mobilePage(browser, CARD);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.start", { categories: "devtools.timeline,v8.wasm,loading", transferMode: "ReportEvents" });
  await page.goto(`http://127.0.0.1:${PORT}/${path}`);
  const card = await page.evaluate(() => window.__firstCard);
  // The last script or wasm the first card needed (the twin has no wasm: its script and the bundle).
  const downloaded = await downloadedBefore(page, card);
  await cdp.send("Tracing.end");
  await complete;
  await context.close();
  const start = events.find((e) => e.name === "navigationStart")?.ts;
  const totals = Object.fromEntries(Object.values(KINDS).map((k) => [k, 0]));
  let compiles = 0;
  for (const e of events) {
    const at = (e.ts - start) / 1000;
    if (e.ph !== "X" || !KINDS[e.name] || at < downloaded || at > card) continue;
    totals[KINDS[e.name]] += e.dur / 1000;
    if (e.name === "wasm.CompileLazy") compiles++;
  }
  return { card, downloaded, after: card - downloaded, compiles, ...totals };
}

if (!existsSync(SITE)) throw new Error(`${SITE} is missing: run make bench first`);
const server = await serve(SITE, PORT);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  for (const path of PAGES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await run(browser, path));
    console.log(`${path} (ms, median of ${RUNS}; mobile network, 4x CPU)`);
    for (const key of Object.keys(runs[0])) console.log(`  ${key.padEnd(24)} ${median(runs.map((r) => r[key])).toFixed(1).padStart(8)}`);
  }
} finally {
  await browser.close();
  server.kill();
}
