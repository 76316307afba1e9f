// The pools ADT has (the snapshot's pools, then each pool change of the stream): a count on each device, the list of
// a device's pools (id, group, stage, time left to its expiry on the page's simulated clock), and the route of the
// pool chosen, drawn over the flow.
"use strict";

import { h } from "./dom.js";

const pools = new Map();
let shownDevice = null; // the device whose pools are listed, "all" for every pool, null for none
let chosen = null; // the twin id of the pool whose route is drawn
let now = null; // the page's simulated time (ms)
let pending = false;

export function setPools(list) {
  pools.clear();
  for (const pool of list ?? []) pools.set(pool.twinId, pool);
  render();
}

export function poolChanged(pool) { pools.set(pool.twinId, pool); renderSoon(); }

export function poolDeleted(twinId) { pools.delete(twinId); renderSoon(); }

export function setSimulatedTime(at) { now = at; renderSoon(); }

export function showPools(deviceId) { shownDevice = shownDevice === deviceId ? null : deviceId; render(); }

// At full speed pools change many times a frame: draw once a frame.
function renderSoon() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => { pending = false; render(); });
}

function timeLeft(pool) {
  const expiry = Date.parse(pool.expiryTime);
  if (Number.isNaN(expiry) || now === null) return "–";
  const minutes = Math.round((expiry - now) / 60000);
  const text = (m) => (m >= 1440 ? `${Math.floor(m / 1440)} d ${Math.floor((m % 1440) / 60)} h` : m >= 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`);
  return minutes < 0 ? `expired ${text(-minutes)} ago` : text(minutes);
}

const simulated = (iso) => (iso ? iso.slice(0, 16).replace("T", " ") : "–");

export function render() {
  const byDevice = new Map();
  for (const pool of pools.values()) if (pool.deviceId) byDevice.set(pool.deviceId, (byDevice.get(pool.deviceId) ?? 0) + 1);
  document.querySelectorAll(".device").forEach((card) => {
    const count = byDevice.get(card.dataset.device) ?? 0;
    card.dataset.pools = count;
    card.querySelector(".pools").textContent = count ? `${count} pool${count === 1 ? "" : "s"}` : "";
    card.classList.toggle("shown", card.dataset.device === shownDevice);
  });
  document.getElementById("pool-total").textContent = `${pools.size} in ADT`;
  renderList();
  renderRoute();
}

function renderList() {
  const panel = document.getElementById("pool-list");
  if (!shownDevice) {
    panel.replaceChildren(h("p", { class: "hint" }, "Click a device for its pools, or ", h("a", { id: "all-pools", href: "#" }, "list every pool"), "."));
    panel.querySelector("#all-pools").addEventListener("click", (e) => { e.preventDefault(); showPools("all"); });
    return;
  }
  const list = [...pools.values()].filter((p) => shownDevice === "all" || p.deviceId === shownDevice)
    .sort((a, b) => (a.expiryTime ?? "").localeCompare(b.expiryTime ?? "") || a.twinId.localeCompare(b.twinId));
  const rows = list.map((pool) => {
    const row = h("tr", { "data-pool": pool.twinId, class: pool.twinId === chosen ? "chosen" : "" },
      h("td", {}, pool.poolId ?? pool.twinId), h("td", {}, pool.bloodGroup ?? "–"), h("td", {}, pool.stage ?? "–"),
      h("td", { class: "left" }, timeLeft(pool)));
    row.addEventListener("click", () => { chosen = chosen === pool.twinId ? null : pool.twinId; render(); });
    return row;
  });
  panel.replaceChildren(
    h("h3", {}, shownDevice === "all" ? `All pools (${list.length})` : `${shownDevice}: ${list.length} pool${list.length === 1 ? "" : "s"}`),
    h("table", { id: "pool-table" }, h("tr", {}, h("th", {}, "Pool"), h("th", {}, "Group"), h("th", {}, "Stage"), h("th", {}, "Time left")), ...rows));
}

// The chosen pool's route: the feeds it took drawn over, each device it entered numbered, the steps listed.
function renderRoute() {
  document.querySelectorAll("#edges .on-route").forEach((e) => e.classList.remove("on-route"));
  document.querySelectorAll("#edges .route-jump, .route-step").forEach((e) => e.remove());
  const panel = document.getElementById("pool-route");
  const pool = chosen && pools.get(chosen);
  if (!pool) { chosen = null; panel.replaceChildren(); return; }
  const route = pool.route ?? [];
  const feedsTaken = route.slice(1).map((step, i) => `${route[i].deviceId}>${step.deviceId}`);
  const svg = document.getElementById("edges");
  for (const [i, feed] of feedsTaken.entries()) {
    const drawn = [...svg.querySelectorAll(".edge")].filter((e) => e.dataset.feeds.split(" ").includes(feed));
    if (drawn.length) { drawn.forEach((e) => e.classList.add("on-route")); continue; }
    // A hand-off the lab's feeds do not have: drawn straight, dashed.
    const [a, b] = [route[i].deviceId, route[i + 1].deviceId].map((id) => document.getElementById(`device-${id}`));
    if (!a || !b) continue;
    const line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    line.setAttribute("class", "route-jump");
    line.setAttribute("x1", a.offsetLeft + a.offsetWidth / 2); line.setAttribute("y1", a.offsetTop + a.offsetHeight / 2);
    line.setAttribute("x2", b.offsetLeft + b.offsetWidth / 2); line.setAttribute("y2", b.offsetTop + b.offsetHeight / 2);
    svg.append(line);
  }
  route.forEach((step, i) => document.getElementById(`device-${step.deviceId}`)?.append(h("span", { class: "route-step", title: `${step.stage} from ${simulated(step.enteredAt)}` }, i + 1)));
  panel.replaceChildren(
    h("h3", {}, `Route of ${pool.poolId ?? pool.twinId} (${pool.bloodGroup ?? "?"}), ${pool.stage ?? ""}, expires ${simulated(pool.expiryTime)}`),
    h("ol", { id: "route-steps" }, ...route.map((step) => h("li", { "data-device": step.deviceId }, `${step.deviceId}: ${step.stage}, from ${simulated(step.enteredAt)}`))));
}
