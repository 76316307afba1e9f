// MockAdt explorer: plain JavaScript over MockAdt's own ADT REST API (a token it issues), its event stream and its
// data history. No build step; nothing fetched from elsewhere.
"use strict";

const api = "api-version=2023-10-31";
const routeId = "mockadt-explorer";
const svgNs = "http://www.w3.org/2000/svg";
// A device's colour is its status, as in the live view; a twin without one is drawn white. The model is the shape.
const statusColours = { Idle: "#9aa3af", Processing: "#2e9e5b", Blocked: "#f0a020", Failed: "#d43c3c" };
const shapes = {
  circle: "M 7 0 A 7 7 0 1 1 -7 0 A 7 7 0 1 1 7 0 Z",
  square: "M -6 -6 H 6 V 6 H -6 Z",
  diamond: "M 0 -7 L 7 0 L 0 7 L -7 0 Z",
  triangle: "M 0 -7.5 L 7 5 L -7 5 Z",
  hexagon: "M 7 0 L 3.5 6 L -3.5 6 L -7 0 L -3.5 -6 L 3.5 -6 Z",
  "triangle-down": "M 0 7.5 L 7 -5 L -7 -5 Z",
  pentagon: "M 0 -7 L 6.7 -2.2 L 4.1 5.7 L -4.1 5.7 L -6.7 -2.2 Z",
  cross: "M -2.5 -7 H 2.5 V -2.5 H 7 V 2.5 H 2.5 V 7 H -2.5 V 2.5 H -7 V -2.5 H -2.5 Z",
  star: "M 0 -7.5 L 2 -2.5 L 7.3 -2.3 L 3.1 1 L 4.5 6.2 L 0 3.2 L -4.5 6.2 L -3.1 1 L -7.3 -2.3 L -2 -2.5 Z",
};
const shapeOf = new Map();
// Pools (PlateletTwins' ProcessFlow twins) come by the hundred: their labels show only when few or zoomed in.
const poolModel = /^dtmi:platelettwins:ProcessFlow;\d+$/;
let token = null;
let graph = { nodes: new Map(), edges: [] };
let view = { x: 0, y: 0, scale: 1 };
let viewMoved = false; // the user panned or zoomed: the view stays where they put it
let selected = null;

const el = (id) => document.getElementById(id);
const text = (value) => document.createTextNode(value === undefined ? "" : String(value));

function h(tag, attributes = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(svgNs, tag.slice(4)) : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(typeof child === "object" ? child : text(child));
  return node;
}

async function call(method, path, body) {
  // nextLink URLs carry the api-version already.
  const url = path.includes("api-version=") ? path : `${path}${path.includes("?") ? "&" : "?"}${api}`;
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const payload = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(payload?.error ? `${payload.error.code}: ${payload.error.message}` : `HTTP ${response.status}`);
  return { payload, response };
}

async function queryAll(query) {
  const rows = [];
  let body = { query };
  let charge = 0;
  for (;;) {
    const { payload, response } = await call("POST", "/query", body);
    charge += Number(response.headers.get("query-charge") || 0);
    rows.push(...payload.value);
    if (!payload.continuationToken) return { rows, charge };
    body = { query, continuationToken: payload.continuationToken };
  }
}

// --- models ---
async function loadModels() {
  const list = el("models");
  list.replaceChildren();
  let next = "/models";
  while (next) {
    const { payload } = await call("GET", next);
    for (const model of payload.value) {
      list.append(h("li", { title: model.description?.en ?? "" }, model.displayName?.en ? `${model.displayName.en} ` : "", h("code", {}, model.id)));
    }
    next = payload.nextLink ?? null;
  }
}

// --- graph: twins and relationships, force-directed, pan and zoom ---
// Each model of the graph its own shape: those of the first graph in the order of their ids, then each new model the
// next shape, so that no twin changes shape as others come (shapes repeat past nine models).
function assignShapes(models) {
  const names = Object.keys(shapes);
  for (const model of [...new Set(models)].sort()) if (!shapeOf.has(model)) shapeOf.set(model, names[shapeOf.size % names.length]);
}

const fillOf = (node) => statusColours[node.status] ?? "#ffffff";
const shortName = (model) => model.replace(/^dtmi:platelettwins:/, "").replace(/^devices:/, "");

function drawLegend() {
  const mark = (shape, fill) => {
    const svg = h("svg:svg", { width: 16, height: 16, viewBox: "-8 -8 16 16" }, h("svg:path", { d: shapes[shape], fill, stroke: "#556", "stroke-width": 1 }));
    return svg;
  };
  el("graph-legend").replaceChildren(
    h("div", {}, ...Object.entries(statusColours).map(([status, colour]) => h("span", { "data-status": status }, mark("square", colour), status))),
    h("div", {}, ...[...shapeOf].filter(([model]) => [...graph.nodes.values()].some((n) => n.model === model)).map(([model, shape]) => h("span", { "data-model": model, title: model }, mark(shape, "#ffffff"), shortName(model)))));
}

async function loadGraph() {
  const twins = (await queryAll("SELECT * FROM DIGITALTWINS")).rows;
  const relationships = (await queryAll("SELECT * FROM RELATIONSHIPS")).rows;
  const old = graph.nodes;
  graph = { nodes: new Map(), edges: [] };
  twins.forEach((twin, i) => {
    const previous = old.get(twin.$dtId);
    const angle = (i / Math.max(1, twins.length)) * Math.PI * 2;
    graph.nodes.set(twin.$dtId, {
      id: twin.$dtId, model: twin.$metadata.$model, status: twin.status,
      x: previous?.x ?? 300 + 200 * Math.cos(angle), y: previous?.y ?? 190 + 150 * Math.sin(angle), vx: 0, vy: 0,
    });
  });
  graph.edges = relationships.filter((r) => graph.nodes.has(r.$sourceId) && graph.nodes.has(r.$targetId))
    .map((r) => ({ source: graph.nodes.get(r.$sourceId), target: graph.nodes.get(r.$targetId), name: r.$relationshipName }));
  assignShapes([...graph.nodes.values()].map((n) => n.model));
  drawLegend();
  layout(300);
  // Twins that came or went move the others: fit them all in again, unless the user placed the view.
  if (old.size === 0 || (!viewMoved && [...graph.nodes.keys()].some((id) => !old.has(id)))) fitView();
  drawGraph();
}

// Scales and centres the view on the twins.
function fitView() {
  const nodes = [...graph.nodes.values()];
  if (nodes.length === 0) return;
  const box = el("graph").getBoundingClientRect();
  const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  view.scale = Math.min(2, (box.width - 140) / Math.max(1, x1 - x0), (box.height - 40) / Math.max(1, y1 - y0));
  view.x = box.width / 2 - ((x0 + x1) / 2) * view.scale;
  view.y = box.height / 2 - ((y0 + y1) / 2) * view.scale;
}

function layout(iterations) {
  const nodes = [...graph.nodes.values()];
  for (let step = 0; step < iterations; step++) {
    const cooling = 1 - step / iterations;
    for (const a of nodes) {
      for (const b of nodes) {
        if (a === b) continue;
        const dx = a.x - b.x, dy = a.y - b.y;
        const d2 = Math.max(dx * dx + dy * dy, 25);
        a.vx += (dx / d2) * 900; a.vy += (dy / d2) * 900;
      }
    }
    for (const { source, target } of graph.edges) {
      const dx = target.x - source.x, dy = target.y - source.y;
      const d = Math.max(Math.hypot(dx, dy), 1);
      const pull = (d - 90) * 0.02;
      source.vx += (dx / d) * pull; source.vy += (dy / d) * pull;
      target.vx -= (dx / d) * pull; target.vy -= (dy / d) * pull;
    }
    for (const n of nodes) {
      n.vx += (300 - n.x) * 0.002; n.vy += (190 - n.y) * 0.002;
      n.x += Math.max(-20, Math.min(20, n.vx)) * cooling; n.y += Math.max(-20, Math.min(20, n.vy)) * cooling;
      n.vx *= 0.5; n.vy *= 0.5;
    }
  }
}

function drawGraph() {
  const viewport = el("viewport");
  viewport.replaceChildren();
  for (const edge of graph.edges) {
    viewport.append(h("svg:line", {
      class: `edge rel-${edge.name}`, "data-name": edge.name, "data-source": edge.source.id, "data-target": edge.target.id,
      x1: edge.source.x, y1: edge.source.y, x2: edge.target.x, y2: edge.target.y,
    }, h("svg:title", {}, `${edge.source.id} ${edge.name} ${edge.target.id}`)));
  }
  for (const node of graph.nodes.values()) {
    const group = h("svg:g", {
      class: `node${node.id === selected ? " selected" : ""}${poolModel.test(node.model) ? " pool" : ""}`, "data-twin": node.id, "data-model": node.model, "data-shape": shapeOf.get(node.model),
      "data-status": node.status ?? "", transform: `translate(${node.x},${node.y})`, onclick: () => showTwin(node.id),
    },
      h("svg:path", { class: "mark", d: shapes[shapeOf.get(node.model)], fill: fillOf(node) }, h("svg:title", {}, `${node.id}\n${node.model}${node.status ? `\n${node.status}` : ""}`)),
      h("svg:text", { x: 9, y: 4 }, node.id));
    viewport.append(group);
  }
  applyView();
}

function applyView() {
  const viewport = el("viewport");
  viewport.setAttribute("transform", `translate(${view.x},${view.y}) scale(${view.scale})`);
  // Labels and dots keep their size on screen whatever the zoom.
  viewport.setAttribute("font-size", 11 / view.scale);
  viewport.classList.toggle("crowded", view.scale < 1.5 && viewport.querySelectorAll(".node.pool").length > 30);
  viewport.querySelectorAll(".mark").forEach((m) => m.setAttribute("transform", `scale(${1 / view.scale})`));
  viewport.querySelectorAll("text").forEach((t) => t.setAttribute("x", 9 / view.scale));
  viewport.querySelectorAll("line").forEach((l) => l.setAttribute("stroke-width", 1 / view.scale));
}

function enablePanAndZoom() {
  const svg = el("graph");
  let drag = null;
  svg.addEventListener("mousedown", (e) => { drag = { x: e.clientX - view.x, y: e.clientY - view.y }; });
  window.addEventListener("mousemove", (e) => { if (drag) { viewMoved = true; view.x = e.clientX - drag.x; view.y = e.clientY - drag.y; applyView(); } });
  window.addEventListener("mouseup", () => { drag = null; });
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = svg.getBoundingClientRect();
    const factor = e.deltaY < 0 ? 1.15 : 1 / 1.15;
    const px = e.clientX - box.left, py = e.clientY - box.top;
    view.x = px - (px - view.x) * factor; view.y = py - (py - view.y) * factor; view.scale *= factor;
    viewMoved = true;
    applyView();
  }, { passive: false });
}

// --- a twin, its properties with $metadata times, a property's history ---
async function showTwin(id) {
  selected = id;
  document.querySelectorAll("#graph .node").forEach((n) => n.classList.toggle("selected", n.dataset.twin === id));
  const { payload: twin } = await call("GET", `/digitaltwins/${encodeURIComponent(id)}`);
  const metadata = twin.$metadata;
  const rows = Object.entries(twin).filter(([k]) => !k.startsWith("$")).map(([name, value]) => {
    const times = metadata[name] ?? {};
    return h("tr", {},
      h("td", {}, h("a", { onclick: () => showHistory(id, name), title: "Show the data history" }, name)),
      h("td", {}, typeof value === "object" ? JSON.stringify(value) : value),
      h("td", { class: "meta" }, `updated ${times.lastUpdateTime ?? "–"}`, h("br"), `source ${times.sourceTime ?? "–"}`));
  });
  el("twin").replaceChildren(
    h("p", {}, h("b", {}, twin.$dtId), h("br"), h("code", {}, metadata.$model), h("br"), h("span", { class: "meta" }, `etag ${twin.$etag}, updated ${metadata.$lastUpdateTime}`)),
    h("table", { id: "twin-properties" }, ...rows));
}

async function showHistory(twinId, key) {
  const response = await fetch(`/mockadt/history/properties?twinId=${encodeURIComponent(twinId)}&key=${encodeURIComponent(key)}`);
  const rows = (await response.json()).value.filter((r) => typeof r.Value === "number");
  const svg = el("history");
  el("history-title").hidden = false;
  el("history-title").textContent = `History of ${twinId}.${key} (${rows.length} changes)`;
  svg.hidden = false;
  svg.replaceChildren();
  if (rows.length === 0) {
    svg.append(h("svg:text", { x: 10, y: 20 }, "No numeric history for this property."));
    return;
  }
  const width = svg.clientWidth || 320, height = 160, pad = 28;
  const times = rows.map((r) => Date.parse(r.SourceTimeStamp ?? r.TimeStamp));
  const values = rows.map((r) => r.Value);
  const t0 = Math.min(...times), t1 = Math.max(...times, t0 + 1), v0 = Math.min(0, ...values), v1 = Math.max(...values, v0 + 1);
  const x = (t) => pad + ((t - t0) / (t1 - t0)) * (width - pad - 8);
  const y = (v) => height - pad + 8 - ((v - v0) / (v1 - v0)) * (height - pad - 8);
  let points = "";
  rows.forEach((_, i) => { points += `${x(times[i])},${y(values[i])} ${i + 1 < rows.length ? `${x(times[i + 1])},${y(values[i])} ` : ""}`; });
  svg.append(
    h("svg:line", { x1: pad, y1: height - pad + 8, x2: width - 8, y2: height - pad + 8, stroke: "#99a" }),
    h("svg:text", { x: 2, y: 14 }, String(v1)), h("svg:text", { x: 2, y: height - pad + 8 }, String(v0)),
    h("svg:polyline", { id: "history-line", points, fill: "none", stroke: "#3465a4", "stroke-width": 1.5 }));
}

// A device's status changed: its colour follows at once, without laying the graph out again.
function recolour(id, status) {
  const node = graph.nodes.get(id);
  if (!node) return;
  node.status = status;
  const group = document.querySelector(`#graph .node[data-twin="${CSS.escape(id)}"]`);
  if (!group) return;
  group.dataset.status = status ?? "";
  group.querySelector(".mark").setAttribute("fill", fillOf(node));
}

// --- query: results as a table and as a graph selection ---
async function runQuery(event) {
  event?.preventDefault();
  el("query-error").textContent = "";
  try {
    const { rows, charge } = await queryAll(el("query").value);
    el("query-charge").textContent = `${rows.length} rows, query charge ${charge.toFixed(2)}`;
    el("results").replaceChildren(resultsTable(rows));
    const ids = new Set(rows.flatMap((row) => (row.$dtId ? [row.$dtId] : Object.values(row).map((v) => v?.$dtId).filter(Boolean))));
    document.querySelectorAll("#graph .node").forEach((n) => n.style.opacity = ids.size === 0 || ids.has(n.dataset.twin) ? 1 : 0.2);
  } catch (error) {
    el("query-error").textContent = error.message;
  }
}

function resultsTable(rows) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => c !== "$metadata" && c !== "$etag");
  const cell = (value) => value && typeof value === "object"
    ? (value.$dtId ? h("a", { onclick: () => showTwin(value.$dtId) }, value.$dtId) : JSON.stringify(value))
    : value;
  return h("table", { id: "results-table" },
    h("tr", {}, ...columns.map((c) => h("th", {}, c))),
    ...rows.slice(0, 500).map((row) => h("tr", {}, ...columns.map((c) => h("td", {}, c === "$dtId" ? h("a", { onclick: () => showTwin(row.$dtId) }, row.$dtId) : cell(row[c]))))));
}

// --- live changes: a route to MockAdt's stream endpoint, read as Server-Sent Events ---
async function followChanges() {
  await call("PUT", `/eventroutes/${routeId}`, { endpointName: "stream", filter: "true" });
  const source = new EventSource("/mockadt/endpoints/stream/events");
  let refresh = null;
  const onEvent = (message) => {
    const event = JSON.parse(message.data);
    const summary = event.type.endsWith(".Update")
      ? event.data.patch.filter((op) => !op.path.startsWith("/$metadata/"))
        .map((op) => `${op.op} ${op.path}${op.value !== undefined ? ` = ${JSON.stringify(op.value)}` : ""}`).join(", ")
      : event.type === "microsoft.iot.telemetry" ? JSON.stringify(event.data) : "";
    const feed = el("feed");
    feed.prepend(h("li", { "data-type": event.type }, h("b", {}, event.type.replace("Microsoft.DigitalTwins.", "")), ` ${event.subject} `, h("span", { class: "meta" }, summary)));
    while (feed.children.length > 200) feed.lastChild.remove();
    if (!event.type.endsWith("Twin.Update") && event.type !== "microsoft.iot.telemetry") {
      // At most one reload a second: pools created and moved without pause still show, a second late at most.
      refresh ??= setTimeout(() => { refresh = null; loadGraph(); }, 1000);
    } else if (event.type.endsWith("Twin.Update")) {
      const status = event.data.patch.findLast((op) => op.path === "/status");
      if (status) recolour(event.subject, status.op === "remove" ? undefined : status.value);
      if (event.subject === selected) showTwin(selected);
    }
  };
  for (const type of ["Microsoft.DigitalTwins.Twin.Create", "Microsoft.DigitalTwins.Twin.Update", "Microsoft.DigitalTwins.Twin.Delete",
    "Microsoft.DigitalTwins.Relationship.Create", "Microsoft.DigitalTwins.Relationship.Update", "Microsoft.DigitalTwins.Relationship.Delete", "microsoft.iot.telemetry"]) {
    source.addEventListener(type, onEvent);
  }
  source.onopen = () => { el("status").textContent = "connected: live changes on"; };
  source.onerror = () => { el("status").textContent = "event stream lost: reconnecting…"; };
}

async function start() {
  const response = await fetch("/mockadt/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ role: "DataOwner" }) });
  if (!response.ok) {
    token = window.prompt("MockAdt does not issue tokens (MockAdt:Auth:IssueTokens=false). A bearer token for it:") ?? "";
  } else {
    token = (await response.json()).access_token;
  }
  enablePanAndZoom();
  el("query-form").addEventListener("submit", runQuery);
  await Promise.all([loadModels(), loadGraph()]);
  el("status").textContent = "connected";
  await followChanges();
  document.body.dataset.ready = "true";
}

start().catch((error) => { el("status").textContent = `error: ${error.message}`; });
