// Every fault ends in a visible, accessible error state with a Retry, and the host page keeps working.
import { test, expect, type Widget } from "./widget";
import type { Page, Route } from "@playwright/test";

const TITLE = "Diplomatic Breakthrough Enables Foreigners to Exit Gaza Amid Conflict";

async function expectFailure(widget: Widget, page: Page, text: string | RegExp, state: string) {
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(text);
  await expect(alert.getByRole("button", { name: "Retry" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Tidings" }), "the host page is intact").toBeVisible();
  await widget.checkAccessibility(state);
  await widget.screenshot(state);
}

async function failBundle(page: Page, handler: (route: Route) => Promise<void> | void) {
  await page.route("**/site/bundle.json", handler);
  await page.goto("/site/index.html");
}

test("HTTP 404 says so", async ({ widget, page }) => {
  widget.allow(/404|bundle\.json/);
  await failBundle(page, (r) => r.fulfill({ status: 404, body: "" }));
  await expectFailure(widget, page, "HTTP 404", "http-404");
});

test("the network gone says so, and Retry recovers", async ({ widget, page }) => {
  widget.allow(/bundle\.json|ERR_INTERNET_DISCONNECTED/);
  await failBundle(page, (r) => r.abort("internetdisconnected"));
  await expectFailure(widget, page, "could not be reached", "offline");
  await page.unroute("**/site/bundle.json");
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
});

test("a server that never answers times out visibly", async ({ widget, page }) => {
  test.setTimeout(60_000);
  widget.allow(/bundle\.json/);
  await failBundle(page, () => {}); // never fulfilled
  await expect(page.locator(".tidings-placeholder").first()).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("did not answer within 15 seconds", { timeout: 25_000 });
  await expectFailure(widget, page, "did not answer", "timeout");
});

test("a truncated bundle is reported as unreadable", async ({ widget, page }) => {
  await failBundle(page, (r) => r.fulfill({ contentType: "application/json", body: '{"schema_version":3,"tags":{"top":[{"value":"a","cou' }));
  await expectFailure(widget, page, /could not be read \(not JSON: .*JSON/, "truncated");
});

test("valid JSON of the wrong shape is reported as unreadable", async ({ widget, page }) => {
  await failBundle(page, (r) => r.fulfill({ json: { schema_version: 3, total: 0, articles: "none" } }));
  await expectFailure(widget, page, /could not be read \(`articles` should be a list\)/, "wrong-shape");
});

test("a schema version from the future asks for a rebuild", async ({ widget, page }) => {
  await failBundle(page, (r) => r.fulfill({ json: { schema_version: 4, anything: ["new"] } }));
  await expectFailure(widget, page, "rebuild the bundle", "future-version");
});

test("a bundle far larger than expected is refused", async ({ widget, page }) => {
  const huge = '{"schema_version":3,"total":0,"articles":[],"pad":"' + "x".repeat(65 * 1024 * 1024) + '"}';
  await failBundle(page, (r) => r.fulfill({ contentType: "application/json", body: huge }));
  await expectFailure(widget, page, "too large to read", "too-large");
});

test("cards that cannot be loaded say so under the first view, and Retry loads them", async ({ widget, page }) => {
  widget.allow(/404|cards\//);
  await page.route("**/corpus/cards/*.json", (r) => r.fulfill({ status: 404, body: "" }));
  await page.goto("/corpus/index.html");
  await expect(widget.count(), "the first view shows").toHaveText("Showing 12 of 2083 stories");
  await page.getByRole("button", { name: "Show more" }).click();
  await page.getByRole("button", { name: "Show more" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("HTTP 404");
  await expect(widget.cards(), "the cards shown stay").toHaveCount(24);
  await widget.checkAccessibility("shard-missing");
  await widget.screenshot("shard-missing");
  await page.unroute("**/corpus/cards/*.json");
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(widget.cards(), "cards from the shards").toHaveCount(36);
});

test("a malformed card in a shard is named, and the first view stays", async ({ widget, page }) => {
  await page.route("**/corpus/cards/*.json", (r) => r.fulfill({ json: { schema_version: 3, articles: [{ id: 7 }] } }));
  await page.goto("/corpus/index.html");
  await expect(widget.count()).toHaveText("Showing 12 of 2083 stories");
  await page.getByRole("button", { name: "Show more" }).click();
  await page.getByRole("button", { name: "Show more" }).click();
  await expect(page.getByRole("alert")).toContainText("could not be read (`articles[0].id` should be text)");
  await expect(widget.cards()).toHaveCount(24);
});

test("a missing article body fails only that article", async ({ widget, page }) => {
  widget.allow(/404|articles\//);
  await page.route("**/site/articles/*.json", (r) => r.fulfill({ status: 404, body: "" }));
  await widget.open("site");
  await page.getByRole("button", { name: TITLE }).click();
  const article = page.getByRole("article", { name: TITLE });
  await expect(article.getByRole("alert")).toContainText("HTTP 404");
  await expect(article.getByRole("link", { name: "CNN" }), "the card's own data still shows").toBeVisible();
  await widget.checkAccessibility("body-missing");
  await page.unroute("**/site/articles/*.json");
  await article.getByRole("button", { name: "Retry" }).click();
  await expect(article).toContainText("The departure of approximately 300 foreign citizens");
  await page.getByRole("button", { name: "← Back to stories" }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
});

test("a panic ends in a visible error, not a silent dead widget", async ({ widget, page }) => {
  widget.allow(/unreachable|panic raised on purpose|stopped working earlier/);
  await widget.open("site");
  const thrown = await page.evaluate(async () => {
    const glue = document.querySelector<HTMLLinkElement>('link[rel="modulepreload"]')!.href;
    const module = await import(glue); // the instance the page started
    const events: unknown[] = [];
    document.addEventListener("tidings:error", (e) => events.push((e as CustomEvent).detail));
    const attempt = (call: () => void) => {
      try {
        call();
        return "returned";
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    const first = attempt(() => module.panicForTest());
    const again = attempt(() => module.panicForTest()); // an ended instance is not entered again
    return { first, again, events };
  });
  expect(thrown.first, "the panic is a trap out of the wasm").toMatch(/^RuntimeError/);
  expect(thrown.again).toMatch(/stopped working earlier/);
  expect(thrown.events, "one fatal error event for the page's widget").toEqual([
    { message: expect.any(String), fatal: true },
  ]);
  await expect(page.getByRole("alert")).toHaveText("The news widget stopped working.");
  await expect(page.getByRole("heading", { level: 1, name: "Tidings" }), "the host page is intact").toBeVisible();
});
