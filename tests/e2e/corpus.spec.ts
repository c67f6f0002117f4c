import { test, expect } from "./widget";

test("the 2,083-story corpus loads a first page and pages with Show more", async ({ widget, page }) => {
  await widget.open("corpus");
  await expect(widget.count()).toHaveText("Showing 12 of 2083 stories");
  await expect(widget.cards()).toHaveCount(12);
  await page.getByRole("button", { name: "Show more" }).click();
  await expect(widget.cards()).toHaveCount(24);
  await expect(widget.count()).toHaveText("Showing 24 of 2083 stories");
  await widget.checkAccessibility("corpus");
  await widget.screenshot("corpus");
});

test("the first view downloads a small bundle.json and nothing else of the bundle until the reader acts", async ({ widget, page }) => {
  const bundleFiles: { path: string; bytes: number }[] = [];
  page.on("requestfinished", async (request) => {
    const path = new URL(request.url()).pathname;
    if (/^\/corpus\/(bundle\.json|cards|lists|tables|facets|slugs)/.test(path)) {
      bundleFiles.push({ path, bytes: (await request.sizes()).responseBodySize });
    }
  });
  await widget.open("corpus");
  await page.waitForTimeout(500);
  expect(bundleFiles.map((f) => f.path)).toEqual(["/corpus/bundle.json"]);
  expect(bundleFiles[0].bytes, "brotli bytes of bundle.json").toBeLessThan(15 * 1024);
  await page.getByRole("button", { name: "Show more" }).click();
  await page.getByRole("button", { name: "Show more" }).click();
  await expect(widget.cards()).toHaveCount(36);
  await expect.poll(() => bundleFiles.length).toBeGreaterThan(1);
  expect(bundleFiles.slice(1).every((f) => /^\/corpus\/(cards|tables)\//.test(f.path)), "the page's shards and their table").toBe(true);
});

test("filtering by a tag shows only matching stories, any or all", async ({ widget, page }) => {
  await widget.open("corpus");
  const first = widget.page.getByRole("navigation", { name: "Filter stories by tag" }).getByRole("button").nth(1);
  const label = (await first.textContent())!;
  const [, tag, count] = label.match(/^(.+?)(\d+)$/)!;
  await first.click();
  await expect(first).toHaveAttribute("aria-pressed", "true");
  await expect(widget.count()).toContainText(`of ${count} stories`);
  for (const text of await widget.cards().allTextContents()) expect(text).toContain(`#${tag}`);
  await widget.checkAccessibility("filtered");
  await widget.screenshot("filtered");

  // A second tag: "Any tag" widens the list, "All tags" narrows it to stories with both.
  const second = widget.page.getByRole("navigation", { name: "Filter stories by tag" }).locator('button[aria-pressed="false"]').nth(1);
  const secondTag = (await second.textContent())!.replace(/\d+$/, "");
  await second.click();
  await expect(widget.tag(secondTag)).toHaveAttribute("aria-pressed", "true");
  await widget.loaded();
  const anyCount = Number((await widget.count().textContent())!.match(/(\d+) stor/)![1]);
  expect(anyCount).toBeGreaterThanOrEqual(Number(count));
  await page.getByRole("button", { name: "All tags" }).click();
  await expect(page.getByRole("button", { name: "All tags" })).toHaveAttribute("aria-pressed", "true");
  await widget.loaded();
  const allCount = Number((await widget.count().textContent())!.match(/(\d+) stor/)![1]);
  expect(allCount).toBeLessThanOrEqual(Number(count));
  for (const text of await widget.cards().allTextContents()) {
    expect(text).toContain(`#${tag}`);
    expect(text).toContain(`#${secondTag}`);
  }

  await page.getByRole("button", { name: "All", exact: true }).click();
  await expect(widget.count()).toHaveText("Showing 12 of 2083 stories");
});

test("a story opened after another shows its own body, never the other's, while its own is on the way", async ({ widget, page }) => {
  await widget.open("corpus");
  const body = page.locator(".tidings-body");
  await widget.cards().nth(0).getByRole("button").first().click();
  await expect(body.locator("> p:not(.tidings-loading)").first()).toBeVisible();
  const first = (await body.locator("> p").first().textContent())!;
  await page.getByRole("button", { name: "← Back to stories" }).click();

  // Every paragraph the widget adds from here on, even one that is gone by the next frame.
  await page.evaluate(() => {
    const added: string[] = ((window as any).addedText = []);
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) added.push(n.textContent ?? "");
    }).observe(document.querySelector(".tidings")!, { childList: true, subtree: true });
  });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/corpus/articles/*.json", async (route) => {
    await held;
    await route.continue();
  });
  await widget.cards().nth(1).getByRole("button").first().click();
  await expect(body).toHaveText("Loading the story…");
  release();
  await expect(body.locator("> p:not(.tidings-loading)").first()).toBeVisible();
  expect(await body.locator("> p").first().textContent()).not.toBe(first);
  const added: string[] = await page.evaluate(() => (window as any).addedText);
  expect(added.some((text) => text.includes(first)), "the first story's body never showed in the second's").toBe(false);
});
