import { test, expect } from "./widget";

const TITLE = "Diplomatic Breakthrough Enables Foreigners to Exit Gaza Amid Conflict";

test("shows the first seed as a card with its date, outlets and tags", async ({ widget }) => {
  await widget.open("site");
  const card = widget.card(TITLE);
  await expect(card.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(card.locator("time")).toHaveAttribute("datetime", "2023-11-01");
  await expect(card.locator("time")).toHaveText(/2023/);
  await expect(card).toContainText("CNN · NPR");
  for (const tag of ["israel", "palestine", "conflicts", "usa"]) {
    await expect(card).toContainText(`#${tag}`);
    await expect(widget.tag(tag)).toBeVisible();
  }
  await widget.checkAccessibility("first seed");
  await widget.screenshot("first-seed");
});

test("opens the article with source links and returns focus on close", async ({ widget, page }) => {
  await widget.open("site");
  await page.getByRole("button", { name: TITLE }).click();
  const article = page.getByRole("article", { name: TITLE });
  await expect(article.getByRole("heading", { level: 2, name: TITLE })).toBeFocused();
  await expect(article).toContainText("The departure of approximately 300 foreign citizens");
  for (const outlet of ["CNN", "NPR"]) {
    const link = article.getByRole("link", { name: outlet });
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
    await expect(link).toHaveAttribute("href", new RegExp(`^https://www\\.${outlet.toLowerCase()}\\.(com|org)/2023/11/`));
  }
  await widget.checkAccessibility("article open");
  await widget.screenshot("article-open");
  await page.getByRole("button", { name: "← Back to stories" }).click();
  await expect(page.getByRole("button", { name: TITLE })).toBeFocused();
});

test("a tag in an open article filters the list by that tag", async ({ widget, page }) => {
  await widget.open("site");
  await page.getByRole("button", { name: TITLE }).click();
  await page.getByRole("list", { name: "Tags" }).getByRole("button", { name: "#palestine" }).click();
  await expect(widget.tag("palestine")).toHaveAttribute("aria-pressed", "true");
  await expect(widget.card(TITLE)).toBeVisible();
  await expect(widget.count()).toHaveText("1 story");
});

test("a failed fetch shows what failed and Retry recovers", async ({ widget, page }) => {
  widget.allow(/500/);
  await page.route("**/site/bundle.json", (route) => route.fulfill({ status: 500, body: "down" }));
  await page.goto("/site/index.html");
  await expect(page.getByRole("alert")).toContainText("HTTP 500");
  await widget.checkAccessibility("failure");
  await widget.screenshot("failure");
  await page.unroute("**/site/bundle.json");
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(widget.cards()).toHaveCount(1);
});

test("a bundle from another version asks for a rebuild", async ({ widget, page }) => {
  await page.route("**/site/bundle.json", (route) => route.fulfill({ json: { schema_version: 99, tags: [], articles: [] } }));
  await page.goto("/site/index.html");
  await expect(page.getByRole("alert")).toContainText("rebuild the bundle");
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
});
