// The live view's flow in a real browser, for the reference lab as the simulator starts it and for a lab of other
// devices: left to right in bands that turn at their ends, no drawn feed crossing another or a device, every feed
// from its source to its target; at a desktop's and a laptop's width without scrolling for the reference lab. And what
// the page says: the run it follows, each device card by its own name and type, and the lab chooser once there are two labs.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { openBrowser, screenshot } from "./browser.mjs";
import { assertCleanFlow, drawnFlow } from "./flow-geometry.mjs";

const base = process.env.INGESTION_URL;
const browser = await openBrowser();
after(() => browser.close());

const snapshot = async () => (await fetch(`${base}/live/snapshot`)).json();

// What the page shows of a lab: the run it follows, and each device card's own name (its twin id less the lab's) and type.
async function shown(page) {
  return {
    run: await page.locator("#run").innerText(),
    cards: await page.locator(".device").evaluateAll((cards) => cards.map((c) => ({ id: c.dataset.device, name: c.querySelector("b").textContent, type: c.querySelector(".type").textContent }))),
  };
}

const cardsOf = (lab) => lab.devices.map((d) => ({ id: d.id, name: d.id.startsWith(`${lab.id}.`) ? d.id.slice(lab.id.length + 1) : d.id, type: d.type }));
const byId = (cards) => [...cards].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

async function start(runId, lab) {
  const response = await fetch(`${base}/api/runs`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Intake-Key": process.env.INTAKE_KEY },
    body: JSON.stringify({ runId, seed: 2, speed: "max", startTime: "2026-01-05T07:00:00Z", lab }),
  });
  assert.ok(response.ok, await response.text());
}

async function open(width) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/live/`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  return { page, errors };
}

for (const width of [1400, 1024]) {
  test(`the reference lab reads left to right, turning at the ends, with no feed across another, at ${width} px`, async () => {
    const { run } = await snapshot();
    assert.equal(run.runId, process.env.RUN_ID);
    assert.equal(run.lab.feeds.length, Number(process.env.FEEDS));
    const { page, errors } = await open(width);
    // The page says which run it follows and names each device by its own name, not its twin id; one lab, no chooser.
    const { run: runText, cards } = await shown(page);
    assert.match(runText, new RegExp(`^run ${run.runId} \\(seed \\d+, speed `));
    assert.deepEqual(byId(cards), byId(cardsOf(run.lab)));
    assert.ok(cards.some((c) => c.name === "separator-03" && c.id === "platelet-lab.separator-03"), JSON.stringify(cards));
    assert.equal(await page.locator("#lab-chooser").isHidden(), true);
    const flow = await drawnFlow(page);
    assertCleanFlow(flow, run.lab);
    assert.ok(flow.overflow <= 0, `the flow scrolls by ${flow.overflow} px`);
    // No feed runs back across the picture: each drawn line spans less than a device box's width.
    const boxWidth = flow.boxes["platelet-lab.separator-03"].w;
    for (const edge of flow.edges) {
      const xs = edge.points.map(([x]) => x);
      assert.ok(Math.max(...xs) - Math.min(...xs) < boxWidth, `${edge.from}→${edge.to} spans ${Math.max(...xs) - Math.min(...xs)} px`);
    }
    // The two hard-spin centrifuges in one column, the two separators in the next.
    const [c1, c2, s1, s2] = ["centrifuge-01", "centrifuge-02", "separator-01", "separator-02"].map((id) => flow.boxes[`platelet-lab.${id}`]);
    assert.equal(c1.x, c2.x);
    assert.equal(s1.x, s2.x);
    assert.ok(s1.x > c1.x);
    assert.deepEqual(errors, []);
    await screenshot(page, `live-layout-${width}`);
    await page.close();
  });
}

// A lab of other devices, started as a newer run of the same lab.
const otherLab = {
  id: "platelet-lab", name: "Another lab",
  devices: [
    ["spin-a", "Centrifuge", 6], ["spin-b", "Centrifuge", 6], ["spin-c", "Centrifuge", 6], ["press-a", "Separator", 1], ["press-b", "Separator", 1],
    ["connect", "SterileConnector", 1], ["pool", "PoolingStation", 4], ["seal", "TubeSealer", 1], ["light", "Illuminator", 2],
    ["shelf", "Agitator", 48], ["label", "LabelStation", 1],
  ].map(([id, type, capacity]) => ({ id, type, capacity })),
  feeds: [
    ["spin-a", "press-a"], ["spin-a", "press-b"], ["spin-b", "press-a"], ["spin-b", "press-b"], ["spin-c", "press-b"], ["press-a", "connect"],
    ["press-b", "connect"], ["connect", "pool"], ["pool", "seal"], ["pool", "light"], ["seal", "light"], ["light", "shelf"], ["shelf", "label"],
  ].map(([from, to]) => ({ from, to })),
};

test("a lab of other devices, with a feed that skips columns and a device feeding two, is laid out as cleanly", async () => {
  const { page, errors } = await open(1400);
  await start("run-other-lab", otherLab);
  await page.waitForSelector('.device[data-device="spin-c"]', { timeout: 15000 });
  await page.waitForFunction(() => document.getElementById("run").textContent.startsWith("run run-other-lab "), null, { timeout: 15000 });
  assert.deepEqual(byId((await shown(page)).cards), byId(cardsOf(otherLab)));
  assert.equal(await page.locator(".device").count(), otherLab.devices.length);
  const flow = await drawnFlow(page);
  assertCleanFlow(flow, otherLab);
  assert.ok(flow.bands >= 2, `${flow.bands} band(s) at 1400 px`);
  assert.deepEqual(errors, []);
  await screenshot(page, "live-layout-other-lab");
  await page.close();
});

test("with a second lab in the intake, the page follows the newer lab's run and the lab chooser shows either lab's devices", async () => {
  const { page, errors } = await open(1400);
  const inLab = (id) => `second-lab.${id}`;
  const secondLab = {
    id: "second-lab", name: "Second lab",
    devices: otherLab.devices.map((d) => ({ ...d, id: inLab(d.id) })),
    feeds: otherLab.feeds.map((f) => ({ from: inLab(f.from), to: inLab(f.to) })),
  };
  await start("run-second-lab", secondLab);
  await page.waitForFunction(() => document.getElementById("run").textContent.startsWith("run run-second-lab "), null, { timeout: 15000 });
  // Its devices by their own names, as the first lab's are, and the chooser now offering both labs, this one chosen.
  assert.deepEqual(byId((await shown(page)).cards), byId(cardsOf(secondLab)));
  assert.ok((await shown(page)).cards.every((c) => !c.name.startsWith("second-lab.")));
  assert.equal(await page.locator("#lab-chooser").isVisible(), true);
  assert.deepEqual((await page.locator("#lab option").evaluateAll((os) => os.map((o) => o.value))).sort(), ["platelet-lab", "second-lab"]);
  assert.equal(await page.locator("#lab").inputValue(), "second-lab");

  // Choosing the first lab shows its latest run's devices and puts the choice in the address.
  await page.selectOption("#lab", "platelet-lab");
  await page.waitForFunction(() => document.getElementById("run").textContent.startsWith("run run-other-lab "), null, { timeout: 15000 });
  assert.deepEqual(byId((await shown(page)).cards), byId(cardsOf(otherLab)));
  assert.equal(await page.locator("#lab").inputValue(), "platelet-lab");
  assert.match(page.url(), /[?&]lab=platelet-lab$/);
  assert.deepEqual(errors, []);
  await screenshot(page, "live-layout-two-labs");
  await page.close();
});
