// The MockAdt explorer in a real browser: it loads the graph, runs a query, shows a twin and its history, and
// follows live changes; devices coloured by their status (the live view's colours) and following a PATCH of it, the
// model shown by shape with a legend, and a pool's twin with its relationships in the graph.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, screenshot } from "./browser.mjs";

const base = process.env.MOCKADT_URL;
const browser = await openBrowser();
after(() => browser.close());

async function send(method, path, body, contentType = "application/json") {
  const { access_token } = await (await fetch(`${base}/mockadt/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).json();
  const response = await fetch(`${base}${path}?api-version=2023-10-31`, {
    method,
    headers: { Authorization: `Bearer ${access_token}`, "Content-Type": contentType },
    body: JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

async function patch(twin, operations) {
  const response = await send("PATCH", `/digitaltwins/${twin}`, operations, "application/json-patch+json");
  assert.equal(response.status, 204);
}

const colours = { Idle: "rgb(154, 163, 175)", Processing: "rgb(46, 158, 91)", Blocked: "rgb(240, 160, 32)", Failed: "rgb(212, 60, 60)" };
const fill = (page, twin) => page.locator(`#graph .node[data-twin="${twin}"] .mark`).evaluate((m) => getComputedStyle(m).fill);

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

  // Colour by status, as the live view; shape by model, each model in the legend.
  assert.equal(await fill(page, "centrifuge-a"), colours.Processing);
  assert.equal(await fill(page, "centrifuge-b"), colours.Idle);
  assert.equal(await fill(page, "separator-a"), colours.Blocked);
  assert.equal(await fill(page, "lab"), "rgb(255, 255, 255)");
  const shape = (twin) => page.locator(`#graph .node[data-twin="${twin}"]`).getAttribute("data-shape");
  assert.equal(await shape("centrifuge-a"), await shape("centrifuge-b"));
  assert.notEqual(await shape("centrifuge-a"), await shape("separator-a"));
  assert.notEqual(await shape("centrifuge-a"), await shape("lab"));
  assert.equal(await page.locator("#graph-legend [data-model]").count(), 3);
  assert.equal(await page.locator("#graph-legend [data-status]").count(), 4);

  await page.locator('#graph .node[data-twin="centrifuge-a"] .mark').click();
  await page.waitForSelector("#twin-properties");
  assert.match(await page.locator("#twin").innerText(), /queueLength/);

  await patch("centrifuge-a", [{ op: "replace", path: "/queueLength", value: 9 }]);
  await page.waitForSelector('#feed li[data-type="Microsoft.DigitalTwins.Twin.Update"]', { timeout: 10000 });
  assert.match(await page.locator("#feed").innerText(), /centrifuge-a.*queueLength = 9/);

  await page.locator("#twin-properties a", { hasText: "queueLength" }).click();
  await page.waitForSelector("#history-line");
  assert.match(await page.locator("#history-title").innerText(), /2 changes/);

  // A PATCH of a device's status recolours it.
  await patch("centrifuge-b", [{ op: "replace", path: "/status", value: "Failed" }]);
  await page.waitForSelector('#graph .node[data-twin="centrifuge-b"][data-status="Failed"]', { timeout: 10000 });
  assert.equal(await fill(page, "centrifuge-b"), colours.Failed);

  // A pool (a ProcessFlow twin) in the graph, named within its lab as the simulator names it, with its relationships
  // to the device that holds it and to the lab.
  const pool = "lab.pool-P000001";
  await send("PUT", `/digitaltwins/${pool}`, {
    $metadata: { $model: "dtmi:platelettwins:ProcessFlow;2" }, poolId: "P000001", labId: "lab", bloodGroup: "O", stage: "SoftSpin",
  });
  await send("PUT", `/digitaltwins/${pool}/relationships/${pool}-locatedAt`, { $relationshipName: "locatedAt", $targetId: "lab" });
  await send("PUT", `/digitaltwins/${pool}/relationships/${pool}-processedBy`, { $relationshipName: "processedBy", $targetId: "centrifuge-a" });
  await page.waitForSelector(`#graph .edge[data-source="${pool}"][data-name="processedBy"][data-target="centrifuge-a"]`, { timeout: 10000 });
  await page.waitForSelector(`#graph .edge[data-source="${pool}"][data-name="locatedAt"][data-target="lab"]`, { timeout: 10000 });
  assert.equal(await page.locator("#graph .node").count(), Number(process.env.TWINS) + 1);
  assert.equal(await fill(page, pool), "rgb(255, 255, 255)");
  assert.equal(await page.locator('#graph-legend [data-model="dtmi:platelettwins:ProcessFlow;2"]').count(), 1);
  const poolShape = await shape(pool);
  for (const twin of ["lab", "centrifuge-a", "separator-a"]) assert.notEqual(await shape(twin), poolShape);

  assert.deepEqual(errors, []);
  await screenshot(page, "mockadt-explorer");
});
