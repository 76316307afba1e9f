// The live view's flow as drawn, read from the page, and what must hold of it: every feed drawn from its source to
// its target (straight, or through a junction bar), no drawn line crossing or running along another, none through
// a device box, no two boxes overlapping.
import assert from "node:assert/strict";

export async function drawnFlow(page) {
  return page.evaluate(() => {
    const boxes = Object.fromEntries([...document.querySelectorAll("#flow .device")].map((d) =>
      [d.dataset.device, { x: d.offsetLeft, y: d.offsetTop, w: d.offsetWidth, h: d.offsetHeight }]));
    const edges = [...document.querySelectorAll("#edges .edge")].map((e) => ({
      from: e.dataset.from, to: e.dataset.to, feeds: e.dataset.feeds.split(" "),
      points: [...e.points].map((p) => [p.x, p.y]),
    }));
    const junctions = Object.fromEntries([...document.querySelectorAll("#edges .junction")].map((j) =>
      [j.id, [[j.x1.baseVal.value, j.y1.baseVal.value], [j.x2.baseVal.value, j.y2.baseVal.value]]]));
    const scroll = document.getElementById("flow-scroll");
    return { boxes, edges, junctions, overflow: scroll.scrollWidth - scroll.clientWidth, bands: Number(document.getElementById("flow").dataset.bands) };
  });
}

const cross = (o, a, b) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
const eps = 0.01;

// Crossing at a point inside both segments, or lying along each other for more than a point.
function meet([p1, p2], [q1, q2]) {
  const d1 = cross(q1, q2, p1), d2 = cross(q1, q2, p2), d3 = cross(p1, p2, q1), d4 = cross(p1, p2, q2);
  if (((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps))) return "cross";
  if (Math.abs(d1) <= eps && Math.abs(d2) <= eps) {
    const axis = Math.abs(p2[0] - p1[0]) >= Math.abs(p2[1] - p1[1]) ? 0 : 1;
    const [a0, a1] = [p1[axis], p2[axis]].sort((x, y) => x - y), [b0, b1] = [q1[axis], q2[axis]].sort((x, y) => x - y);
    if (Math.min(a1, b1) - Math.max(a0, b0) > 0.5) return "overlap";
  }
  return null;
}

// Whether a segment enters a box's inside (Liang–Barsky clipping against the box shrunk by a pixel).
function entersBox([[x1, y1], [x2, y2]], { x, y, w, h }) {
  const [left, right, top, bottom] = [x + 1, x + w - 1, y + 1, y + h - 1];
  let t0 = 0, t1 = 1;
  const dx = x2 - x1, dy = y2 - y1;
  for (const [p, q] of [[-dx, x1 - left], [dx, right - x1], [-dy, y1 - top], [dy, bottom - y1]]) {
    if (p === 0) { if (q < 0) return false; continue; }
    const t = q / p;
    if (p < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
  }
  return t1 - t0 > 1e-6;
}

const onBorder = ([px, py], { x, y, w, h }) =>
  px >= x - 1 && px <= x + w + 1 && py >= y - 1 && py <= y + h + 1 &&
  (Math.abs(px - x) <= 1 || Math.abs(px - x - w) <= 1 || Math.abs(py - y) <= 1 || Math.abs(py - y - h) <= 1);
const onSegment = (p, [a, b]) => Math.abs(cross(a, b, p)) <= eps * 100 &&
  p[0] >= Math.min(a[0], b[0]) - 0.5 && p[0] <= Math.max(a[0], b[0]) + 0.5 && p[1] >= Math.min(a[1], b[1]) - 0.5 && p[1] <= Math.max(a[1], b[1]) + 0.5;

export function assertCleanFlow(flow, lab) {
  const { boxes, edges, junctions } = flow;
  assert.equal(Object.keys(boxes).length, lab.devices.length, "every device drawn");
  const ends = (id, point) => (boxes[id] ? onBorder(point, boxes[id]) : junctions[id] ? onSegment(point, junctions[id]) : false);
  for (const edge of edges) {
    assert.ok(ends(edge.from, edge.points[0]), `${edge.from}→${edge.to} starts on ${edge.from}: ${JSON.stringify(edge.points[0])}`);
    assert.ok(ends(edge.to, edge.points.at(-1)), `${edge.from}→${edge.to} ends on ${edge.to}: ${JSON.stringify(edge.points.at(-1))}`);
  }
  for (const { from, to } of lab.feeds) {
    const straight = edges.some((e) => e.from === from && e.to === to);
    const through = Object.keys(junctions).some((j) => edges.some((e) => e.from === from && e.to === j) && edges.some((e) => e.from === j && e.to === to));
    assert.ok(straight || through, `the feed ${from}→${to} is drawn`);
  }
  const segments = edges.flatMap((e, i) => e.points.slice(1).map((p, k) => ({ edge: i, name: `${e.from}→${e.to}`, s: [e.points[k], p] })));
  for (const [id, s] of Object.entries(junctions)) segments.push({ edge: id, name: id, s });
  for (let i = 0; i < segments.length; i++) {
    for (let k = i + 1; k < segments.length; k++) {
      if (segments[i].edge === segments[k].edge) continue;
      const how = meet(segments[i].s, segments[k].s);
      assert.equal(how, null, `${segments[i].name} and ${segments[k].name}: ${how} (${JSON.stringify(segments[i].s)} / ${JSON.stringify(segments[k].s)})`);
    }
    for (const [id, b] of Object.entries(boxes)) {
      assert.ok(!entersBox(segments[i].s, b), `${segments[i].name} passes through ${id}`);
    }
  }
  const ids = Object.keys(boxes);
  for (let i = 0; i < ids.length; i++) {
    for (let k = i + 1; k < ids.length; k++) {
      const [a, b] = [boxes[ids[i]], boxes[ids[k]]];
      assert.ok(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y, `${ids[i]} and ${ids[k]} overlap`);
    }
  }
}
