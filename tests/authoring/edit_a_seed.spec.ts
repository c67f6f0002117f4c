import { test, expect } from "@playwright/test";
import { writeFileSync } from "node:fs";

const seed = (title: string, tags = "[live]") =>
  `---\nsources: ["https://www.npr.org/2024/05/06/x"]\ntags: ${tags}\n---\n# ${title}\n\nWritten while serving.\n`;

test("editing a seed rebuilds the bundle and reloads the page; a broken seed keeps the last good one", async ({ page }) => {
  await page.goto("/index.html");
  await expect(page.locator(".tidings-cards article")).toHaveCount(1);

  writeFileSync("authoring-seeds/live.md", seed("Written while the page was open"));
  // No reload by the test: trunk's live reload brings the new bundle.
  await expect(page.getByRole("heading", { name: "Written while the page was open" })).toBeVisible({ timeout: 180_000 });

  writeFileSync("authoring-seeds/live.md", seed("Broken", "[live"));
  await page.waitForTimeout(15_000);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Written while the page was open" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Broken" })).toHaveCount(0);
});
