// Hostile documents and a hostile bundle render as text: no script runs, no dangerous URL reaches the DOM.
import { test, expect, type Widget } from "./widget";
import type { Page } from "@playwright/test";

/** Records any script execution the payloads attempt (they all call alert, confirm, prompt or print). */
async function armSentinel(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __executions: string[] } & Record<string, unknown>;
    w.__executions = [];
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      w[name] = (...args: unknown[]) => void w.__executions.push(`${name}(${args.join(",")})`);
    }
  });
  // The one legitimate external image in the corpus: answered locally (a 1x1 GIF), as there is no internet here.
  const gif = Buffer.from("R0lGODlhAQABAAAAACwAAAAAAQABAAA=", "base64");
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => r.fulfill({ contentType: "image/gif", body: gif }));
  const dialogs: string[] = [];
  page.on("dialog", (d) => void (dialogs.push(d.message()), d.dismiss()));
  return async () => [...(await page.evaluate(() => (window as unknown as { __executions: string[] }).__executions)), ...dialogs];
}

async function expectNoDangerousUrls(page: Page) {
  const urls = await page.locator(".tidings a[href], .tidings img[src]").evaluateAll((els) =>
    els.map((e) => e.getAttribute("href") ?? e.getAttribute("src") ?? ""),
  );
  for (const url of urls) expect(url, "only web and mail URLs").toMatch(/^(https?:|mailto:)/);
  expect(await page.locator(".tidings script, .tidings iframe, .tidings svg, .tidings math, .tidings object, .tidings embed").count()).toBe(0);
  expect(await page.locator(".tidings [onerror], .tidings [onload], .tidings [onmouseover]").count()).toBe(0);
}

async function openEveryArticle(widget: Widget, page: Page) {
  const titles = await page.locator(".tidings-open").allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  for (const title of titles) {
    await page.getByRole("button", { name: title, exact: true }).click();
    await expect(page.locator(".tidings-article .tidings-body")).not.toContainText("Loading the story");
    await expectNoDangerousUrls(page);
    await page.getByRole("button", { name: "← Back to stories" }).click();
  }
}

test("hostile seeds compile to text: no script runs in any article", async ({ widget, page }) => {
  const executions = await armSentinel(page);
  await widget.open("attack");
  await expectNoDangerousUrls(page);
  await expect(page.getByRole("button", { name: "alert('title') Title with a script" })).toBeVisible();
  await expect(page.locator(".tidings-filters")).toContainText("<script>alert('tag')</script>");
  await openEveryArticle(widget, page);
  await page.getByRole("button", { name: "Text that looks like markup" }).click();
  await expect(page.locator(".tidings-body code").first()).toHaveText("<script>alert('code')</script>");
  await expect(page.locator(".tidings-body td").nth(1), "the table's second column is centred, as the seed says").toHaveCSS("text-align", "center");
  await expect(page.locator(".tidings-body td").first()).toHaveCSS("text-align", "start");
  await widget.screenshot("attack-text");
  expect(await executions()).toEqual([]);
  // The sentinel is live: the same kind of payload, injected by the page itself outside the widget, is caught.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", "<img src=x onerror=\"alert('control')\">"));
  await expect.poll(executions).toEqual(["alert(control)"]);
  widget.allow(/127\.0\.0\.1:4173\/attack\/x|404/);
});

test("ten thousand levels of nesting render, flattened, with their text", async ({ widget, page }) => {
  await widget.open("attack");
  await page.getByRole("button", { name: "Ten thousand levels deep" }).click();
  const body = page.locator(".tidings-body");
  await expect(body).toContainText("deepest quote text");
  await expect(body).toContainText("deepest list item");
  await expect(body).toContainText("deep emphasis");
  const depth = await body.evaluate((b) => {
    let max = 0;
    for (const el of b.querySelectorAll("*")) {
      let d = 0;
      for (let e: Element | null = el; e && e !== b; e = e.parentElement) d++;
      max = Math.max(max, d);
    }
    return max;
  });
  expect(depth, "the DOM stays shallow").toBeLessThan(120);
});

test("a hand-crafted hostile bundle renders safely: the widget checks URLs itself", async ({ widget, page }) => {
  const executions = await armSentinel(page);
  await widget.open("hostile");
  const title = "<img src=x onerror=alert('title')> Hostile title";
  await expect(page.getByRole("button", { name: title })).toBeVisible();
  await expect(page.locator(".tidings-excerpt")).toHaveText("<script>alert('excerpt')</script> excerpt");
  await page.getByRole("button", { name: title }).click();
  const body = page.locator(".tidings-body");
  await expect(body).toContainText("<script>alert('text')</script> shown as text");
  await expect(body).toContainText("js link");
  await expect(body.getByRole("link")).toHaveCount(1); // only the https one
  await expect(page.locator(".tidings-sources").getByRole("link")).toHaveCount(1);
  await expectNoDangerousUrls(page);
  await widget.screenshot("hostile-bundle");
  expect(await executions()).toEqual([]);
});

test("nothing violates Trusted Types on a page that enforces them", async ({ widget, page }) => {
  const executions = await armSentinel(page);
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  await widget.open("tt");
  await openEveryArticle(widget, page);
  await page.locator(".tidings-filters .tidings-tag").nth(1).click();
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  expect(await executions()).toEqual([]);
  // Trusted Types are enforced on this page: a string assigned to innerHTML is refused and reported.
  const refused = await page.evaluate(() => {
    try {
      document.body.innerHTML = "<b>x</b>";
      return false;
    } catch {
      return true;
    }
  });
  expect(refused).toBe(true);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations.length)).toBe(1);
  widget.allow(/Trusted|TrustedHTML|require-trusted-types-for/);
});
