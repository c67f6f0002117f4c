// The benchmark suite (`make bench`): Tidings beside its plain-JavaScript twin (bench/vanilla/), both reading
// the same bundles, in headless Chromium behind nginx. Prints a table, writes bench/results.json and draws
// bench/latency.svg (filter latency against corpus size).
//
// Expects `make bench` to have built dist/ (release), target/e2e/ (the demo news site) and the release compiler.
// BENCH_SIZES=100,1000 limits the corpus sizes (default 100,1000,10000,100000); BENCH_RUNS sets the start-up
// runs (9); BENCH_COMPILER_DOCS the compiler benchmark's sizes (10000,100000).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sizes, writeCompressed } from "../embed/compress.mjs";
import { chromium } from "@playwright/test";
import { ARGS, CHROMIUM, CPU_SLOWDOWN, downloadedBefore, mobilePage, serve } from "./mobile.mjs";

const ROOT = "target/bench";
const SITE = join(ROOT, "site");
const PORT = 4180;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,10000,100000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const CLICKS = 40;
const COMPILER = "target/release/tidings";

const WIDGETS = {
  tidings: { page: "index.html", card: ".tidings-card:not(.tidings-placeholder)", tag: ".tidings-filters .tidings-tag", complete: '.tidings-cards[aria-busy="false"]' },
  twin: { page: "twin.html", card: ".twin-card", tag: ".twin-tag", complete: "[data-twin][data-complete]" },
};

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  return s[Math.floor(i)] + (s[Math.ceil(i)] - s[Math.floor(i)]) * (i - Math.floor(i));
}
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const kb = (bytes) => round(bytes / 1024);
const mb = (bytes) => round(bytes / (1024 * 1024));

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

// ---- The sites: for each size, the release build, the twin and a bundle made from the real corpus. ----

function prepare() {
  rmSync(SITE, { recursive: true, force: true });
  mkdirSync(SITE, { recursive: true });
  const built = {};
  for (const n of SIZES) {
    const dir = join(SITE, String(n));
    const seeds = join(ROOT, "seeds", String(n));
    cpSync("dist", dir, { recursive: true });
    for (const f of ["twin.js", "twin.css"]) cpSync(join("bench/vanilla", f), join(dir, f));
    cpSync("bench/vanilla/index.html", join(dir, "twin.html"));
    log(`${n} stories: seeds`);
    execFileSync("node", ["bench/corpus.mjs", String(n), seeds], { stdio: "inherit" });
    log(`${n} stories: tidings build --precompress`);
    const started = performance.now();
    execFileSync(COMPILER, ["build", seeds, "--quiet", "--precompress", "--out", dir], { stdio: ["ignore", "ignore", "inherit"] });
    built[n] = { seconds: round((performance.now() - started) / 1000, 2) };
    for (const f of ["twin.js", "twin.css", "twin.html"]) writeCompressed(join(dir, f));
    rmSync(seeds, { recursive: true, force: true });
  }
  // The demo news site, for Lighthouse.
  for (const part of ["tidings", "site", "corpus", "news-site"]) cpSync(join("target/e2e", part), join(SITE, part), { recursive: true });
  return built;
}

function sum(list) {
  return list.reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

// ---- 1. Payload ----

function payload() {
  const files = readdirSync("dist");
  const pick = (re) => files.filter((f) => re.test(f)).map((f) => sizes(join("dist", f)));
  const wasm = sum(pick(/_bg\.wasm$/));
  const js = sum(pick(/^tidings-widget-[0-9a-f]+\.js$/));
  const css = sum(pick(/^style-[0-9a-f]+\.css$/));
  const twinJs = sizes("bench/vanilla/twin.js");
  const twinCss = sizes("bench/vanilla/twin.css");
  const firstView = Object.fromEntries(SIZES.map((n) => [n, statSync(join(SITE, String(n), "bundle.json.br")).size]));
  return {
    tidings: { wasm, js, css, total: sum([wasm, js, css]) },
    twin: { js: twinJs, css: twinCss, total: sum([twinJs, twinCss]) },
    first_view_bundle_brotli: firstView,
  };
}

// ---- 2. Start-up: navigation to the first card painted, mobile network and 4x CPU ----

async function startup(browser, widget, n) {
  const { context, page } = await mobilePage(browser, WIDGETS[widget].card);
  await page.goto(`${ORIGIN}/${n}/${WIDGETS[widget].page}`);
  const ms = await page.evaluate(() => window.__firstCard);
  // When the last file the first card needed had arrived: what is left after it is the widget's own work.
  const downloaded = await downloadedBefore(page, ms);
  await page.waitForTimeout(500); // late shifts count too
  const cls = await page.evaluate(() => window.__layoutShift);
  await context.close();
  return { ms, downloaded, cls };
}

// ---- 3. Filter: a click on a tag to the next paint ----

async function openLoaded(browser, widget, n, cpu) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${ORIGIN}/${n}/${WIDGETS[widget].page}`);
  await page.locator(WIDGETS[widget].complete).waitFor({ timeout: 300_000 });
  if (cpu > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
  return { context, page, cdp };
}

async function filter(browser, widget, n, cpu) {
  const { context, page } = await openLoaded(browser, widget, n, cpu);
  // Each click comes at a different moment of the display's frame (a fixed sequence of delays, the same for
  // both widgets), as a reader's would. `work`: to the DOM updated, styled and laid out; `paint`: to the next
  // frame painted after it.
  const samples = await page.evaluate(
    async ({ selector, clicks }) => {
      const nextPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      const button = (tag) => [...document.querySelectorAll(selector)].find((b) => b.firstChild?.textContent === tag);
      const tags = [...document.querySelectorAll(selector)].slice(1, 6).map((b) => b.firstChild.textContent);
      const out = { work: [], paint: [] };
      for (let i = 0; i < clicks; i++) {
        const tag = tags[Math.floor(i / 2) % tags.length]; // select it, then unselect it
        await nextPaint();
        await sleep((i * 7) % 17);
        const t0 = performance.now();
        button(tag).click();
        await sleep(0); // after the click's microtasks: the framework has rendered
        document.body.getBoundingClientRect(); // style and layout
        out.work.push(performance.now() - t0);
        await nextPaint();
        out.paint.push(performance.now() - t0);
        if (button(tag)?.getAttribute("aria-pressed") !== String(i % 2 === 0)) throw new Error(`the ${tag} button did not toggle`);
      }
      return out;
    },
    { selector: WIDGETS[widget].tag, clicks: CLICKS },
  );
  await context.close();
  return {
    median: median(samples.paint),
    p95: quantile(samples.paint, 0.95),
    work_median: median(samples.work),
    work_p95: quantile(samples.work, 0.95),
  };
}

// ---- 4. Memory: JS heap plus wasm memory after load, after a full garbage collection ----

async function memory(browser, widget, n) {
  const { context, page, cdp } = await openLoaded(browser, widget, n, 1);
  await page.waitForTimeout(300);
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const { result } = await cdp.send("Runtime.evaluate", { expression: "WebAssembly.Memory.prototype" });
  const { objects } = await cdp.send("Runtime.queryObjects", { prototypeObjectId: result.objectId });
  const { result: wasm } = await cdp.send("Runtime.callFunctionOn", {
    objectId: objects.objectId,
    functionDeclaration: "function () { return this.reduce((t, m) => t + m.buffer.byteLength, 0); }",
    returnByValue: true,
  });
  await context.close();
  return { js: usedSize, wasm: wasm.value, total: usedSize + wasm.value };
}

// ---- 5. Compiler: the cargo benchmark at 10,000 and 100,000 documents ----

// One run of the benchmark for every size: it keeps every run's output until the last size is measured, so that
// no run follows thousands of deletions (see crates/compiler/benches/compile.rs).
function compiler(sizes) {
  log(`compiler benchmark, ${sizes.join(", ")} documents`);
  const out = execFileSync("cargo", ["bench", "--quiet", "--package", "tidings-compiler", "--bench", "compile"], {
    env: { ...process.env, TIDINGS_BENCH_DOCS: sizes.join(",") },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const tables = out.split("compiler benchmark: ").slice(1);
  return sizes.map((docs) => {
    const table = tables.find((t) => t.startsWith(`${docs} documents`));
    if (!table) throw new Error(`the compiler benchmark printed no table for ${docs} documents`);
    const lines = table.split("\n");
    const row = (name) => {
      const line = lines.find((l) => l.startsWith(name));
      const [seconds, docsPerSecond, mbPerSecond] = line.slice(34).trim().split(/\s+/).map(Number);
      return { seconds, docs_per_second: docsPerSecond, mb_per_second: mbPerSecond };
    };
    const peak = Number(lines.find((l) => l.startsWith("peak memory of the command")).split(":")[1]);
    return { docs, tidings: row("tidings build (end to end)"), command: { ...row("tidings build command"), peak_mb: peak }, pulldown_cmark: row("pulldown-cmark") };
  });
}

// ---- Lighthouse: the demo news page, and Tidings' page beside the twin's ----

function lighthouse(path) {
  log(`lighthouse, mobile, ${path}`);
  const report = join(ROOT, "lighthouse.json");
  execFileSync(
    "node_modules/.bin/lighthouse",
    [`${ORIGIN}${path}`, "--only-categories=performance", "--output=json", `--output-path=${report}`, "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
    { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ["ignore", "ignore", "inherit"] },
  );
  const lhr = JSON.parse(readFileSync(report, "utf8"));
  const audit = (id) => lhr.audits[id].numericValue;
  return {
    performance: Math.round(lhr.categories.performance.score * 100),
    lcp_ms: Math.round(audit("largest-contentful-paint")),
    tbt_ms: Math.round(audit("total-blocking-time")),
    cls: round(audit("cumulative-layout-shift"), 3),
    fcp_ms: Math.round(audit("first-contentful-paint")),
  };
}

// ---- The chart ----

function chart(filterResults) {
  const W = 720, H = 420, L = 70, R = 170, T = 40, B = 60;
  const xs = SIZES.map(Math.log10);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const series = [];
  for (const widget of ["tidings", "twin"]) {
    for (const cpu of [1, CPU_SLOWDOWN]) {
      series.push({ name: `${widget === "tidings" ? "Tidings" : "twin"}${cpu > 1 ? `, ${cpu}x CPU` : ""}`, widget, cpu, points: SIZES.map((n) => [n, filterResults[n][widget][`cpu${cpu}`].median]) });
    }
  }
  const yMax = Math.max(16, ...series.flatMap((s) => s.points.map((p) => p[1]))) * 1.1;
  const x = (n) => L + ((Math.log10(n) - x0) / (x1 - x0 || 1)) * (W - L - R);
  const y = (ms) => H - B - (ms / yMax) * (H - T - B);
  const colours = { tidings: "#1d4ed8", twin: "#b45309" };
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">\n`;
  svg += `<rect width="${W}" height="${H}" fill="#fff"/>\n<text x="${L}" y="22" font-size="15" font-weight="bold">Filter: click on a tag to the next paint (median)</text>\n`;
  svg += `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="#333"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="#333"/>\n`;
  for (const n of SIZES) svg += `<text x="${x(n)}" y="${H - B + 18}" text-anchor="middle">${n.toLocaleString("en")}</text>\n`;
  svg += `<text x="${(L + W - R) / 2}" y="${H - 15}" text-anchor="middle">stories in the bundle (log scale)</text>\n`;
  const step = yMax > 60 ? 20 : yMax > 30 ? 10 : 4;
  for (let v = 0; v <= yMax; v += step) svg += `<text x="${L - 8}" y="${y(v) + 4}" text-anchor="end">${v}</text><line x1="${L}" y1="${y(v)}" x2="${W - R}" y2="${y(v)}" stroke="#eee"/>\n`;
  svg += `<text transform="translate(18 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">milliseconds</text>\n`;
  svg += `<line x1="${L}" y1="${y(16)}" x2="${W - R}" y2="${y(16)}" stroke="#999" stroke-dasharray="4 4"/><text x="${W - R + 6}" y="${y(16) + 4}" fill="#666">16 ms target</text>\n`;
  series.forEach((s, i) => {
    const d = s.points.map(([n, ms], j) => `${j ? "L" : "M"}${round(x(n))},${round(y(ms))}`).join(" ");
    const dash = s.cpu > 1 ? ' stroke-dasharray="6 3"' : "";
    svg += `<path d="${d}" fill="none" stroke="${colours[s.widget]}" stroke-width="2"${dash}/>\n`;
    for (const [n, ms] of s.points) svg += `<circle cx="${round(x(n))}" cy="${round(y(ms))}" r="3" fill="${colours[s.widget]}"/>\n`;
    svg += `<line x1="${W - R + 6}" y1="${T + 10 + i * 20}" x2="${W - R + 30}" y2="${T + 10 + i * 20}" stroke="${colours[s.widget]}" stroke-width="2"${dash}/><text x="${W - R + 36}" y="${T + 14 + i * 20}">${s.name}</text>\n`;
  });
  return svg + "</svg>\n";
}

// ---- The run ----

function table(title, header, rows) {
  console.log(`\n${title}`);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

const ratio = (a, b) => (b ? round(a / b, 2) : "-");

async function main() {
  if (!existsSync(COMPILER) || !existsSync("dist/index.html") || !existsSync("target/e2e/news-site")) {
    throw new Error("run through `make bench`: it builds dist/, target/e2e/ and the release compiler first");
  }
  const built = prepare();
  const server = await serve(SITE, PORT);
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const results = { machine: { cores: (await import("node:os")).cpus().length }, sizes: SIZES, build_seconds: built, payload: payload(), startup: {}, filter: {}, memory: {} };
    for (const n of SIZES) {
      log(`${n} stories: start-up, filter, memory`);
      results.startup[n] = {};
      results.filter[n] = {};
      results.memory[n] = {};
      // Start-up runs alternate between the two widgets, so a machine that speeds up or slows down meanwhile
      // weighs on both alike.
      const runs = Object.fromEntries(Object.keys(WIDGETS).map((w) => [w, []]));
      for (let r = 0; r < RUNS; r++) for (const widget of Object.keys(WIDGETS)) runs[widget].push(await startup(browser, widget, n));
      for (const [widget, list] of Object.entries(runs)) {
        results.startup[n][widget] = { first_card_ms: median(list.map((r) => r.ms)), downloaded_ms: median(list.map((r) => r.downloaded)), cls: Math.max(...list.map((r) => r.cls)) };
      }
      for (const widget of Object.keys(WIDGETS)) {
        results.filter[n][widget] = { cpu1: await filter(browser, widget, n, 1), [`cpu${CPU_SLOWDOWN}`]: await filter(browser, widget, n, CPU_SLOWDOWN) };
        results.memory[n][widget] = await memory(browser, widget, n);
      }
    }
    await browser.close();
    const mid = SIZES.filter((n) => n <= 10_000).at(-1) ?? SIZES[0];
    results.lighthouse = {
      demo: lighthouse("/news-site/index.html"),
      stories: mid,
      tidings: lighthouse(`/${mid}/index.html`),
      twin: lighthouse(`/${mid}/twin.html`),
    };
    results.compiler = compiler((process.env.BENCH_COMPILER_DOCS ?? "10000,100000").split(",").map(Number));
    report(results);
    writeFileSync("bench/results.json", JSON.stringify(results, null, 2) + "\n");
    writeFileSync("bench/latency.svg", chart(results.filter));
    console.log("\nwrote bench/results.json and bench/latency.svg");
  } finally {
    server.kill();
  }
}

function report(r) {
  const p = r.payload;
  table("Payload (KB)", ["", "raw", "gzip", "brotli"], [
    ["Tidings wasm", kb(p.tidings.wasm.raw), kb(p.tidings.wasm.gzip), kb(p.tidings.wasm.brotli)],
    ["Tidings JS", kb(p.tidings.js.raw), kb(p.tidings.js.gzip), kb(p.tidings.js.brotli)],
    ["Tidings CSS", kb(p.tidings.css.raw), kb(p.tidings.css.gzip), kb(p.tidings.css.brotli)],
    ["Tidings wasm + JS + CSS", kb(p.tidings.total.raw), kb(p.tidings.total.gzip), kb(p.tidings.total.brotli)],
    ["twin JS + CSS", kb(p.twin.total.raw), kb(p.twin.total.gzip), kb(p.twin.total.brotli)],
    ["ratio", ratio(p.tidings.total.raw, p.twin.total.raw), ratio(p.tidings.total.gzip, p.twin.total.gzip), ratio(p.tidings.total.brotli, p.twin.total.brotli)],
  ]);
  table("First view: bundle.json, brotli (KB)", ["stories", "KB"], SIZES.map((n) => [n, kb(p.first_view_bundle_brotli[n])]));
  table(`Start-up: navigation to first card painted, and to the last file it needed downloaded (ms, median of ${RUNS}; mobile network, ${CPU_SLOWDOWN}x CPU)`,
    ["stories", "Tidings", "twin", "ratio", "downloaded: Tidings", "twin", "CLS Tidings", "CLS twin"],
    SIZES.map((n) => {
      const s = r.startup[n];
      return [n, round(s.tidings.first_card_ms), round(s.twin.first_card_ms), ratio(s.tidings.first_card_ms, s.twin.first_card_ms), round(s.tidings.downloaded_ms), round(s.twin.downloaded_ms), round(s.tidings.cls, 3), round(s.twin.cls, 3)];
    }));
  for (const cpu of [1, CPU_SLOWDOWN]) {
    table(`Filter: click to next paint, and to the DOM laid out ("work") (ms, ${CLICKS} clicks; ${cpu > 1 ? `${cpu}x CPU` : "unthrottled"})`,
      ["stories", "Tidings p50", "p95", "twin p50", "p95", "ratio p50", "work: Tidings p50", "p95", "twin p50", "p95", "ratio p50"],
      SIZES.map((n) => {
        const f = r.filter[n];
        const t = f.tidings[`cpu${cpu}`], v = f.twin[`cpu${cpu}`];
        return [n, round(t.median), round(t.p95), round(v.median), round(v.p95), ratio(t.median, v.median),
          round(t.work_median), round(t.work_p95), round(v.work_median), round(v.work_p95), ratio(t.work_median, v.work_median)];
      }));
  }
  table("Memory after load: JS heap + wasm memory (MB)", ["stories", "Tidings JS", "wasm", "total", "twin", "difference", "ratio"],
    SIZES.map((n) => { const m = r.memory[n]; return [n, mb(m.tidings.js), mb(m.tidings.wasm), mb(m.tidings.total), mb(m.twin.total), mb(m.tidings.total - m.twin.total), ratio(m.tidings.total, m.twin.total)]; }));
  const l = r.lighthouse;
  const row = (name, x) => [name, x.performance, x.lcp_ms, x.tbt_ms, x.cls, x.fcp_ms];
  table(`Lighthouse, mobile (the pages: ${l.stories} stories)`, ["", "performance", "LCP ms", "TBT ms", "CLS", "FCP ms"], [
    row("demo news page (embed)", l.demo),
    row("Tidings page", l.tidings),
    row("twin page", l.twin),
    ["ratio", ratio(l.tidings.performance, l.twin.performance), ratio(l.tidings.lcp_ms, l.twin.lcp_ms), "-", "-", ratio(l.tidings.fcp_ms, l.twin.fcp_ms)],
  ]);
  table("Compiler (best of 3): compile and write, and the `tidings build` command (diagnostics printed)", ["documents", "tidings docs/s", "MB/s", "command docs/s", "MB/s", "command peak MB", "pulldown-cmark docs/s", "MB/s", "ratio"],
    r.compiler.map((c) => [c.docs, c.tidings.docs_per_second, c.tidings.mb_per_second, c.command.docs_per_second, c.command.mb_per_second, c.command.peak_mb, c.pulldown_cmark.docs_per_second, c.pulldown_cmark.mb_per_second, ratio(c.tidings.seconds, c.pulldown_cmark.seconds)]));
}

main().catch((error) => {
  console.error(`bench: ${error.stack ?? error}`);
  process.exit(1);
});
