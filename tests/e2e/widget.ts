// The page object: how a reader (or a screen reader) meets the widget, and the checks every test shares.
import { expect, type Page, test as base } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export class Widget {
  readonly problems: string[] = [];

  constructor(readonly page: Page) {
    page.on("console", (m) => m.type() === "error" && this.problems.push(`console: ${m.text()}`));
    page.on("pageerror", (e) => this.problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => this.problems.push(`request failed: ${r.url()}`));
    page.on("response", (r) => r.status() >= 400 && this.problems.push(`HTTP ${r.status()}: ${r.url()}`));
  }

  private readonly allowed: RegExp[] = [];

  /** A failure the test causes on purpose: problems matching `pattern` do not fail it. */
  allow(pattern: RegExp) {
    this.allowed.push(pattern);
  }

  unexpectedProblems() {
    return this.problems.filter((p) => !this.allowed.some((a) => a.test(p)));
  }

  async open(site: "site" | "corpus" | "attack" | "hostile" | "tt") {
    await this.page.goto(`/${site}/index.html`);
    await expect(this.cards().first()).toBeVisible();
    await this.loaded();
  }

  /** Waits until every card of the bundle has arrived (the list stops being `aria-busy`). */
  async loaded() {
    await expect(this.page.locator('.tidings-cards[aria-busy="true"]')).toHaveCount(0);
  }

  cards() {
    return this.page.locator(".tidings-cards article");
  }

  card(title: string) {
    return this.page.getByRole("article", { name: title });
  }

  tag(name: string) {
    return this.page.getByRole("navigation", { name: "Filter stories by tag" }).getByRole("button", { name: new RegExp(`^${name}\\b`) });
  }

  count() {
    return this.page.getByRole("status");
  }

  async checkAccessibility(state: string) {
    const results = await new AxeBuilder({ page: this.page }).include(".tidings").analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`), `axe in state "${state}"`).toEqual([]);
  }

  async screenshot(state: string) {
    await this.page.screenshot({ path: test.info().outputPath(`${state}.png`), fullPage: true });
  }
}

export const test = base.extend<{ widget: Widget }>({
  widget: async ({ page }, use) => {
    const widget = new Widget(page);
    await use(widget);
    expect(widget.unexpectedProblems(), "no console error or failed request").toEqual([]);
  },
});

export { expect };
