// The ingestion service's live lab view in a real browser: the devices laid out as the flow, a device's colour
// changing when its twin changes in ADT, the run's KPIs and the recent events.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, screenshot } from "./browser.mjs";

const base = process.env.INGESTION_URL;
const runId = process.env.RUN_ID;
const browser = await openBrowser();
after(() => browser.close());

async function post(batch) {
  const response = await fetch(`${base}/api/telemetry`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Intake-Key": process.env.INTAKE_KEY },
    body: JSON.stringify(batch),
  });
  assert.equal(response.status, 202, await response.text());
}

const update = (twinId, sequence, minute, properties) =>
  ({ twinId, sequence, sourceTime: new Date(Date.parse("2026-01-05T07:00:00Z") + minute * 60000).toISOString(), properties, createdAt: new Date().toISOString() });

test("the live view lays out the lab, recolours a device when ADT has its change, and shows KPIs and events", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/live/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  assert.equal(await page.locator(".device").count(), Number(process.env.DEVICES));

  const separator = page.locator('.device[data-device="separator-01"]');
  const before = await separator.evaluate((e) => getComputedStyle(e).backgroundColor);
  await post({
    runId,
    updates: [
      update("separator-01", 1, 30, { status: "Blocked", inUse: 1, queueLength: 5 }),
      update(runId, 1, 30, { status: "Running", simulatedMinutes: 30, poolsReleased: 2, bottleneck: "separator-01" }),
    ],
    events: [{ eventId: `${runId}:separator-01:1`, twinId: "separator-01", sourceTime: "2026-01-05T07:30:00Z", type: "Failed", detail: "failure 1" }],
  });

  await page.waitForSelector('.device[data-device="separator-01"][data-status="Blocked"]', { timeout: 10000 });
  const after = await separator.evaluate((e) => getComputedStyle(e).backgroundColor);
  assert.notEqual(after, before);
  assert.equal(after, "rgb(253, 240, 216)"); // the Blocked colour
  assert.match(await separator.innerText(), /queue 5/);
  await page.waitForSelector('#kpis tr[data-kpi="poolsReleased"]', { timeout: 10000 });
  assert.match(await page.locator("#kpis").innerText(), /Pools released\s+2/);
  await page.waitForSelector('#events li[data-type="Failed"]', { timeout: 10000 });
  await page.waitForFunction(() => /ADT: \d+ s ago/.test(document.querySelector('.device[data-device="separator-01"] .fresh').textContent));

  assert.deepEqual(errors, []);
  await screenshot(page, "live-lab-view");
});
