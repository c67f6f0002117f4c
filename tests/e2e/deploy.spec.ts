// The built folder as deployed: behind nginx, precompressed files, cache headers a CDN can keep, and the widget
// embedded from another origin.
import { test, expect } from "./widget";
import type { Response } from "@playwright/test";
import { spawn } from "node:child_process";
import { once } from "node:events";

test("files arrive precompressed, hashed names cached for good and stable names revalidated", async ({ widget, page }) => {
  const responses: Response[] = [];
  page.on("response", (r) => responses.push(r));
  await page.goto("/news-site/index.html");
  const grid = page.locator("#grid");
  await grid.scrollIntoViewIfNeeded();
  await expect(grid.getByRole("status")).toHaveText("Showing 12 of 2083 stories");
  await grid.getByRole("article").first().getByRole("button").first().click();
  await expect(grid.locator(".tidings-body > p:not(.tidings-loading)").first()).toBeVisible();

  const headers = async (pattern: RegExp) => {
    const response = responses.find((r) => pattern.test(new URL(r.url()).pathname));
    expect(response, `a response for ${pattern}`).toBeDefined();
    return response!.allHeaders();
  };
  for (const hashed of [/_bg\.wasm$/, /tidings-embed-[0-9a-f]+\.js$/, /style-[0-9a-f]+\.css$/, /\/articles\/[0-9a-f]{16}\.json$/]) {
    const h = await headers(hashed);
    expect(h["content-encoding"], `${hashed}`).toBe("br");
    expect(h["cache-control"], `${hashed}`).toBe("public, max-age=31536000, immutable");
  }
  for (const stable of [/\/tidings\.js$/, /\/corpus\/bundle\.json$/]) {
    const h = await headers(stable);
    expect(h["content-encoding"], `${stable}`).toBe("br");
    expect(h["cache-control"], `${stable}`).toBe("no-cache");
  }
});

test("a page on another origin embeds the widget from the Tidings origin (CORS)", async ({ widget, page }) => {
  await page.goto("http://127.0.0.1:4174/elsewhere/index.html");
  const news = page.locator("#news");
  await expect(news.getByRole("status")).toHaveText("Showing 12 of 2083 stories");
  const first = news.getByRole("article").first();
  const title = (await first.getByRole("heading").textContent())!;
  await first.getByRole("button").first().click();
  await expect(news.getByRole("heading", { name: title })).toBeFocused();
  await expect(news.locator(".tidings-body > p:not(.tidings-loading)").first(), "the body chunk is read across origins too").toBeVisible();
  expect(new URL(page.url()).origin).toBe("http://127.0.0.1:4174");
});

test("stopping the static server stops nginx: the port is free for the next run", async () => {
  const port = 4179;
  const url = `http://127.0.0.1:${port}/site/index.html`;
  const serve = async () => {
    const server = spawn("serve/nginx.sh", ["target/e2e", String(port)], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      const status = await fetch(url).then((r) => r.status, () => 0);
      if (status) return { server, status };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { server, status: 0 };
  };
  for (let run = 0; run < 2; run++) {
    const { server, status } = await serve();
    expect(status, `run ${run + 1} serves the folder`).toBe(200);
    server.kill();
    await once(server, "exit");
    await expect(fetch(url), `run ${run + 1} left nothing listening`).rejects.toThrow();
  }
});
