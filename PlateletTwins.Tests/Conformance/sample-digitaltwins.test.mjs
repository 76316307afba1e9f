// Microsoft's samples dt_digitaltwins_lifecycle.js and dt_digitaltwins_query.js (samples/v1/javascript of
// @azure/digital-twins-core), their steps as they have them, against MockAdt: only the endpoint is MockAdt's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DefaultAzureCredential } from "@azure/identity";
import { DigitalTwinsClient } from "./sample-endpoint.mjs";
import { inspect } from "node:util";
import { v4 } from "uuid";
import { building, buildingTwin } from "./sample-dtdl.mjs";

const url = process.env.AZURE_DIGITALTWINS_URL;

test("dt_digitaltwins_lifecycle", async () => {
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  // Create model first
  const newModels = [building];
  const model = await serviceClient.createModels(newModels);
  console.log(`Created Model:`);
  console.log(inspect(model));

  // Create digital twin based on the created model
  const digitalTwinId = `digitalTwin-${v4()}`;
  const newTwin = JSON.stringify(buildingTwin);
  const createdTwin = await serviceClient.upsertDigitalTwin(digitalTwinId, newTwin);
  console.log(`Created Digital Twin:`);
  console.log(inspect(createdTwin));
  assert.equal(createdTwin.body.$dtId, digitalTwinId);

  // Get digital twin
  const getTwin = await serviceClient.getDigitalTwin(digitalTwinId);
  console.log(`Get Digital Twin:`);
  console.log(inspect(getTwin));
  assert.equal(getTwin.body.AverageTemperature, 68);

  // Update digital twin
  const twinPatch = { op: "replace", path: "/AverageTemperature", value: 42 };
  const updatedTwin = await serviceClient.updateDigitalTwin(digitalTwinId, [twinPatch]);
  console.log(`Updated Digital Twin:`);
  console.log(inspect(updatedTwin));
  assert.equal((await serviceClient.getDigitalTwin(digitalTwinId)).body.AverageTemperature, 42);

  // Delete digital twin
  const response = await serviceClient.deleteDigitalTwin(digitalTwinId);
  console.log(`Delete response:`);
  console.log(inspect(response));
  await assert.rejects(serviceClient.getDigitalTwin(digitalTwinId), (error) => error.statusCode === 404);
});

test("dt_digitaltwins_query", async () => {
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  // A twin for the query to find (the sample queries an instance that has some).
  const digitalTwinId = `digitalTwin-${v4()}`;
  await serviceClient.upsertDigitalTwin(digitalTwinId, JSON.stringify(buildingTwin));

  // Query digital twins
  const query = "SELECT * FROM digitaltwins";
  const queryResult = serviceClient.queryTwins(query);
  const found = [];
  for await (const item of queryResult) {
    console.log(`DigitalTwin:`);
    console.log(inspect(item));
    found.push(item.$dtId);
  }
  assert.deepEqual(found, [digitalTwinId]);
});
