import { chromium } from "playwright";
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const p = await b.newPage();
await p.goto("http://127.0.0.1:4173/news-site/index.html");
await p.locator("#sidebar").scrollIntoViewIfNeeded();
await p.waitForTimeout(3000);
console.log(await p.evaluate(() => [...document.querySelector("#sidebar").shadowRoot.querySelectorAll("time")].map((t) => t.getAttribute("datetime") + " -> " + t.textContent).join("\n")));
await b.close();
