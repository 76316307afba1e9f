// Microsoft's samples dt_publish_telemetry.js and dt_publish_component_telemetry.js (samples/v1/javascript of
// @azure/digital-twins-core), their steps as they have them, against MockAdt: only the endpoint is MockAdt's, and the
// twin and component they leave to the reader are the hospital's room and its wifiAccessPoint.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { DefaultAzureCredential } from "@azure/identity";
import { DigitalTwinsClient } from "./sample-endpoint.mjs";
import { inspect } from "node:util";
import { v4 } from "uuid";
import { createHospital, twinIds } from "./sample-hospital.mjs";

const url = process.env.AZURE_DIGITALTWINS_URL;

before(async () => createHospital(new DigitalTwinsClient(url, new DefaultAzureCredential())));

async function telemetryOf(twinId) {
  const response = await fetch(`${url}/mockadt/telemetry?twinId=${encodeURIComponent(twinId)}`);
  assert.equal(response.status, 200);
  return response.json();
}

test("dt_publish_telemetry", async () => {
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  // Publish telemetry message
  const digitalTwinId = twinIds.room;
  const telemetryPayload = '{"Telemetry1": 5}';
  const response = await serviceClient.publishTelemetry(digitalTwinId, telemetryPayload, v4());
  console.log(`Publish Component Telemetry response:`);
  console.log(inspect(response));
  // The SDK sends the string payload as a JSON string; it arrived as sent.
  const received = await telemetryOf(digitalTwinId);
  assert.equal(received.length, 1, JSON.stringify(received));
  assert.equal(received[0].body, telemetryPayload);
});

test("dt_publish_component_telemetry", async () => {
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  // Publish telemetry message
  const digitalTwinId = twinIds.room;
  const componentPath = "wifiAccessPoint";
  const telemetryPayload = '{"Telemetry1": 5}';
  const response = await serviceClient.publishComponentTelemetry(digitalTwinId, componentPath, telemetryPayload, v4());
  console.log(`Publish Component Telemetry response:`);
  console.log(inspect(response));
});
