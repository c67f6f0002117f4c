// 100,000 stories of distinct text (`make e2e-site` writes their seeds to target/e2e-seeds-100k and builds them into
// /big/), queried on demand: the first view needs bundle.json alone; a filter fetches its list chunks, the card
// shards of its page and the table pages that name them, nothing else. The stories and counts are checked against an
// oracle that reads the same seeds and computes them by brute force.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect } from "./widget";

const SEEDS = "target/e2e-seeds-100k";

/** Every seed's title, date and tags (normalised as the compiler does), read from its front matter. */
function oracle() {
  const tag = (t: string) => t.trim().toLowerCase().replace(/\s+/g, "-");
  return readdirSync(SEEDS).map((name) => {
    const text = readFileSync(join(SEEDS, name), "utf8");
    return {
      title: text.match(/^# (.+)$/m)![1],
      date: text.match(/^date: (.+)$/m)![1],
      tags: (JSON.parse(text.match(/^tags: (.+)$/m)![1]) as string[]).map(tag),
    };
  });
}
type Story = ReturnType<typeof oracle>[number];

/** The stories of `stories` the widget must show first: the newest. */
const newest = (stories: Story[], n: number) => [...stories].sort((a, b) => b.date.localeCompare(a.date)).slice(0, n);

test("100,000 stories: the first view, filters checked by brute force, and only the files they need", async ({ widget, page }) => {
  test.setTimeout(120_000);
  const stories = oracle();
  expect(stories).toHaveLength(100_000);
  const requests: string[] = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname.replace(/^\/big\//, "")));
  await page.goto("/big/index.html");
  await expect(widget.count()).toHaveText("Showing 12 of 100000 stories");
  await expect(widget.cards()).toHaveCount(12);
  await page.waitForTimeout(1_000);
  const index = (r: string) => /^(lists|cards|tables|facets|slugs)\//.test(r);
  expect(requests.filter(index), "nothing of the index before the reader acts").toEqual([]);

  // One tag from the middle of the row: its count, and its newest stories.
  const row = page.getByRole("navigation", { name: "Filter stories by tag" }).getByRole("list").getByRole("button");
  const pick = row.nth(10);
  const [, name, count] = (await pick.textContent())!.match(/^(.+?)(\d+)$/)!;
  const tagged = stories.filter((s) => s.tags.includes(name));
  expect(Number(count)).toBe(tagged.length);
  requests.length = 0;
  await pick.click();
  await expect(widget.count()).toHaveText(`Showing 12 of ${tagged.length} stories`);
  await widget.loaded();
  const titles = async () => (await page.locator(".tidings-card-title").allTextContents()).map((t) => t.trim());
  const dates = (list: Story[]) => list.map((s) => s.date);
  const shownDates = async () => (await titles()).map((t) => stories.find((s) => s.title === t)!.date);
  expect(await shownDates()).toEqual(dates(newest(tagged, 12)));
  for (const text of await widget.cards().allTextContents()) expect(text).toContain(`#${name}`);
  const lists = requests.filter((r) => r.startsWith("lists/"));
  const shards = requests.filter((r) => r.startsWith("cards/"));
  expect(lists, "the first chunk of the tag's list only").toHaveLength(1);
  expect(shards.length, "at most a shard a card").toBeLessThanOrEqual(12);
  expect(requests.filter((r) => index(r) && !/^(lists|cards|tables)\//.test(r))).toEqual([]);

  // A second tag: any (OR), then all (AND), counted by brute force.
  const second = page.getByRole("navigation", { name: "Filter stories by tag" }).locator('button[aria-pressed="false"]').nth(1);
  const other = (await second.textContent())!.replace(/\d+$/, "");
  await second.click();
  const either = stories.filter((s) => s.tags.includes(name) || s.tags.includes(other));
  await expect(widget.count()).toHaveText(`Showing 12 of ${either.length} stories`);
  await widget.loaded();
  expect(await shownDates()).toEqual(dates(newest(either, 12)));
  await page.getByRole("button", { name: "All tags" }).click();
  const both = stories.filter((s) => s.tags.includes(name) && s.tags.includes(other));
  await expect(widget.count()).toHaveText(`Showing ${Math.min(12, both.length)} of ${both.length} stories`);
  await widget.loaded();
  expect(await shownDates()).toEqual(dates(newest(both, 12)));

  // Show more over the whole bundle: each page fetches the shards it shows.
  await page.getByRole("button", { name: "All", exact: true }).click();
  for (let shown = 24; shown <= 48; shown += 12) {
    await page.getByRole("button", { name: "Show more" }).click();
    await expect(widget.count()).toHaveText(`Showing ${shown} of 100000 stories`);
  }
  await expect(widget.cards()).toHaveCount(48);
  expect(await shownDates()).toEqual(dates(newest(stories, 48)));
});

test("100,000 stories: a chunk that fails says so with a Retry for that view; a rebuilt bundle is fetched again", async ({ widget, page }) => {
  widget.allow(/lists\/|cards\/|Failed to load resource/);
  await page.goto("/big/index.html");
  await expect(widget.count()).toHaveText("Showing 12 of 100000 stories");
  let failing = true;
  await page.route(/\/lists\//, (route) => (failing ? route.abort() : route.continue()));
  const row = page.getByRole("navigation", { name: "Filter stories by tag" }).getByRole("list").getByRole("button");
  const [, , count] = (await row.nth(5).textContent())!.match(/^(.+?)(\d+)$/)!;
  await row.nth(5).click();
  await expect(page.getByRole("alert")).toContainText("could not be reached");
  failing = false;
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(widget.count()).toHaveText(`Showing 12 of ${count} stories`);
  await expect(page.getByRole("alert")).toHaveCount(0);

  // A card file of this build is gone (a rebuild removed it): the manifest is fetched once more, and the view
  // worked out again from it.
  let manifests = 0;
  page.on("request", (r) => r.url().endsWith("/bundle.json") && manifests++);
  let gone = true;
  await page.route(/\/cards\//, (route) => {
    if (!gone) return route.continue();
    gone = false;
    return route.fulfill({ status: 404, body: "" });
  });
  await page.getByRole("button", { name: "All", exact: true }).click();
  await page.getByRole("button", { name: "Show more" }).click();
  await expect(widget.count()).toHaveText("Showing 24 of 100000 stories");
  await page.getByRole("button", { name: "Show more" }).click();
  await expect(widget.count()).toHaveText("Showing 36 of 100000 stories");
  await expect(widget.cards()).toHaveCount(36);
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(gone, "a card file answered 404").toBe(false);
  expect(manifests).toBe(1);
});
