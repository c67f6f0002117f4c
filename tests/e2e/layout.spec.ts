import { test, expect } from "./widget";

test("cards form a grid on a wide widget and one column on a phone", async ({ widget, page, isMobile }) => {
  await widget.open("corpus");
  const tops = await widget.cards().evaluateAll((cards) => cards.slice(0, 3).map((c) => Math.round(c.getBoundingClientRect().top)));
  if (isMobile) expect(new Set(tops).size, "one column").toBe(3);
  else expect(tops[0], "side by side").toBe(tops[1]);
});

test("the tag filters stay one row that scrolls sideways", async ({ widget, page }) => {
  await widget.open("corpus");
  const row = page.getByRole("navigation", { name: "Filter stories by tag" }).locator("ul");
  const { tops, scrollable } = await row.evaluate((ul) => ({
    tops: new Set([...ul.querySelectorAll("button")].map((b) => Math.round(b.getBoundingClientRect().top))).size,
    scrollable: ul.scrollWidth > ul.clientWidth,
  }));
  expect(tops, "one row").toBe(1);
  expect(scrollable, "scrolls sideways").toBe(true);
});

test("every control is at least 44 px tall", async ({ widget, page }) => {
  await widget.open("corpus");
  const small = await page.locator(".tidings button").evaluateAll((buttons) =>
    buttons.filter((b) => b.getBoundingClientRect().height < 44).map((b) => b.textContent),
  );
  expect(small).toEqual([]);
});

test("keyboard: Tab reaches a tag, Enter toggles it, the focus ring shows", async ({ widget, page }) => {
  await widget.open("corpus");
  const all = page.getByRole("button", { name: "All", exact: true });
  await all.focus();
  await page.keyboard.press("Tab");
  const tag = page.getByRole("navigation", { name: "Filter stories by tag" }).getByRole("button").nth(1);
  await expect(tag).toBeFocused();
  const outline = await tag.evaluate((b) => getComputedStyle(b).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(tag).toHaveAttribute("aria-pressed", "true");
  await expect(widget.count()).not.toHaveText("Showing 12 of 2083 stories");
});

test("dark mode follows prefers-color-scheme", async ({ widget, page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await widget.open("site");
  const bg = await page.locator(".tidings").evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(bg).toBe("rgb(18, 18, 18)");
  await widget.checkAccessibility("dark");
  await widget.screenshot("dark");
});

test("placeholders do not animate when reduced motion is asked for", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.route("**/site/bundle.json", () => {}); // never answers: the placeholders stay
  await page.goto("/site/index.html");
  const bar = page.locator(".tidings-bar").first();
  await expect(bar).toBeVisible();
  expect(await bar.evaluate((e) => getComputedStyle(e).animationName)).toBe("none");
  await page.emulateMedia({ reducedMotion: "no-preference" });
  expect(await bar.evaluate((e) => getComputedStyle(e).animationName)).toBe("tidings-pulse");
});

test("loading placeholders reserve the space the cards take (no layout shift)", async ({ widget, page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  let requests = 0;
  await page.route("**/site/bundle.json", async (route) => {
    requests++;
    await held;
    await route.continue();
  });
  await page.goto("/site/index.html");
  await expect(page.locator(".tidings-placeholder").first()).toBeVisible();
  const before = await page.locator(".tidings-placeholder").first().boundingBox();
  await widget.checkAccessibility("loading");
  await widget.screenshot("loading");
  release();
  await expect(page.locator(".tidings-cards article").first()).toBeVisible();
  const after = await page.locator(".tidings-cards article").first().boundingBox();
  expect(Math.abs(after!.y - before!.y), "the first card appears where its placeholder was").toBeLessThan(1);
  expect(requests, "the widget awaited the page's download of the bundle instead of fetching it again").toBe(1);
});

test("a bundle downloaded before the wasm shows at once, with no placeholders in between", async ({ widget, page }) => {
  await page.addInitScript(() => {
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n instanceof Element && (n.matches(".tidings-placeholder") || n.querySelector(".tidings-placeholder"))) {
            (window as any).__placeholders = true;
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  let requests = 0;
  page.on("request", (r) => void (new URL(r.url()).pathname === "/site/bundle.json" && requests++));
  // The wasm waits until the page's own download of the bundle is complete.
  const bundle = page.waitForResponse("**/site/bundle.json").then((r) => r.finished());
  await page.route("**/site/*_bg.wasm", async (route) => {
    await bundle;
    await route.continue();
  });
  await page.goto("/site/index.html");
  await expect(widget.cards().first()).toBeVisible();
  expect(await page.evaluate(() => (window as any).__placeholders ?? false), "no placeholder was ever shown").toBe(false);
  expect(requests, "one download of the bundle").toBe(1);
  await expect(page.getByRole("status")).toHaveText("1 story");
});
