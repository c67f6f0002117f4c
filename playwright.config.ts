import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium (Playwright's own browser download is not used).
const launchOptions = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: { baseURL: "http://127.0.0.1:4173", screenshot: "on", trace: "off" },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions } },
    // The 100,000-story test is about data, not the device: it runs once.
    { name: "pixel7", use: { ...devices["Pixel 7"], launchOptions }, testIgnore: /scale\.spec\.ts/ },
  ],
  // nginx over the release build (`make e2e-site` writes target/e2e), precompressed files and cache headers as
  // deployed. Port 4174 is the same folder as another origin, for cross-origin embedding.
  webServer: {
    command: "serve/nginx.sh target/e2e 4173 4174",
    url: "http://127.0.0.1:4173/site/index.html",
    reuseExistingServer: false,
  },
});
