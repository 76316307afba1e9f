// The simulator's HTML run report renders its charts in a real browser, offline (file://).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { openBrowser, screenshot } from "./browser.mjs";

const browser = await openBrowser();
after(() => browser.close());

test("the run report shows the Gantt chart, status shares, queue lengths and KPIs", async () => {
  const page = await browser.newPage({ viewport: { width: 1250, height: 900 } });
  const requests = [];
  page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
  await page.goto(pathToFileURL(process.env.REPORT_FILE).href);

  const devices = Number(process.env.DEVICES);
  assert.equal(await page.locator("#gantt g[data-device]").count(), devices);
  const statuses = await page.locator("#gantt rect").evaluateAll((rects) => [...new Set(rects.map((r) => r.dataset.status))]);
  assert.ok(statuses.includes("Processing") && statuses.includes("Idle"), `statuses drawn: ${statuses}`);
  assert.ok(await page.locator("#shares rect").count() >= devices);
  assert.equal(await page.locator("#queues polyline").count(), devices);
  assert.ok((await page.locator("#kpis tr").count()) > 8);
  const box = await page.locator("#gantt").boundingBox();
  assert.ok(box.width > 900 && box.height > devices * 20, `the Gantt chart is drawn at ${box.width}×${box.height}`);
  assert.deepEqual(requests, [], "the report fetches nothing");
  await screenshot(page, "run-report");
});
