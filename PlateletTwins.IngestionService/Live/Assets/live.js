// The live lab view: what ADT has of one lab, pushed from the ingestion service's acknowledged writes. Starts from a
// snapshot of the lab (?lab= in the address, else the lab of the latest run, followed to each newer run's lab), follows
// /live/events (every lab's: what is not of this lab is passed over), and takes the snapshot again whenever the stream
// reconnects or a run starts. The pools are pools.js's.
"use strict";

import { h, svg } from "./dom.js";
import { box, layoutFlow } from "./flow-layout.js";
import { poolChanged, poolDeleted, render as renderPools, setPools, setSimulatedTime, showPools } from "./pools.js";

const colours = { Idle: "#9aa3af", Processing: "#2e9e5b", Blocked: "#f0a020", Failed: "#d43c3c" };
const kpiNames = {
  status: "Status", speed: "Speed", poolsReleased: "Pools released", releasedPerDay: "Released per day",
  poolsStarted: "Pools started", poolsScrapped: "Pools scrapped", wbReceived: "Whole blood received",
  wbSeparated: "Whole blood separated", wbExpired: "Whole blood expired", bcProduced: "Buffy coats",
  wipPools: "Pools in process (mean)", bottleneck: "Bottleneck",
};
let run = null;
let twins = {};
let ofLab = null; // the twin ids of the lab shown (its run, itself, its devices); null before any run
let chosenLab = new URLSearchParams(location.search).get("lab");
let clockOffset = 0; // server time minus local time
const el = (id) => document.getElementById(id);

// The flow as flow-layout.js lays it out for the panel's width: device cards over an SVG of the feeds.
function drawLab() {
  const flow = el("flow");
  flow.querySelectorAll(".device").forEach((d) => d.remove());
  const edges = el("edges");
  edges.replaceChildren();
  if (!run) return;
  const layout = layoutFlow(run.lab, el("flow-scroll").clientWidth);
  flow.style.width = `${layout.size.width}px`;
  flow.style.height = `${layout.size.height}px`;
  flow.dataset.bands = layout.bands;
  for (const device of run.lab.devices) {
    const at = layout.positions[device.id];
    const card = h("div", { class: "device", id: `device-${device.id}`, "data-device": device.id, style: `left:${at.x}px;top:${at.y}px;width:${box.width}px;height:${box.height}px` },
      h("b", {}, nameInLab(device.id)), h("span", { class: "type" }, device.type), h("span", { class: "pools" }),
      h("div", { class: "figures" }, h("span", { class: "load" }), h("span", { class: "queue" })),
      h("div", { class: "fresh" }));
    card.addEventListener("click", () => showPools(device.id));
    flow.append(card);
    renderDevice(device.id);
  }
  edges.setAttribute("width", layout.size.width);
  edges.setAttribute("height", layout.size.height);
  const defs = svg("defs");
  for (const [id, colour] of [["arrow", "#a9b1bd"], ["arrow-route", "#7b2d9e"]]) {
    const marker = svg("marker", { id, viewBox: "0 0 10 10", refX: "9", refY: "5", markerUnits: "userSpaceOnUse", markerWidth: "10", markerHeight: "10", orient: "auto" });
    marker.append(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: colour }));
    defs.append(marker);
  }
  edges.append(defs);
  for (const junction of layout.junctions) {
    edges.append(svg("line", { class: "junction", id: junction.id, x1: junction.x, y1: junction.y1, x2: junction.x, y2: junction.y2 }));
  }
  for (const edge of layout.edges) {
    edges.append(svg("polyline", {
      class: `edge${edge.back ? " back" : ""}`, "data-from": edge.from, "data-to": edge.to, "data-feeds": edge.feeds.join(" "),
      points: edge.points.map((p) => `${p.x},${p.y}`).join(" "), ...(edge.arrow ? { "marker-end": "url(#arrow)" } : {}),
    }));
  }
  renderPools();
}

// A device's twin is named within its lab ("lab.device"): the card says the device's own name.
const nameInLab = (id) => (id.startsWith(`${run.lab.id}.`) ? id.slice(run.lab.id.length + 1) : id);

const ofThisLab = (twinId) => ofLab === null || ofLab.has(twinId);

function renderLabs(labs) {
  const select = el("lab");
  select.replaceChildren(...labs.map((lab) => h("option", { value: lab.id }, lab.name ? `${lab.name} (${lab.id})` : lab.id)));
  select.value = run?.lab.id ?? "";
  el("lab-chooser").hidden = labs.length < 2;
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
    el("clock").dataset.simulated = at.toISOString();
    setSimulatedTime(at.getTime());
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
  const snapshot = await (await fetch(chosenLab ? `/live/snapshot?lab=${encodeURIComponent(chosenLab)}` : "/live/snapshot")).json();
  clockOffset = Date.parse(snapshot.serverTime) - Date.now();
  run = snapshot.run;
  ofLab = run ? new Set([run.runId, run.lab.id, ...run.lab.devices.map((d) => d.id)]) : null;
  twins = snapshot.twins;
  renderLabs(snapshot.labs);
  setPools(snapshot.pools);
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
    if (!ofThisLab(change.twinId)) return;
    const state = (twins[change.twinId] ??= { properties: {} });
    Object.assign(state.properties, change.properties);
    state.acknowledgedAt = change.acknowledgedAt;
    if (change.twinId === run?.runId) renderRun(); else renderDevice(change.twinId);
  });
  source.addEventListener("event", (message) => {
    const event = JSON.parse(message.data);
    if (ofThisLab(event.twinId)) addEvent(event);
  });
  source.addEventListener("pool", (message) => {
    const pool = JSON.parse(message.data);
    if (!run || pool.labId === run.lab.id) poolChanged(pool);
  });
  source.addEventListener("poolDeleted", (message) => poolDeleted(JSON.parse(message.data).twinId));
  // On every (re)connection, start again from what ADT has: nothing missed while away stays missed.
  source.onopen = async () => { el("connection").textContent = "live"; await loadSnapshot(); };
  source.onerror = () => { el("connection").textContent = "reconnecting…"; };
}

el("lab").addEventListener("change", async (e) => {
  chosenLab = e.target.value;
  history.replaceState(null, "", `?lab=${encodeURIComponent(chosenLab)}`);
  await loadSnapshot();
});
el("legend").append(...Object.entries(colours).map(([name, colour]) => h("span", {}, h("i", { style: `background:${colour}` }), name)));
follow();
setInterval(tick, 1000);
window.addEventListener("resize", () => drawLab());
