// The MockAdt explorer in a real browser: it loads the graph, runs a query, shows a twin and its history, and
// follows live changes.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, screenshot } from "./browser.mjs";

const base = process.env.MOCKADT_URL;
const browser = await openBrowser();
after(() => browser.close());

async function patch(twin, operations) {
  const { access_token } = await (await fetch(`${base}/mockadt/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).json();
  const response = await fetch(`${base}/digitaltwins/${twin}?api-version=2023-10-31`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${access_token}`, "Content-Type": "application/json-patch+json" },
    body: JSON.stringify(operations),
  });
  assert.equal(response.status, 204);
}

test("the explorer shows the graph, runs a query, shows a twin with its history and follows changes", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/mockadt/explorer/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });

  assert.equal(await page.locator("#graph .node").count(), Number(process.env.TWINS));
  assert.ok((await page.locator("#models li").count()) >= 10);

  await page.fill("#query", "SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:platelettwins:devices:Centrifuge;1')");
  await page.click("#query-form button");
  await page.waitForSelector("#results-table tr:nth-child(3)");
  assert.equal(await page.locator("#results-table tr").count(), 3); // header and two centrifuges

  await page.locator('#graph .node[data-twin="centrifuge-a"] circle').click();
  await page.waitForSelector("#twin-properties");
  assert.match(await page.locator("#twin").innerText(), /queueLength/);

  await patch("centrifuge-a", [{ op: "replace", path: "/queueLength", value: 9 }]);
  await page.waitForSelector('#feed li[data-type="Microsoft.DigitalTwins.Twin.Update"]', { timeout: 10000 });
  assert.match(await page.locator("#feed").innerText(), /centrifuge-a.*queueLength = 9/);

  await page.locator("#twin-properties a", { hasText: "queueLength" }).click();
  await page.waitForSelector("#history-line");
  assert.match(await page.locator("#history-title").innerText(), /2 changes/);

  assert.deepEqual(errors, []);
  await screenshot(page, "mockadt-explorer");
});
