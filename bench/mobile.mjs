// What the start-up measurements share (bench/run.mjs, bench/trace.mjs): the browser, Lighthouse's mobile
// profile ("slow 4G" and a mid-range phone's CPU), and the moment the first card is painted.
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
