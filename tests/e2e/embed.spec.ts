// The embed kit on a realistic news page: two instances, a hostile stylesheet, and a strict CSP header.
import { test, expect } from "./widget";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

const TITLE = "Diplomatic Breakthrough Enables Foreigners to Exit Gaza Amid Conflict";

async function recordPage(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[]; __events: { type: string; id: string; detail: unknown }[] };
    w.__violations = [];
    w.__events = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    for (const type of ["tidings:ready", "tidings:filter", "tidings:open", "tidings:error"]) {
      document.addEventListener(type, (e) => w.__events.push({ type, id: (e.target as Element).id, detail: (e as CustomEvent).detail }));
    }
  });
  return {
    violations: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
    events: () => page.evaluate(() => (window as unknown as { __events: { type: string; id: string; detail: any }[] }).__events),
  };
}

const sidebar = (page: Page) => page.locator("#sidebar");
const grid = (page: Page) => page.locator("#grid");

test("two instances render and filter independently under a strict CSP", async ({ widget, page }) => {
  const record = await recordPage(page);
  await page.goto("/news-site/index.html");
  await sidebar(page).scrollIntoViewIfNeeded();
  await grid(page).scrollIntoViewIfNeeded();
  await expect(sidebar(page).getByRole("status")).toHaveText("1 story");
  await expect(grid(page).getByRole("status")).toHaveText("Showing 12 of 2083 stories");
  await expect(sidebar(page).getByRole("button", { name: /^israel/ })).toHaveAttribute("aria-pressed", "true");
  // Without a data-locale, dates are written in the reader's locale (the browser's: en-US here).
  const date = sidebar(page).locator("time").first();
  await expect(date).toHaveAttribute("datetime", "2023-11-01");
  await expect(date).toHaveText(await page.evaluate(() => new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }).format(new Date(2023, 10, 1))));

  const tag = grid(page).getByRole("navigation", { name: "More coverage: Filter stories by tag" }).getByRole("button").nth(1);
  await tag.click();
  await expect(grid(page).getByRole("status")).not.toHaveText("Showing 12 of 2083 stories");
  await expect(sidebar(page).getByRole("status"), "the other instance is untouched").toHaveText("1 story");

  const events = await record.events();
  expect(events.filter((e) => e.type === "tidings:ready").map((e) => [e.id, e.detail.articles]).sort()).toEqual([["grid", 2083], ["sidebar", 1]]);
  const filter = events.find((e) => e.type === "tidings:filter")!;
  expect(filter.id).toBe("grid");
  expect(filter.detail.match).toBe("any");
  expect(filter.detail.tags).toHaveLength(1);
  expect(await record.violations()).toEqual([]);
  await widget.screenshot("news-site");
});

test("opening a story fires tidings:open with its id and slug", async ({ page }) => {
  const record = await recordPage(page);
  await page.goto("/news-site/index.html");
  await sidebar(page).scrollIntoViewIfNeeded();
  await sidebar(page).getByRole("button", { name: TITLE }).click();
  await expect(sidebar(page).getByRole("heading", { name: TITLE, level: 3 })).toBeFocused();
  const open = (await record.events()).find((e) => e.type === "tidings:open")!;
  expect(open).toEqual({
    type: "tidings:open",
    id: "sidebar",
    detail: { id: "000_60341a51864e5bb5", slug: "diplomatic-breakthrough-enables-foreigners-to-exit-gaza-amid-conflict" },
  });
  expect(await record.violations()).toEqual([]);
});

test("the host's hostile CSS does not reach the widget", async ({ page }) => {
  await page.goto("/news-site/index.html");
  await sidebar(page).scrollIntoViewIfNeeded();
  const title = sidebar(page).getByRole("button", { name: TITLE });
  await expect(title, "buttons stay visible despite `button { display: none }`").toBeVisible();
  const styles = await title.evaluate((b) => {
    const s = getComputedStyle(b);
    const card = b.closest("article")!;
    return { fontSize: s.fontSize, float: getComputedStyle(card).cssFloat, border: getComputedStyle(card.parentElement!).borderTopStyle };
  });
  expect(styles.fontSize).not.toBe("40px");
  expect(parseFloat(styles.fontSize)).toBeLessThan(24);
  expect(styles.float).toBe("none");
  expect(styles.border).toBe("none");
});

test("the host brands the widget through --tidings-* properties and ::part()", async ({ page }) => {
  await page.goto("/news-site/index.html");
  for (const [started, status] of [[sidebar(page), "1 story"], [grid(page), "Showing 12 of 2083 stories"]] as const) {
    await started.scrollIntoViewIfNeeded();
    await expect(started.getByRole("status")).toHaveText(status);
  }
  const look = (host: ReturnType<typeof grid>) =>
    host.locator("article").first().evaluate((card) => {
      const title = card.querySelector(".tidings-card-title")!;
      const pressed = card.closest("section")!.querySelector(".tidings-tag[aria-pressed=true]")!;
      return {
        radius: getComputedStyle(card).borderTopLeftRadius,
        top: getComputedStyle(card).borderTopWidth,
        font: getComputedStyle(title).fontFamily,
        accent: getComputedStyle(pressed).backgroundColor,
      };
    });
  // site.css: `#grid::part(card) { border-radius: 0; border-top: 3px solid … }`, `#grid::part(card-title)`.
  const branded = await look(grid(page));
  expect(branded.radius).toBe("0px");
  expect(branded.top).toBe("3px");
  expect(branded.font).toContain("Georgia");
  expect(branded.accent, "--tidings-accent").toBe("rgb(138, 28, 28)");
  // The sidebar gets the accent but none of the grid's parts.
  const plain = await look(sidebar(page));
  expect(plain.radius).not.toBe("0px");
  expect(plain.top).toBe("1px");
  expect(plain.font).not.toContain("Georgia");
  expect(plain.accent).toBe("rgb(138, 28, 28)");
});

test("the widget's CSS does not touch the host page", async ({ page }) => {
  const probe = () =>
    page.evaluate(() =>
      ["h1", ".story p", ".masthead nav a", "aside h2", ".footer"].map((sel) => {
        const s = getComputedStyle(document.querySelector(sel)!);
        return [sel, s.fontSize, s.color, s.fontFamily, s.lineHeight, s.display];
      }),
    );
  await page.route("**/tidings/tidings.js", (r) => r.fulfill({ contentType: "text/javascript", body: "" }));
  await page.goto("/news-site/index.html");
  const without = await probe();
  await page.unroute("**/tidings/tidings.js");
  await page.goto("/news-site/index.html");
  await sidebar(page).scrollIntoViewIfNeeded();
  await expect(sidebar(page).getByRole("status")).toHaveText("1 story");
  expect(await probe()).toEqual(without);
});

/**
 * Keeps count of the page's wasm memories: each instance's memory is counted when the instance is made and
 * counted off when the garbage collector frees it (a `FinalizationRegistry`). DevTools' `Runtime.queryObjects`
 * counts them too, but now and then it crashes Chromium's renderer (1 run in 10 of this file here).
 */
async function countMemories(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __memories: number };
    w.__memories = 0;
    const freed = new FinalizationRegistry(() => w.__memories--);
    const count = (made: WebAssembly.Instance | WebAssembly.WebAssemblyInstantiatedSource) => {
      const instance = made instanceof WebAssembly.Instance ? made : made.instance;
      for (const value of Object.values(instance.exports)) {
        if (value instanceof WebAssembly.Memory) {
          w.__memories++;
          freed.register(value, null);
        }
      }
      return made;
    };
    const { instantiate, instantiateStreaming } = WebAssembly;
    WebAssembly.instantiate = ((...args: Parameters<typeof instantiate>) => instantiate(...args).then(count)) as typeof instantiate;
    WebAssembly.instantiateStreaming = (...args) => instantiateStreaming(...args).then(count) as never;
  });
}

/** How many wasm memories the page holds after a full garbage collection. */
async function wasmMemories(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.detach();
  return page.evaluate(() => (window as unknown as { __memories: number }).__memories);
}

for (const markup of ["div", "custom element"]) {
  test(`an instance added at run time starts, and removing it frees its memory (${markup})`, async ({ widget, page }) => {
    const record = await recordPage(page);
    await countMemories(page);
    await page.goto("/news-site/index.html");
    for (const [started, status] of [[sidebar(page), "1 story"], [grid(page), "Showing 12 of 2083 stories"]] as const) {
      await started.scrollIntoViewIfNeeded();
      await expect(started.getByRole("status")).toHaveText(status);
    }
    const before = await wasmMemories(page);
    expect(before, "one instance per widget").toBe(2);
    await page.evaluate((custom) => {
      const late = document.createElement(custom ? "tidings-news" : "div");
      late.id = "late";
      if (!custom) late.setAttribute("data-tidings", "");
      late.setAttribute("data-bundle", "/site/bundle.json");
      document.querySelector(".story")!.append(late);
    }, markup !== "div");
    const late = page.locator("#late");
    await late.scrollIntoViewIfNeeded(); // widgets start when they near the viewport
    await expect(late.getByRole("status")).toHaveText("1 story");
    expect(await wasmMemories(page), "the new widget has an instance of its own").toBe(before + 1);
    await page.evaluate(() => document.getElementById("late")!.remove());
    await expect(late).toHaveCount(0);
    await expect.poll(() => wasmMemories(page), { message: "and its memory is freed" }).toBe(before);
    await expect(sidebar(page).getByRole("status"), "the other widget is unharmed").toHaveText("1 story");
    expect((await record.events()).filter((e) => e.id === "late").map((e) => e.type)).toEqual(["tidings:ready"]);
    expect(await record.violations()).toEqual([]);
  });
}

test("an embedded widget touches only its own host: an element of the page with the id `tidings` is left alone", async ({ page }) => {
  const record = await recordPage(page);
  await page.addInitScript(() => {
    document.addEventListener("DOMContentLoaded", () => {
      const own = document.createElement("section");
      own.id = "tidings";
      own.append(Object.assign(document.createElement("p"), { textContent: "The host's own section" }));
      document.body.prepend(own);
    });
  });
  await page.goto("/news-site/index.html");
  for (const [started, status] of [[sidebar(page), "1 story"], [grid(page), "Showing 12 of 2083 stories"]] as const) {
    await started.scrollIntoViewIfNeeded();
    await expect(started.getByRole("status")).toHaveText(status);
  }
  await expect(page.locator("#tidings")).toHaveJSProperty("innerHTML", "<p>The host's own section</p>");
  expect((await record.events()).filter((e) => e.type === "tidings:ready").map((e) => e.id).sort()).toEqual(["grid", "sidebar"]);
});

test("a widget whose bundle fails says so, and raises a tidings:error that is not fatal", async ({ widget, page }) => {
  const record = await recordPage(page);
  widget.allow(/404|site\/bundle\.json/);
  await page.route("**/site/bundle.json", (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto("/news-site/index.html");
  await sidebar(page).scrollIntoViewIfNeeded();
  await expect(sidebar(page).getByRole("alert")).toContainText("HTTP 404");
  await expect.poll(async () => (await record.events()).filter((e) => e.type === "tidings:error")).toEqual([
    { type: "tidings:error", id: "sidebar", detail: { message: "The news server answered with HTTP 404.", fatal: false } },
  ]);
});

test("a bad attribute value warns with the accepted values", async ({ page }) => {
  const warnings: string[] = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  await page.goto("/news-site/index.html");
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.setAttribute("data-tidings", "");
    div.setAttribute("data-bundle", "/site/bundle.json");
    div.setAttribute("data-layout", "masonry");
    document.querySelector(".story")!.append(div);
    div.scrollIntoView();
  });
  await expect.poll(() => warnings).toContain('Tidings: data-layout="masonry" is not valid; accepted values: grid, list, compact. Using the default.');
});

test("a widget far below the fold fetches nothing until the reader scrolls near it", async ({ page }) => {
  const requested: string[] = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.goto("/news-site/index.html");
  await page.waitForLoadState("networkidle");
  expect(requested).not.toContain("/corpus/bundle.json");
  const box = await grid(page).boundingBox();
  expect(box!.height, "its space is reserved").toBeGreaterThan(200);
  await grid(page).scrollIntoViewIfNeeded();
  await expect(grid(page).getByRole("status")).toHaveText("Showing 12 of 2083 stories");
  expect(requested.filter((p) => p === "/corpus/bundle.json"), "fetched once: the widget takes over the loader's download").toHaveLength(1);
});

test("a starting widget's bundle downloads beside the wasm, not after it", async ({ page }) => {
  const order: string[] = [];
  page.on("request", (r) => new URL(r.url()).pathname === "/site/bundle.json" && order.push("bundle requested"));
  page.on("requestfinished", (r) => r.url().endsWith("_bg.wasm") && order.push("wasm received"));
  await page.goto("/news-site/index.html");
  await sidebar(page).scrollIntoViewIfNeeded();
  await expect(sidebar(page).getByRole("status")).toHaveText("1 story");
  expect(order).toEqual(["bundle requested", "wasm received"]);
});

test("the embedded widgets pass axe", async ({ page }) => {
  await page.goto("/news-site/index.html");
  await sidebar(page).scrollIntoViewIfNeeded();
  await grid(page).scrollIntoViewIfNeeded();
  await expect(grid(page).getByRole("status")).toHaveText("Showing 12 of 2083 stories");
  await expect(sidebar(page).getByRole("status")).toHaveText("1 story");
  const results = await new AxeBuilder({ page }).include("#grid").include("#sidebar").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("a panic in one widget ends in that widget's error state; Retry starts it afresh", async ({ widget, page }) => {
  const record = await recordPage(page);
  widget.allow(/unreachable|panic raised on purpose/);
  await page.goto("/news-site/index.html");
  await sidebar(page).scrollIntoViewIfNeeded();
  await expect(sidebar(page).getByRole("status")).toHaveText("1 story");
  // The loader hands out the sidebar's own instance (for debugging and tests).
  await page.evaluate(async () => {
    const src = document.querySelector<HTMLScriptElement>('script[src*="tidings.js"]')!.src;
    const loader = await import(src);
    try {
      loader.instanceOf(document.getElementById("sidebar")).panicForTest();
    } catch {
      // The instance traps; that is the point.
    }
  });
  const alert = sidebar(page).getByRole("alert");
  await expect(alert).toContainText("The news widget stopped working.");
  const fatal = (await record.events()).find((e) => e.type === "tidings:error")!;
  expect(fatal.id).toBe("sidebar");
  expect(fatal.detail.fatal).toBe(true);

  await grid(page).scrollIntoViewIfNeeded();
  await expect(grid(page).getByRole("status"), "the other widget is unharmed").toHaveText("Showing 12 of 2083 stories");
  await sidebar(page).scrollIntoViewIfNeeded();
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(sidebar(page).getByRole("status")).toHaveText("1 story");
  await expect(page.getByRole("heading", { level: 1 }), "the host page keeps working").toBeVisible();
});

test("each widget's tags and open story live in the page URL: deep link, back and forward", async ({ page }) => {
  await page.goto("/news-site/index.html?utm_source=newsletter#comments");
  await sidebar(page).scrollIntoViewIfNeeded();
  await expect(sidebar(page).getByRole("status")).toHaveText("1 story");
  // The sidebar's preset tag is its starting state, not something the reader did: the URL is untouched.
  expect(new URL(page.url()).search).toBe("?utm_source=newsletter");

  await sidebar(page).getByRole("button", { name: /^All$/ }).click();
  await expect(page).toHaveURL(/\?utm_source=newsletter&sidebar\.tags=#comments$/);
  await expect(sidebar(page).getByRole("button", { name: /^israel/ })).toHaveAttribute("aria-pressed", "false");
  await sidebar(page).getByRole("button", { name: /^usa/ }).click();
  await expect(page).toHaveURL(/\?utm_source=newsletter&sidebar\.tags=usa#comments$/);
  await sidebar(page).getByRole("button", { name: TITLE }).click();
  await expect(page).toHaveURL(/sidebar\.tags=usa&sidebar\.story=diplomatic-breakthrough-enables-foreigners-to-exit-gaza-amid-conflict#comments$/);
  const shared = page.url();

  await page.goBack();
  await expect(sidebar(page).getByRole("button", { name: TITLE })).toBeVisible();
  await expect(sidebar(page).getByRole("button", { name: /^usa/ })).toHaveAttribute("aria-pressed", "true");
  await page.goBack();
  await page.goBack();
  await expect(sidebar(page).getByRole("button", { name: /^israel/ }), "back to the preset").toHaveAttribute("aria-pressed", "true");
  await page.goForward();
  await page.goForward();
  await page.goForward();
  await expect(sidebar(page).getByRole("heading", { name: TITLE, level: 3 })).toBeVisible();

  // A shared link opens the same story in a fresh page; the other widget is not affected.
  const fresh = await page.context().newPage();
  await fresh.goto(shared);
  await fresh.locator("#sidebar").scrollIntoViewIfNeeded();
  await expect(fresh.locator("#sidebar").getByRole("heading", { name: TITLE, level: 3 })).toBeVisible();
  expect(new URL(fresh.url()).hash).toBe("#comments");
  await fresh.close();
});

async function addLocalized(page: Page) {
  await page.evaluate(() => {
    for (const [id, locale] of [["fr-widget", "fr"], ["ar-widget", "ar"]]) {
      const div = document.createElement("div");
      div.id = id;
      div.setAttribute("data-tidings", "");
      div.setAttribute("data-bundle", "/site/bundle.json");
      div.setAttribute("data-locale", locale);
      div.setAttribute("data-label", id);
      if (locale === "fr") div.setAttribute("data-theme", "dark");
      document.querySelector(".story")!.append(div);
    }
    document.getElementById("ar-widget")!.scrollIntoView();
  });
}

test("a widget speaks French or Arabic (right to left) when the host asks", async ({ widget, page }) => {
  await page.goto("/news-site/index.html");
  await addLocalized(page);
  const fr = page.locator("#fr-widget");
  const ar = page.locator("#ar-widget");
  await expect(fr.getByRole("status")).toHaveText("1 article");
  await expect(fr.getByRole("button", { name: "Tout", exact: true })).toBeVisible();
  await expect(fr.locator("time")).toHaveText("1 nov. 2023");
  await expect(ar.getByRole("status")).toHaveText("قصة واحدة");
  const background = (id: string) => page.locator(`#${id} section`).evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(await background("fr-widget"), "data-theme=dark on a light page").toBe("rgb(18, 18, 18)");
  expect(await background("ar-widget")).toBe("rgb(255, 255, 255)");
  await expect(ar.locator("section")).toHaveAttribute("dir", "rtl");
  await expect(ar.locator("section")).toHaveAttribute("lang", "ar");
  await widget.screenshot("arabic");
});

// (axe-core injects inline styles, which this page's CSP refuses and reports on the console: the axe tests here do
// not use the console check that every other test has.)
test("the French and Arabic widgets pass axe", async ({ page }) => {
  await page.goto("/news-site/index.html");
  await addLocalized(page);
  await expect(page.locator("#ar-widget").getByRole("status")).toHaveText("قصة واحدة");
  await expect(page.locator("#fr-widget").getByRole("status")).toHaveText("1 article");
  const results = await new AxeBuilder({ page }).include("#fr-widget").include("#ar-widget").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("data-layout: the compact sidebar has no excerpts and no reserved height; the grid keeps both", async ({ widget, page }) => {
  await page.goto("/news-site/index.html");
  await sidebar(page).scrollIntoViewIfNeeded();
  await expect(sidebar(page).getByRole("status")).toHaveText("1 story");
  const compact = sidebar(page).locator(".tidings-card").first();
  await expect(compact.locator(".tidings-excerpt")).toHaveCount(0);
  await expect(compact).toHaveCSS("min-height", "0px");
  await grid(page).scrollIntoViewIfNeeded();
  await expect(grid(page).getByRole("status")).toHaveText("Showing 12 of 2083 stories");
  const card = grid(page).locator(".tidings-card").first();
  await expect(card.locator(".tidings-excerpt")).toHaveCount(1);
  expect(parseFloat(await card.evaluate((c) => getComputedStyle(c).minHeight)), "a grid card's reserved height").toBeGreaterThan(100);
});
