// Microsoft's samples dt_relationships_get.js, dt_relationships_list.js and dt_incoming_relationships_list.js
// (samples/v1/javascript of @azure/digital-twins-core), their steps as they have them, against MockAdt: only the
// endpoint is MockAdt's, and the ids they leave to the reader are the hospital's (./sample-hospital.mjs).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { DefaultAzureCredential } from "@azure/identity";
import { DigitalTwinsClient } from "./sample-endpoint.mjs";
import { inspect } from "node:util";
import { createHospital, twinIds } from "./sample-hospital.mjs";

const url = process.env.AZURE_DIGITALTWINS_URL;

before(async () => createHospital(new DigitalTwinsClient(url, new DefaultAzureCredential())));

test("dt_relationships_get", async () => {
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  const digitalTwinId = twinIds.building;
  const relationshipId = "BuildingHasFloor";
  const relationship = await serviceClient.getRelationship(digitalTwinId, relationshipId);
  console.log(`Relationship:`);
  console.log(inspect(relationship));
  assert.equal(relationship.body.$targetId, twinIds.floor);
  assert.equal(relationship.body.isAccessRestricted, false);
});

test("dt_relationships_list", async () => {
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  const digitalTwinId = twinIds.building;
  const relationships = serviceClient.listRelationships(digitalTwinId);
  const ids = [];
  for await (const relationship of relationships) {
    console.log(`Relationship:`);
    console.log(inspect(relationship));
    ids.push(relationship.$relationshipId);
  }
  assert.deepEqual(ids.sort(), ["BuildingHasFloor", "BuildingIsEquippedWithHVAC"]);
});

test("dt_incoming_relationships_list", async () => {
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  const digitalTwinId = twinIds.floor;
  const incomingRelationships = serviceClient.listIncomingRelationships(digitalTwinId);
  const sources = [];
  for await (const incomingRelationship of incomingRelationships) {
    console.log(`Incoming Relationship:`);
    console.log(inspect(incomingRelationship));
    sources.push(incomingRelationship.sourceId); // the SDK names the wire's $sourceId sourceId
  }
  assert.deepEqual(sources.sort(), [twinIds.building, twinIds.hvac]);
});
