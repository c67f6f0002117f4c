import { defineConfig, devices } from "@playwright/test";

// `trunk serve` as an author runs it, over a seeds folder the test edits (`make test-authoring` prepares it).
export default defineConfig({
  testDir: "tests/authoring",
  outputDir: "test-results/authoring",
  workers: 1,
  timeout: 240_000,
  reporter: [["list"]],
  use: {
    baseURL: "http://127.0.0.1:8081",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    command:
      "TIDINGS_SEEDS=authoring-seeds trunk serve --address 127.0.0.1 --port 8081 --dist target/authoring/dist " +
      "--watch authoring-seeds --watch src --watch index.html --watch style.css",
    url: "http://127.0.0.1:8081/bundle.json",
    timeout: 300_000,
    reuseExistingServer: false,
  },
});
