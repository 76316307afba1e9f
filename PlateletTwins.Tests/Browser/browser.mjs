// Debian's Chromium, headless, driven by playwright-core; screenshots go where the .NET test says.
import { chromium } from "playwright-core";
import { join } from "node:path";
import { mkdirSync } from "node:fs";

export async function openBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
}

export async function screenshot(page, name) {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
