// The live lab view: what ADT has, pushed from the ingestion service's acknowledged writes. Starts from a snapshot,
// follows /live/events, and takes the snapshot again whenever the stream reconnects.
"use strict";

const colours = { Idle: "#9aa3af", Processing: "#2e9e5b", Blocked: "#f0a020", Failed: "#d43c3c" };
const kpiNames = {
  status: "Status", speed: "Speed", poolsReleased: "Pools released", releasedPerDay: "Released per day",
  poolsStarted: "Pools started", poolsScrapped: "Pools scrapped", wbReceived: "Whole blood received",
  wbSeparated: "Whole blood separated", wbExpired: "Whole blood expired", bcProduced: "Buffy coats",
  wipPools: "Pools in process (mean)", bottleneck: "Bottleneck",
};
let run = null;
let twins = {};
let clockOffset = 0; // server time minus local time
const el = (id) => document.getElementById(id);

function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.map((c) => (typeof c === "object" ? c : document.createTextNode(String(c)))));
  return node;
}

// Columns by the flow: a device sits one column after the devices that feed it.
function columnsOf(lab) {
  const level = Object.fromEntries(lab.devices.map((d) => [d.id, 0]));
  for (let pass = 0; pass < lab.devices.length; pass++) {
    for (const { from, to } of lab.feeds) if (level[to] <= level[from] && level[from] + 1 < lab.devices.length) level[to] = level[from] + 1;
  }
  return level;
}

function drawLab() {
  const flow = el("flow");
  flow.querySelectorAll(".device").forEach((d) => d.remove());
  if (!run) return;
  const level = columnsOf(run.lab);
  // A long flow wraps into bands, as text wraps into lines.
  const perBand = Math.max(1, Math.floor((flow.clientWidth - 10) / 175));
  const rows = {};
  for (const device of run.lab.devices) rows[level[device.id]] = (rows[level[device.id]] ?? 0) + 1;
  const bandHeight = {};
  for (const [column, count] of Object.entries(rows)) {
    const band = Math.floor(column / perBand);
    bandHeight[band] = Math.max(bandHeight[band] ?? 0, count * 92 + 30);
  }
  const bandTop = (band) => Array.from({ length: band }, (_, b) => bandHeight[b] ?? 0).reduce((a, b) => a + b, 10);
  const taken = {};
  const position = {};
  for (const device of run.lab.devices) {
    const column = level[device.id];
    const row = (taken[column] = (taken[column] ?? -1) + 1);
    const band = Math.floor(column / perBand);
    position[device.id] = { band, x: 10 + (column % perBand) * 175, y: bandTop(band) + row * 92 };
  }
  const height = Math.max(...Object.values(position).map((p) => p.y)) + 110;
  flow.style.minHeight = `${height}px`;
  for (const device of run.lab.devices) {
    const card = h("div", { class: "device", id: `device-${device.id}`, "data-device": device.id, style: `left:${position[device.id].x}px;top:${position[device.id].y}px` },
      h("b", {}, device.id), h("span", { class: "type" }, device.type),
      h("div", { class: "figures" }, h("span", { class: "load" }), h("span", { class: "queue" })),
      h("div", { class: "fresh" }));
    flow.append(card);
    renderDevice(device.id);
  }
  const svg = el("edges");
  svg.innerHTML = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#a9b1bd"/></marker></defs>';
  for (const { from, to } of run.lab.feeds) {
    const a = position[from], b = position[to];
    if (!a || !b) continue;
    const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    // Along a band: side to side; into the next band: from the bottom of one to the top of the other.
    const sameBand = a.band === b.band;
    line.setAttribute("x1", sameBand ? a.x + 150 : a.x + 75); line.setAttribute("y1", sameBand ? a.y + 36 : a.y + 72);
    line.setAttribute("x2", sameBand ? b.x : b.x + 75); line.setAttribute("y2", sameBand ? b.y + 36 : b.y);
    svg.append(line);
  }
}

function renderDevice(id) {
  const card = document.getElementById(`device-${id}`);
  const state = twins[id];
  if (!card) return;
  const device = run.lab.devices.find((d) => d.id === id);
  const p = state?.properties ?? {};
  card.dataset.status = p.status ?? "Idle";
  card.querySelector(".load").textContent = `${p.inUse ?? 0}/${p.capacity ?? device.capacity} in use`;
  card.querySelector(".queue").textContent = `queue ${p.queueLength ?? 0}`;
  card.dataset.acknowledgedAt = state?.acknowledgedAt ?? "";
}

function renderRun() {
  el("run").textContent = run ? `run ${run.runId} (seed ${run.seed}, speed ${run.speed})` : "no run yet";
  const simulation = twins[run?.runId]?.properties ?? {};
  const rows = Object.entries(kpiNames).filter(([key]) => simulation[key] !== undefined)
    .map(([key, name]) => h("tr", { "data-kpi": key }, h("td", {}, name), h("td", {}, typeof simulation[key] === "number" ? Math.round(simulation[key] * 10) / 10 : simulation[key])));
  el("kpis").replaceChildren(...rows);
  if (run && simulation.simulatedMinutes !== undefined) {
    const at = new Date(Date.parse(run.startTime) + simulation.simulatedMinutes * 60000);
    el("clock").textContent = `simulated ${at.toISOString().slice(0, 16).replace("T", " ")} (${(simulation.simulatedMinutes / 60).toFixed(1)} h)`;
  }
}

function addEvent(event) {
  el("events").prepend(h("li", { "data-type": event.type }, h("b", {}, event.type), ` ${event.twinId}${event.detail ? `: ${event.detail}` : ""}`));
  while (el("events").children.length > 50) el("events").lastChild.remove();
}

// How fresh each twin is: time since ADT acknowledged its last write.
function tick() {
  const now = Date.now() + clockOffset;
  document.querySelectorAll(".device").forEach((card) => {
    const at = Date.parse(card.dataset.acknowledgedAt);
    card.querySelector(".fresh").textContent = Number.isNaN(at) ? "not written yet" : `ADT: ${Math.max(0, (now - at) / 1000).toFixed(0)} s ago`;
  });
}

async function loadSnapshot() {
  const snapshot = await (await fetch("/live/snapshot")).json();
  clockOffset = Date.parse(snapshot.serverTime) - Date.now();
  run = snapshot.run;
  twins = snapshot.twins;
  drawLab();
  renderRun();
  el("events").replaceChildren();
  snapshot.events.forEach(addEvent);
  document.body.dataset.ready = "true";
}

function follow() {
  const source = new EventSource("/live/events");
  source.addEventListener("run", async () => { await loadSnapshot(); });
  source.addEventListener("twin", (message) => {
    const change = JSON.parse(message.data);
    const state = (twins[change.twinId] ??= { properties: {} });
    Object.assign(state.properties, change.properties);
    state.acknowledgedAt = change.acknowledgedAt;
    if (change.twinId === run?.runId) renderRun(); else renderDevice(change.twinId);
  });
  source.addEventListener("event", (message) => addEvent(JSON.parse(message.data)));
  // On every (re)connection, start again from what ADT has: nothing missed while away stays missed.
  source.onopen = async () => { el("connection").textContent = "live"; await loadSnapshot(); };
  source.onerror = () => { el("connection").textContent = "reconnecting…"; };
}

el("legend").append(...Object.entries(colours).map(([name, colour]) => h("span", {}, h("i", { style: `background:${colour}` }), name)));
follow();
setInterval(tick, 1000);
window.addEventListener("resize", () => drawLab());
