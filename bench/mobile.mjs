// What the start-up measurements share (bench/run.mjs, bench/trace.mjs): the static server, the browser,
// Lighthouse's mobile profile ("slow 4G" and a mid-range phone's CPU), and the moment the first card is painted.
import { spawn } from "node:child_process";

export const CHROMIUM = "/usr/bin/chromium";
export const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
export const NETWORK = { offline: false, latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };
export const CPU_SLOWDOWN = 4;

/** In the page: `window.__firstCard` resolves when `selector` is painted; `window.__layoutShift` sums CLS. */
const FIRST_CARD = (selector) => {
  const w = window;
  w.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) w.__layoutShift += e.value;
  }).observe({ type: "layout-shift", buffered: true });
  w.__firstCard = new Promise((resolve) => {
    const seen = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    new MutationObserver((_, observer) => {
      if (document.querySelector(selector)) {
        observer.disconnect();
        seen();
      }
    }).observe(document, { childList: true, subtree: true });
  });
};

/** A phone-sized page with the mobile network and CPU, no cache, watching for the first `card`. */
export async function mobilePage(browser, card) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  await page.addInitScript(FIRST_CARD, card);
  return { context, page, cdp };
}

/** When the last file that the first card (painted at `card` ms) needed had arrived. */
export function downloadedBefore(page, card) {
  return page.evaluate((card) => Math.max(...performance.getEntriesByType("resource").filter((e) => e.startTime < card).map((e) => e.responseEnd)), card);
}

/** Serves `site` on `port` (serve/nginx.sh) once it answers; `kill()` the returned process to stop it. */
export async function serve(site, port) {
  const server = spawn("serve/nginx.sh", [site, String(port)], { stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return server;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`serve/nginx.sh did not answer on port ${port} within 5 s`);
}
