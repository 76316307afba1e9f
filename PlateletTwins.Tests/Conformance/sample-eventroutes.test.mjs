// Microsoft's samples dt_event_routes_get.js and dt_event_routes_list.js (samples/v1/javascript of
// @azure/digital-twins-core), their steps as they have them, against MockAdt: only the endpoint is MockAdt's; the
// route they read is made as dt_scenario.js makes one, to the endpoint AZURE_EVENT_HUB_ENDPOINT_NAME names.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { DefaultAzureCredential } from "@azure/identity";
import { DigitalTwinsClient } from "./sample-endpoint.mjs";
import { inspect } from "node:util";
import { v4 } from "uuid";

const url = process.env.AZURE_DIGITALTWINS_URL;
const existingRouteId = `eventRoute-${v4()}`;

before(async () => {
  const serviceClient = new DigitalTwinsClient(url, new DefaultAzureCredential());
  await serviceClient.upsertEventRoute(existingRouteId, process.env.AZURE_EVENT_HUB_ENDPOINT_NAME, "true");
});

test("dt_event_routes_get", async () => {
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  // Get event route
  const eventRouteId = existingRouteId;
  const eventRoute = serviceClient.getEventRoute(eventRouteId);
  console.log(`EventRoute:`);
  console.log(inspect(eventRoute));
  // The sample logs the promise unawaited; its route is this.
  const { id, endpointName, filter } = await eventRoute;
  assert.deepEqual({ id, endpointName, filter }, { id: existingRouteId, endpointName: process.env.AZURE_EVENT_HUB_ENDPOINT_NAME, filter: "true" });
});

test("dt_event_routes_list", async () => {
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  // List event routes
  const ids = [];
  const eventRoutes = serviceClient.listEventRoutes();
  for await (const eventRoute of eventRoutes) {
    console.log(`EventRoute:`);
    console.log(inspect(eventRoute));
    ids.push(eventRoute.id);
  }
  assert.ok(ids.includes(existingRouteId));
});
