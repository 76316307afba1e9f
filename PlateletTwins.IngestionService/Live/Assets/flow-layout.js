// Lays out a lab's flow from its devices and feeds alone, for any lab: a column per flow depth (a device one column
// after the deepest device that feeds it), read left to right; when the columns do not fit the width, a snake whose
// bands turn at their ends, at a column boundary only one feed crosses, so that the turn is a single U at the margin.
// A feed that skips columns passes through a slot of its own in each column it skips (so it crosses no device), and
// devices that all feed the same devices (two centrifuges filling one rack that two separators empty) hand off
// through one junction bar: drawn from column to column, such a group would have to cross itself. Devices no feed
// joins sit in rows under the flow.
"use strict";

export const box = { width: 150, height: 80 };
const columnGap = 50;
const rowGap = 14;
const bandGap = 34;
const laneSlot = 18; // the height a skipping feed takes in a column it passes
export const margin = 28; // room for the U-turns at the ends of the bands
const pitch = box.width + columnGap;

// Depth of each device by the longest feed path to it; feeds that would close a cycle are left out of the depth.
function depths(devices, feeds) {
  const next = new Map(devices.map((d) => [d.id, []]));
  for (const feed of feeds) if (next.has(feed.from) && next.has(feed.to)) next.get(feed.from).push(feed.to);
  const state = new Map();
  const order = [];
  const back = new Set();
  const visit = (id) => {
    state.set(id, "open");
    for (const to of next.get(id)) {
      if (state.get(to) === "open") back.add(`${id}>${to}`);
      else if (!state.has(to)) visit(to);
    }
    state.set(id, "done");
    order.push(id);
  };
  for (const d of devices) if (!state.has(d.id)) visit(d.id);
  const depth = new Map(devices.map((d) => [d.id, 0]));
  for (const id of order.reverse()) {
    for (const to of next.get(id)) if (!back.has(`${id}>${to}`)) depth.set(to, Math.max(depth.get(to), depth.get(id) + 1));
  }
  return { depth, back };
}

// Orders each column by the mean position of its neighbours in the column before (then after), a few sweeps.
function orderColumns(columns, links) {
  const position = new Map();
  const index = () => columns.forEach((column) => column.forEach((node, i) => position.set(node.id, i)));
  index();
  const sweep = (range, neighbours) => {
    for (const c of range) {
      const key = new Map(columns[c].map((node) => {
        const around = neighbours(node.id).filter((id) => position.has(id));
        return [node.id, around.length ? around.reduce((s, id) => s + position.get(id), 0) / around.length : position.get(node.id)];
      }));
      columns[c].sort((a, b) => key.get(a.id) - key.get(b.id));
      columns[c].forEach((node, i) => position.set(node.id, i));
    }
  };
  const before = (id) => links.filter((l) => l.to === id).map((l) => l.from);
  const after = (id) => links.filter((l) => l.from === id).map((l) => l.to);
  const forward = [...columns.keys()].slice(1);
  const backward = [...columns.keys()].reverse().slice(1);
  for (let pass = 0; pass < 4; pass++) { sweep(forward, before); sweep(backward, after); }
}

// Bands of columns: as many columns as fit, ending at a boundary only one link crosses; a band that finds none in
// the width runs on to the next such boundary (and the picture scrolls).
function bandsOf(columnCount, links, level, width) {
  const fit = Math.max(2, Math.floor((width - 2 * margin + columnGap) / pitch));
  const crossing = (b) => links.filter((l) => level.get(l.from) === b - 1 && level.get(l.to) === b).length;
  const turnable = (b) => crossing(b) === 1 && !links.some((l) => level.get(l.from) < b - 1 && level.get(l.to) >= b);
  const bands = [];
  let start = 0;
  while (start < columnCount) {
    if (columnCount - start <= fit) { bands.push([start, columnCount]); break; }
    let end = 0;
    for (let b = start + fit; b > start + 1 && !end; b--) if (turnable(b)) end = b;
    for (let b = start + fit + 1; b < columnCount && !end; b++) if (turnable(b)) end = b;
    bands.push([start, end || columnCount]);
    start = end || columnCount;
  }
  return bands;
}

export function layoutFlow(lab, width) {
  const feeds = lab.feeds.filter((f) => lab.devices.some((d) => d.id === f.from) && lab.devices.some((d) => d.id === f.to) && f.from !== f.to);
  const joined = (d) => feeds.some((f) => f.from === d.id || f.to === d.id);
  const devices = lab.devices.filter(joined);
  const loose = lab.devices.filter((d) => !joined(d));
  const { depth, back } = depths(devices, feeds);
  const level = new Map(depth);
  const nodes = new Map(devices.map((d) => [d.id, { id: d.id, device: true, height: box.height }]));
  // Feeds split at every column they skip; each part a link between neighbouring columns.
  const links = [];
  const chains = [];
  for (const feed of feeds) {
    if (back.has(`${feed.from}>${feed.to}`)) { chains.push({ feed, path: [feed.from, feed.to], back: true }); continue; }
    const path = [feed.from];
    for (let c = level.get(feed.from) + 1; c < level.get(feed.to); c++) {
      const id = `lane:${feed.from}>${feed.to}:${c}`;
      nodes.set(id, { id, device: false, height: laneSlot });
      level.set(id, c);
      path.push(id);
    }
    path.push(feed.to);
    for (let i = 1; i < path.length; i++) links.push({ from: path[i - 1], to: path[i] });
    chains.push({ feed, path });
  }
  const columnCount = Math.max(0, ...level.values()) + 1;
  const columns = Array.from({ length: columnCount }, () => []);
  for (const node of nodes.values()) columns[level.get(node.id)].push(node);
  orderColumns(columns, links);

  // Slots along the snake: a band starts where the one before ended and runs the other way.
  const bands = bandsOf(columnCount, links, level, width);
  const slotOf = new Map();
  const bandOf = new Map();
  let slot = 0;
  bands.forEach(([start, end], b) => {
    const direction = b % 2 === 0 ? 1 : -1;
    for (let c = start; c < end; c++) { slotOf.set(c, slot + direction * (c - start)); bandOf.set(c, b); }
    slot += direction * (end - start - 1);
  });
  const lowest = Math.min(...slotOf.values());
  const columnHeight = (column) => column.reduce((s, n) => s + n.height, 0) + rowGap * Math.max(0, column.length - 1);
  const bandHeight = bands.map(([start, end]) => Math.max(...columns.slice(start, end).map(columnHeight)));
  const bandTop = bandHeight.map((_, b) => margin / 2 + bandHeight.slice(0, b).reduce((s, h) => s + h + bandGap, 0));
  for (const [c, column] of columns.entries()) {
    const b = bandOf.get(c);
    let y = bandTop[b] + (bandHeight[b] - columnHeight(column)) / 2;
    for (const node of column) {
      Object.assign(node, { x: margin + (slotOf.get(c) - lowest) * pitch, y, band: b, rightward: b % 2 === 0 });
      y += node.height + rowGap;
    }
  }
  const slots = Math.max(...slotOf.values()) - lowest + 1;
  const size = { width: 2 * margin + slots * pitch - columnGap, height: bandTop.at(-1) + bandHeight.at(-1) + margin / 2 };

  // Ports: a device takes in on the side its band comes from and gives out on the side it goes to.
  const mid = (n) => n.y + n.height / 2;
  const outPort = (n) => ({ x: n.rightward ? n.x + box.width : n.x, y: mid(n) });
  const inPort = (n) => ({ x: n.rightward ? n.x : n.x + box.width, y: mid(n) });

  // Junctions: devices of one column with the same two or more next devices, all in the same band.
  const junctions = [];
  const viaJunction = new Map();
  const direct = chains.filter((c) => !c.back && c.path.length === 2 && nodes.get(c.path[0]).band === nodes.get(c.path[1]).band);
  const targetsOf = new Map();
  for (const { path: [from, to] } of direct) targetsOf.set(from, [...(targetsOf.get(from) ?? []), to]);
  const groups = new Map();
  for (const [from, targets] of targetsOf) {
    const key = [...targets].sort().join(" ");
    groups.set(key, [...(groups.get(key) ?? []), from]);
  }
  for (const [key, sources] of groups) {
    const targets = key.split(" ");
    if (sources.length < 2 || targets.length < 2) continue;
    const id = `junction-${junctions.length + 1}`;
    const first = nodes.get(sources[0]);
    const x = first.rightward ? first.x + box.width + columnGap / 2 : first.x - columnGap / 2;
    const ys = [...sources, ...targets].map((s) => mid(nodes.get(s)));
    junctions.push({ id, x, y1: Math.min(...ys), y2: Math.max(...ys), sources, targets });
    for (const s of sources) for (const t of targets) viaJunction.set(`${s}>${t}`, id);
  }

  // What is drawn: each line from a device (or junction) to a device (or junction), as points.
  const edges = [];
  const drawnStubs = new Set();
  for (const chain of chains) {
    const { from, to } = chain.feed;
    const junction = junctions.find((j) => j.id === viaJunction.get(`${from}>${to}`));
    if (junction) {
      const source = outPort(nodes.get(from)), target = inPort(nodes.get(to));
      if (!drawnStubs.has(`${from}>${junction.id}`)) {
        drawnStubs.add(`${from}>${junction.id}`);
        edges.push({ from, to: junction.id, points: [source, { x: junction.x, y: source.y }], feeds: junction.targets.map((t) => `${from}>${t}`) });
      }
      if (!drawnStubs.has(`${junction.id}>${to}`)) {
        drawnStubs.add(`${junction.id}>${to}`);
        edges.push({ from: junction.id, to, points: [{ x: junction.x, y: target.y }, target], feeds: junction.sources.map((s) => `${s}>${to}`), arrow: true });
      }
      continue;
    }
    const points = [outPort(nodes.get(from))];
    for (let i = 1; i < chain.path.length; i++) {
      const a = nodes.get(chain.path[i - 1]), b = nodes.get(chain.path[i]);
      if (a.band !== b.band) {
        // The U at the band's end: out to the margin, along it, and back in to the next band's first column.
        const lane = a.rightward ? a.x + box.width + margin * 0.6 : a.x - margin * 0.6;
        points.push({ x: lane, y: mid(a) }, { x: lane, y: mid(b) });
      }
      if (!b.device) points.push({ x: b.rightward ? b.x : b.x + box.width, y: mid(b) }, { x: b.rightward ? b.x + box.width : b.x, y: mid(b) });
    }
    points.push(inPort(nodes.get(to)));
    edges.push({ from, to, points, feeds: [`${from}>${to}`], arrow: true, back: chain.back ?? false });
  }

  const positions = Object.fromEntries([...nodes.values()].filter((n) => n.device).map((n) => [n.id, { x: n.x, y: n.y, band: n.band }]));
  const perRow = Math.max(1, Math.floor((Math.max(width, size.width) - 2 * margin + columnGap) / pitch));
  const looseTop = devices.length ? size.height + bandGap / 2 : margin / 2;
  loose.forEach((d, i) => { positions[d.id] = { x: margin + (i % perRow) * pitch, y: looseTop + Math.floor(i / perRow) * (box.height + rowGap), band: null }; });
  if (loose.length) {
    size.width = Math.max(size.width, 2 * margin + Math.min(loose.length, perRow) * pitch - columnGap);
    size.height = looseTop + Math.ceil(loose.length / perRow) * (box.height + rowGap) - rowGap + margin / 2;
  }
  return { positions, edges, junctions, size, bands: bands.length };
}
