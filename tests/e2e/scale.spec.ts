// 100,000 stories made from the real corpus (`make e2e-site` builds them into /big/): the first view comes from
// bundle.json alone, every card arrives after it, and filtering and paging work over all of them.
import { test, expect } from "./widget";

test("100,000 stories: first view, every card, filters and pages", async ({ widget, page }) => {
  test.setTimeout(180_000);
  await page.goto("/big/index.html");
  await expect(widget.count()).toHaveText("Showing 12 of 100000 stories");
  await expect(widget.cards()).toHaveCount(12);
  await expect(page.locator('.tidings-cards[aria-busy="false"]'), "all 154 shards arrive").toHaveCount(1, { timeout: 150_000 });

  // The least used tag: its stories are spread over the whole bundle, so every shard must have been read.
  const tags = page.getByRole("navigation", { name: "Filter stories by tag" }).getByRole("list").getByRole("button");
  const last = tags.last();
  const [, name, count] = (await last.textContent())!.match(/^(.+?)(\d+)$/)!;
  await last.click();
  await expect(widget.count()).toHaveText(`Showing ${Math.min(12, Number(count))} of ${count} stories`);
  for (const text of await widget.cards().allTextContents()) expect(text).toContain(`#${name}`);

  await page.getByRole("button", { name: "All", exact: true }).click();
  for (let shown = 24; shown <= 48; shown += 12) {
    await page.getByRole("button", { name: "Show more" }).click();
    await expect(widget.count()).toHaveText(`Showing ${shown} of 100000 stories`);
  }
  await expect(widget.cards()).toHaveCount(48);
});
