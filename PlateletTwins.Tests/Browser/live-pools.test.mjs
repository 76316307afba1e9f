// The live view's pools in a real browser, open while the simulator streams a real run of the reference lab through
// the intake into MockAdt: once the run is complete, each device's count equal to the pools ADT's processedBy
// relationships put in it (pools that came on the stream, after the page opened), a device's list with each pool's
// id, group, stage and time left (expiry less the page's simulated time), and the route of the pool chosen drawn
// over the feeds it took.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, screenshot } from "./browser.mjs";

const base = process.env.INGESTION_URL;
const adt = process.env.MOCKADT_URL;
const browser = await openBrowser();
after(() => browser.close());

async function query(sql) {
  const { access_token } = await (await fetch(`${adt}/mockadt/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).json();
  const rows = [];
  let body = { query: sql };
  for (;;) {
    const response = await fetch(`${adt}/query?api-version=2023-10-31`, {
      method: "POST", headers: { Authorization: `Bearer ${access_token}`, "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const text = await response.text();
    assert.equal(response.status, 200, text);
    const page = JSON.parse(text);
    rows.push(...page.value);
    if (!page.continuationToken) return rows;
    body = { query: sql, continuationToken: page.continuationToken };
  }
}

// The page's own rule, written again: whole days and hours past a day, hours and minutes past an hour.
function timeLeft(expiry, now) {
  const minutes = Math.round((Date.parse(expiry) - now) / 60000);
  const text = (m) => (m >= 1440 ? `${Math.floor(m / 1440)} d ${Math.floor((m % 1440) / 60)} h` : m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`);
  return minutes < 0 ? `expired ${text(-minutes)} ago` : text(minutes);
}

test("the live view follows the pools of a run into their devices as ADT has them, their time left, and a chosen pool's route", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/live/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  const runId = process.env.RUN_ID;
  await page.waitForFunction((id) => document.getElementById("run").textContent.includes(id), runId, { timeout: 60000 });
  const poolsAtOpen = Number((await page.locator("#pool-total").innerText()).split(" ")[0]);
  // The simulator marks its run Completed once ADT acknowledged all of it.
  await page.waitForFunction(() => document.querySelector('#kpis tr[data-kpi="status"] td:last-child')?.textContent === "Completed", null, { timeout: 150000 });

  // ADT's own answer: the pools and the device each is processed by.
  const pools = new Map((await query("SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('dtmi:platelettwins:ProcessFlow;2')")).map((t) => [t.$dtId, t]));
  const held = (await query("SELECT * FROM RELATIONSHIPS")).filter((r) => r.$relationshipName === "processedBy" && pools.has(r.$sourceId));
  assert.ok(pools.size > 0, "the run left no pool twin in ADT");
  assert.ok(held.length > 0, "no pool is processed by a device in ADT");
  assert.ok(pools.size > poolsAtOpen, `the page had ${poolsAtOpen} of the ${pools.size} pools when it opened: none came on the stream`);
  const expected = {};
  for (const r of held) expected[r.$targetId] = (expected[r.$targetId] ?? 0) + 1;
  await page.waitForFunction((counts) => [...document.querySelectorAll(".device")].every((d) => Number(d.dataset.pools) === (counts[d.dataset.device] ?? 0)), expected, { timeout: 15000 })
    .catch(async () => assert.fail(`counts on the page ${JSON.stringify(await page.locator(".device").evaluateAll((ds) => Object.fromEntries(ds.map((d) => [d.dataset.device, d.dataset.pools]))))}, in ADT ${JSON.stringify(expected)}`));
  assert.equal(await page.locator("#pool-total").innerText(), `${pools.size} in ADT`);

  // The device holding most pools: its list, as ADT has each of them.
  const [device, count] = Object.entries(expected).sort((a, b) => b[1] - a[1])[0];
  await page.locator(`.device[data-device="${device}"]`).click();
  await page.waitForSelector("#pool-table");
  const rows = await page.locator("#pool-table tr[data-pool]").evaluateAll((trs) => trs.map((tr) => ({ twinId: tr.dataset.pool, cells: [...tr.cells].map((c) => c.textContent) })));
  assert.equal(rows.length, count);
  assert.match(await page.locator(`.device[data-device="${device}"] .pools`).innerText(), new RegExp(`^${count} pools?$`));
  const now = Date.parse(await page.locator("#clock").getAttribute("data-simulated"));
  assert.ok(!Number.isNaN(now), "the page shows no simulated time");
  for (const { twinId, cells } of rows) {
    const twin = pools.get(twinId);
    assert.ok(held.some((r) => r.$sourceId === twinId && r.$targetId === device), `${twinId} is not in ${device} in ADT`);
    assert.deepEqual(cells, [twin.poolId, twin.bloodGroup, twin.stage, timeLeft(twin.expiryTime, now)]);
  }

  // The pool of that device with the longest route, chosen: its steps listed and drawn.
  const chosen = rows.map((r) => pools.get(r.twinId)).sort((a, b) => (b.route?.length ?? 0) - (a.route?.length ?? 0))[0];
  assert.ok(chosen.route.length >= 2, `${chosen.$dtId} has a route of ${chosen.route.length}`);
  await page.locator(`#pool-table tr[data-pool="${chosen.$dtId}"]`).click();
  await page.waitForSelector("#route-steps");
  assert.deepEqual(await page.locator("#route-steps li").evaluateAll((lis) => lis.map((li) => li.dataset.device)), chosen.route.map((s) => s.deviceId));
  assert.equal(await page.locator(".route-step").count(), chosen.route.length);
  for (let i = 1; i < chosen.route.length; i++) {
    const feed = `${chosen.route[i - 1].deviceId}>${chosen.route[i].deviceId}`;
    const drawn = await page.locator("#edges .edge.on-route").evaluateAll((es, f) => es.filter((e) => e.dataset.feeds.split(" ").includes(f)).length, feed);
    assert.ok(drawn > 0, `the hand-off ${feed} is not drawn on the route`);
  }

  assert.deepEqual(errors, []);
  await screenshot(page, "live-pools");
});
