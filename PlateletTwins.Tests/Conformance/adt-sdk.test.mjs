// Conformance of MockAdt with Microsoft's ADT client for JavaScript (@azure/digital-twins-core 1.1.0).
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createClient, unique } from "./adt-client.mjs";

const { client, httpClient } = createClient();
const dtdlDir = process.env.DTDL_DIR;

function projectModels(dir = dtdlDir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? projectModels(path) : [JSON.parse(readFileSync(path, "utf8"))];
  });
}

async function rejectsWith(promise, statusCode, code) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.statusCode, statusCode, `status of ${error.message}`);
    if (code) assert.equal(error.code, code);
    return true;
  });
}

const suffix = Math.random().toString(36).slice(2, 8);
const roomModel = `dtmi:conformance${suffix}:Room;1`;
const thermostatModel = `dtmi:conformance${suffix}:Thermostat;1`;
const testModels = [
  {
    "@context": "dtmi:dtdl:context;3", "@id": thermostatModel, "@type": "Interface", displayName: "Thermostat",
    contents: [{ "@type": "Property", name: "setPoint", schema: "double" }],
  },
  {
    "@context": "dtmi:dtdl:context;3", "@id": roomModel, "@type": "Interface", displayName: "Room",
    contents: [
      { "@type": "Property", name: "temperature", schema: "double" },
      { "@type": "Property", name: "tags", schema: { "@type": "Map", mapKey: { name: "k", schema: "string" }, mapValue: { name: "v", schema: "string" } } },
      { "@type": "Component", name: "thermostat", schema: thermostatModel },
      { "@type": "Relationship", name: "adjoins", target: roomModel, properties: [{ "@type": "Property", name: "door", schema: "boolean" }] },
    ],
  },
];

before(async () => {
  const created = await client.createModels([...projectModels(), ...testModels]);
  assert.equal(created._response.status, 201);
});

describe("models", () => {
  test("getModel returns the model data, with its definition only when asked", async () => {
    const plain = await client.getModel(roomModel);
    const full = await client.getModel(roomModel, true);
    assert.equal(plain.id, roomModel);
    assert.equal(plain.decommissioned, false);
    assert.equal(plain.model, undefined);
    assert.equal(full.model["@id"], roomModel);
  });

  test("createModels with an existing id fails with ModelIdAlreadyExists", async () => {
    await rejectsWith(client.createModels(testModels.slice(0, 1)), 409, "ModelIdAlreadyExists");
  });

  test("createModels with invalid DTDL fails with DTDLParserError", async () => {
    const bad = { "@context": "dtmi:dtdl:context;3", "@id": `dtmi:conformance${suffix}:Bad;1`, "@type": "Interface",
      contents: [{ "@type": "Property", name: "temperature", schema: "celsius" }] };
    await rejectsWith(client.createModels([bad]), 400, "DTDLParserError");
  });

  test("listModels pages through every model, following nextLink", async () => {
    const ids = [];
    for await (const page of client.listModels([], false, 5).byPage()) {
      ids.push(...page.value.map((m) => m.id));
    }
    assert.ok(ids.includes(roomModel));
    assert.equal(new Set(ids).size, ids.length);
  });

  test("listModels with dependenciesFor returns the model and its dependencies", async () => {
    const ids = [];
    for await (const model of client.listModels([roomModel], true)) ids.push(model.id);
    assert.deepEqual(ids.sort(), [roomModel, thermostatModel].sort());
  });

  test("decomissionModel answers 204, twice", async () => {
    const id = `dtmi:conformance${suffix}:Old;1`;
    await client.createModels([{ "@context": "dtmi:dtdl:context;3", "@id": id, "@type": "Interface" }]);
    assert.equal((await client.decomissionModel(id))._response.status, 204);
    assert.equal((await client.decomissionModel(id))._response.status, 204);
    assert.equal((await client.getModel(id)).decommissioned, true);
  });

  test("deleteModel of a model another uses is ModelReferencesNotDeleted; of an unused one, 204", async () => {
    await rejectsWith(client.deleteModel(thermostatModel), 409, "ModelReferencesNotDeleted");
    const id = `dtmi:conformance${suffix}:Temp;1`;
    await client.createModels([{ "@context": "dtmi:dtdl:context;3", "@id": id, "@type": "Interface" }]);
    assert.equal((await client.deleteModel(id))._response.status, 204);
    await rejectsWith(client.getModel(id), 404, "ModelNotFound");
  });
});

function room(extra = {}) {
  return JSON.stringify({ $metadata: { $model: roomModel }, thermostat: { $metadata: {} }, ...extra });
}

describe("twins", () => {
  test("upsertDigitalTwin creates and returns the twin with its etag", async () => {
    const id = unique("room");
    const created = await client.upsertDigitalTwin(id, room({ temperature: 21 }));
    assert.equal(created._response.status, 200);
    assert.equal(created.body.$dtId, id);
    assert.equal(created.body.temperature, 21);
    assert.match(created.etag, /^W\/"[0-9a-f-]{36}"$/);
    assert.equal(created.etag, created.body.$etag);
  });

  test("upsertDigitalTwin with ifNoneMatch '*' on an existing twin is PreconditionFailed", async () => {
    const id = unique("room");
    await client.upsertDigitalTwin(id, room());
    await rejectsWith(client.upsertDigitalTwin(id, room(), { ifNoneMatch: "*" }), 412, "PreconditionFailed");
  });

  test("updateDigitalTwin applies a JSON Patch, sourceTime included, and sends json-patch+json", async () => {
    const id = unique("room");
    await client.upsertDigitalTwin(id, room());
    const result = await client.updateDigitalTwin(id, [
      { op: "add", path: "/temperature", value: 22.5 },
      { op: "add", path: "/$metadata/temperature/sourceTime", value: "2026-01-05T07:00:00Z" },
      { op: "add", path: "/tags", value: { floor: "1" } },
    ]);
    assert.equal(result._response.status, 204);
    const sent = httpClient.requests.at(-1);
    assert.equal(sent.method, "PATCH");
    assert.match(sent.headers["content-type"] ?? sent.headers["Content-Type"], /application\/json-patch\+json/);
    const twin = (await client.getDigitalTwin(id)).body;
    assert.equal(twin.temperature, 22.5);
    assert.equal(twin.$metadata.temperature.sourceTime, "2026-01-05T07:00:00Z");
    assert.equal(twin.tags.floor, "1");
    assert.equal(result.etag, twin.$etag);
  });

  test("updateDigitalTwin with a stale ifMatch is PreconditionFailed", async () => {
    const id = unique("room");
    const { etag } = await client.upsertDigitalTwin(id, room({ temperature: 1 }));
    await client.updateDigitalTwin(id, [{ op: "replace", path: "/temperature", value: 2 }], { ifMatch: etag });
    await rejectsWith(client.updateDigitalTwin(id, [{ op: "replace", path: "/temperature", value: 3 }], { ifMatch: etag }), 412, "PreconditionFailed");
  });

  test("replace of an unset property is JsonPatchInvalid; a wrong type is ValidationFailed", async () => {
    const id = unique("room");
    await client.upsertDigitalTwin(id, room());
    await rejectsWith(client.updateDigitalTwin(id, [{ op: "replace", path: "/temperature", value: 2 }]), 400, "JsonPatchInvalid");
    await rejectsWith(client.updateDigitalTwin(id, [{ op: "add", path: "/temperature", value: "warm" }]), 400, "ValidationFailed");
  });

  test("a twin without its component is ValidationFailed", async () => {
    await rejectsWith(client.upsertDigitalTwin(unique("room"), JSON.stringify({ $metadata: { $model: roomModel } })), 400, "ValidationFailed");
  });

  test("getDigitalTwin of a missing twin is DigitalTwinNotFound", async () => {
    await rejectsWith(client.getDigitalTwin(unique("nothing")), 404, "DigitalTwinNotFound");
  });

  test("deleteDigitalTwin answers 204", async () => {
    const id = unique("room");
    await client.upsertDigitalTwin(id, room());
    assert.equal((await client.deleteDigitalTwin(id))._response.status, 204);
    await rejectsWith(client.getDigitalTwin(id), 404, "DigitalTwinNotFound");
  });
});

describe("components", () => {
  test("updateComponent and getComponent work on the component's own properties and metadata", async () => {
    const id = unique("room");
    await client.upsertDigitalTwin(id, room());
    const updated = await client.updateComponent(id, "thermostat", [{ op: "add", path: "/setPoint", value: 19.5 }]);
    assert.equal(updated._response.status, 204);
    const component = (await client.getComponent(id, "thermostat")).body;
    assert.equal(component.setPoint, 19.5);
    assert.ok(component.$metadata.setPoint.lastUpdateTime);
    const twin = (await client.getDigitalTwin(id)).body;
    assert.equal(twin.thermostat.setPoint, 19.5);
  });

  test("getComponent of an unknown component is ComponentNotFound", async () => {
    const id = unique("room");
    await client.upsertDigitalTwin(id, room());
    await rejectsWith(client.getComponent(id, "nothing"), 404, "ComponentNotFound");
  });
});

describe("relationships", () => {
  test("upsert, get, list, list incoming, update and delete a relationship", async () => {
    const a = unique("room");
    const b = unique("room");
    await client.upsertDigitalTwin(a, room());
    await client.upsertDigitalTwin(b, room());
    const relationship = { $relationshipId: "r1", $sourceId: a, $relationshipName: "adjoins", $targetId: b, door: true };

    const created = await client.upsertRelationship(a, "r1", relationship);
    assert.equal(created._response.status, 200);
    assert.equal(created.body.$targetId, b);
    assert.equal(created.etag, created.body.$etag);

    const read = (await client.getRelationship(a, "r1")).body;
    assert.equal(read.door, true);

    const outgoing = [];
    for await (const r of client.listRelationships(a)) outgoing.push(r);
    assert.deepEqual(outgoing.map((r) => r.$relationshipId), ["r1"]);

    const incoming = [];
    for await (const r of client.listIncomingRelationships(b)) incoming.push(r);
    assert.equal(incoming.length, 1);
    assert.equal(incoming[0].sourceId, a); // the SDK maps the wire names ($sourceId, …) to camelCase
    assert.equal(incoming[0].relationshipName, "adjoins");
    assert.equal(incoming[0].relationshipLink, `/digitaltwins/${a}/relationships/r1`);

    await client.updateRelationship(a, "r1", [{ op: "replace", path: "/door", value: false }]);
    assert.equal((await client.getRelationship(a, "r1")).body.door, false);

    await rejectsWith(client.deleteDigitalTwin(b), 400, "RelationshipsNotDeleted");
    assert.equal((await client.deleteRelationship(a, "r1"))._response.status, 204);
    await rejectsWith(client.getRelationship(a, "r1"), 404, "RelationshipNotFound");
    assert.equal((await client.deleteDigitalTwin(b))._response.status, 204);
  });

  test("a relationship to a missing twin is TargetDigitalTwinNotFound", async () => {
    const a = unique("room");
    await client.upsertDigitalTwin(a, room());
    await rejectsWith(client.upsertRelationship(a, "r", { $relationshipName: "adjoins", $targetId: unique("nothing") }), 404, "TargetDigitalTwinNotFound");
  });

  test("a relationship the source's model does not declare is ValidationFailed", async () => {
    const a = unique("room");
    const b = unique("room");
    await client.upsertDigitalTwin(a, room());
    await client.upsertDigitalTwin(b, room());
    await rejectsWith(client.upsertRelationship(a, "r", { $relationshipName: "feeds", $targetId: b }), 400, "ValidationFailed");
  });
});

describe("telemetry", () => {
  async function received(twinId) {
    const response = await fetch(`${process.env.MOCKADT_URL.replace(/\/$/, "")}/mockadt/telemetry?twinId=${encodeURIComponent(twinId)}`);
    return response.json();
  }

  test("publishTelemetry answers 204, sends the Message-Id, and a repeated Message-Id is not a second message", async () => {
    const id = unique("room");
    await client.upsertDigitalTwin(id, room());
    const sent = await client.publishTelemetry(id, { temperature: 20.5 }, "message-1");
    assert.equal(sent._response.status, 204);
    assert.equal(httpClient.requests.at(-1).headers["message-id"] ?? httpClient.requests.at(-1).headers["Message-Id"], "message-1");
    await client.publishTelemetry(id, { temperature: 20.5 }, "message-1");
    const messages = await received(id);
    assert.equal(messages.length, 1);
    assert.equal(messages[0].messageId, "message-1");
    assert.deepEqual(messages[0].body, { temperature: 20.5 });
  });

  test("publishComponentTelemetry reaches the component (the 1.1.0 SDK swaps payload and Message-Id: pass them swapped)", async () => {
    const id = unique("room");
    await client.upsertDigitalTwin(id, room());
    const payload = JSON.stringify({ setPoint: 21 });
    const sent = await client.publishComponentTelemetry(id, "thermostat", "message-2", payload);
    assert.equal(sent._response.status, 204);
    const wire = httpClient.requests.at(-1);
    assert.match(wire.url, /\/components\/thermostat\/telemetry/);
    const messages = await received(id);
    assert.equal(messages[0].component, "thermostat");
    assert.equal(messages[0].messageId, "message-2");
  });

  test("telemetry from a missing twin is DigitalTwinNotFound", async () => {
    await rejectsWith(client.publishTelemetry(unique("nothing"), { a: 1 }, "m"), 404, "DigitalTwinNotFound");
  });
});

describe("query", () => {
  const rooms = [unique("qroom"), unique("qroom"), unique("qroom")];
  before(async () => {
    for (const [i, id] of rooms.entries()) await client.upsertDigitalTwin(id, room({ temperature: 20 + i }));
    await client.upsertRelationship(rooms[0], "next", { $relationshipId: "next", $sourceId: rooms[0], $relationshipName: "adjoins", $targetId: rooms[1], door: true });
  });

  test("queryTwins pages by resultsPerPage (max-items-per-page), sending query and continuationToken, and reads the query charge", async () => {
    const pages = [];
    for await (const page of client.queryTwins(`SELECT * FROM DIGITALTWINS WHERE IS_OF_MODEL('${roomModel}') AND STARTSWITH($dtId, 'qroom')`, 2).byPage()) {
      pages.push(page);
    }
    const ids = pages.flatMap((p) => p.value.map((t) => t.$dtId));
    assert.ok(ids.length >= 3, `at least this run's rooms, got ${ids.length}`);
    for (const id of rooms) assert.ok(ids.includes(id), `${id} in the results`);
    assert.ok(pages.length >= 2);
    assert.ok(pages.slice(0, -1).every((p) => p.value.length === 2 && typeof p.continuationToken === "string"));
    assert.ok(pages.every((p) => Number(p.queryCharge) > 0), "query-charge on every page");
  });

  test("projections, COUNT, JOIN and MATCH come back in ADT's row shapes", async () => {
    const projected = [];
    for await (const row of client.queryTwins(`SELECT T.temperature AS t FROM DIGITALTWINS T WHERE T.$dtId = '${rooms[2]}'`)) projected.push(row);
    assert.deepEqual(projected, [{ t: 22 }]);

    const counted = [];
    for await (const row of client.queryTwins(`SELECT COUNT() FROM DIGITALTWINS WHERE $dtId IN ['${rooms.join("','")}']`)) counted.push(row);
    assert.deepEqual(counted, [{ COUNT: 3 }]);

    const joined = [];
    for await (const row of client.queryTwins(`SELECT A, B, R FROM DIGITALTWINS A JOIN B RELATED A.adjoins R WHERE A.$dtId = '${rooms[0]}'`)) joined.push(row);
    assert.equal(joined.length, 1);
    assert.equal(joined[0].B.$dtId, rooms[1]);
    assert.equal(joined[0].R.door, true);

    const matched = [];
    for await (const row of client.queryTwins(`SELECT B, R FROM DIGITALTWINS MATCH (A)-[R:adjoins]->(B) WHERE A.$dtId = '${rooms[0]}'`)) matched.push(row);
    assert.equal(matched.length, 1);
    assert.equal(matched[0].B.$dtId, rooms[1]);
    assert.equal(matched[0].R.$relationshipId, "next");
  });

  test("a query that does not parse fails with SqlQueryError", async () => {
    await rejectsWith(client.queryTwins("SELECT * FROM NOWHERE").next(), 400, "SqlQueryError");
  });
});

describe("event routes", () => {
  test("upsertEventRoute, getEventRoute, listEventRoutes and deleteEventRoute against MockAdt's stream endpoint", async () => {
    const id = unique("route");
    const created = await client.upsertEventRoute(id, "stream", "type = 'Microsoft.DigitalTwins.Twin.Update'");
    assert.equal(created._response.status, 204);

    const route = await client.getEventRoute(id);
    assert.equal(route.id, id);
    assert.equal(route.endpointName, "stream");
    assert.equal(route.filter, "type = 'Microsoft.DigitalTwins.Twin.Update'");

    const ids = [];
    for await (const r of client.listEventRoutes()) ids.push(r.id);
    assert.ok(ids.includes(id));

    assert.equal((await client.deleteEventRoute(id))._response.status, 204);
    await rejectsWith(client.getEventRoute(id), 404, "EventRouteNotFound");
  });

  test("a route to an endpoint that does not exist is EventRouteEndpointInvalid", async () => {
    await rejectsWith(client.upsertEventRoute(unique("route"), "nowhere", "true"), 400, "EventRouteEndpointInvalid");
  });
});

describe("authorization", () => {
  test("a Data Reader token reads but cannot write (403)", async () => {
    const { client: reader } = createClient(process.env.MOCKADT_READER_TOKEN);
    const id = unique("room");
    await client.upsertDigitalTwin(id, room());
    assert.equal((await reader.getDigitalTwin(id)).body.$dtId, id);
    await rejectsWith(reader.updateDigitalTwin(id, [{ op: "add", path: "/temperature", value: 1 }]), 403);
  });

  test("a token MockAdt does not know is refused (401)", async () => {
    const { client: stranger } = createClient("not-a-known-token");
    await rejectsWith(stranger.getModel(roomModel), 401);
  });
});
