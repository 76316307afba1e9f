// The queries users run about pools (docs/queries.md), sent by Microsoft's ADT client for JavaScript
// (@azure/digital-twins-core 1.1.0) to MockAdt, on a graph the client builds itself: the query texts come from the
// C# test that starts this file (POOL_QUERIES, the same PoolQueries the REST tests run), so both run the same strings.
// The graph is shaped as the simulator writes it: every device and pool twin named within its lab ("lab.device").
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "./adt-client.mjs";

const { client } = createClient();
const queries = JSON.parse(process.env.POOL_QUERIES);
const poolModel = "dtmi:platelettwins:ProcessFlow;2";
const lab = "platelet-lab";
const inLab = (id) => `${lab}.${id}`;
const centrifuge = inLab("centrifuge-03");
const agitator = inLab("agitator-01");
const poolTwin = (n) => inLab(`pool-P${String(n).padStart(6, "0")}`);

function projectModels(dir = process.env.DTDL_DIR) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? projectModels(path) : [JSON.parse(readFileSync(path, "utf8"))];
  });
}

const route = [
  { deviceId: centrifuge, stage: "SoftSpin", enteredAt: "2026-01-05T05:00:00Z" },
  { deviceId: agitator, stage: "Storage", enteredAt: "2026-01-05T06:00:00Z" },
];
const donations = (n) => [0, 1, 2, 3, 4].map((i) => `WB${String(5 * n + i).padStart(6, "0")}`);

async function pool(n, bloodGroup, stage, expiryTime, devices) {
  const id = poolTwin(n);
  await client.upsertDigitalTwin(id, JSON.stringify({
    $metadata: { $model: poolModel },
    poolId: `P${String(n).padStart(6, "0")}`, labId: lab, runId: "run-1", bloodGroup, stage, expiryTime, donations: donations(n),
  }));
  await client.upsertRelationship(id, `${id}-locatedAt`, { $relationshipName: "locatedAt", $targetId: lab });
  for (const device of devices) {
    if (device === null) await client.deleteRelationship(id, `${id}-processedBy`);
    else await client.upsertRelationship(id, `${id}-processedBy`, { $relationshipName: "processedBy", $targetId: device });
  }
  return id;
}

async function rows(query) {
  const result = [];
  for await (const row of client.queryTwins(query)) result.push(row);
  return result;
}

before(async () => {
  await client.createModels(projectModels());
  await client.upsertDigitalTwin(lab, JSON.stringify({ $metadata: { $model: "dtmi:platelettwins:Lab;1" } }));
  await client.upsertDigitalTwin(centrifuge, JSON.stringify({ $metadata: { $model: "dtmi:platelettwins:devices:Centrifuge;1" } }));
  await client.upsertDigitalTwin(agitator, JSON.stringify({ $metadata: { $model: "dtmi:platelettwins:devices:Agitator;1" } }));
  // Pool 1 moved from the centrifuge to the agitator; pool 2 released (processedBy deleted); pool 8 of group A.
  const first = await pool(1, "O", "Storage", "2026-01-05T20:00:00Z", [centrifuge, agitator]);
  await client.updateDigitalTwin(first, [
    { op: "add", path: "/route", value: route },
    { op: "add", path: "/$metadata/route/sourceTime", value: "2026-01-05T06:00:00Z" },
  ]);
  await pool(2, "O", "Released", "2026-01-05T12:00:00Z", [agitator, null]);
  await pool(8, "A", "Storage", "2026-01-07T09:00:00Z", [agitator]);
});

test("where is pool P000001: the device its processedBy was moved to", async () => {
  const result = await rows(queries.whereIs);
  assert.equal(result.length, 1);
  assert.equal(result[0].D.$dtId, agitator);
  assert.equal(result[0].D.$metadata.$model, "dtmi:platelettwins:devices:Agitator;1");
});

test("what the agitator holds, and how many", async () => {
  const held = await rows(queries.heldBy);
  assert.deepEqual(held.map((r) => r.P.$dtId).sort(), [poolTwin(1), poolTwin(8)]);
  assert.deepEqual(await rows(queries.countHeldBy), [{ COUNT: 2 }]);
});

test("pools of group O expiring in the next 24 h, still in the lab", async () => {
  assert.deepEqual(await rows(queries.expiring), [
    { $dtId: poolTwin(1), poolId: "P000001", stage: "Storage", expiryTime: "2026-01-05T20:00:00Z" },
  ]);
});

test("the route of pool P000001, projected whole", async () => {
  assert.deepEqual(await rows(queries.route), [{ route }]);
});

test("the donations of pool P000001, and the pool that took WB000042", async () => {
  assert.deepEqual(await rows(queries.donations), [{ donations: donations(1) }]);
  assert.deepEqual(await rows(queries.tookDonation), [{ $dtId: poolTwin(8), poolId: "P000008" }]);
});
