// Microsoft's sample dt_scenario.js (samples/v1/javascript of @azure/digital-twins-core), the hospital building
// scenario, its steps as it has them, against MockAdt: only the endpoint is MockAdt's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DefaultAzureCredential } from "@azure/identity";
import { DigitalTwinsClient } from "./sample-endpoint.mjs";
import { v4 } from "uuid";
import { inspect } from "node:util";
import {
  buildingTwin, floorTwin, hvacTwin, roomTwin, building, floor, room, wifi, hvac, hospitalRelationships,
} from "./sample-dtdl.mjs";

test("dt_scenario", async () => {
  const url = process.env.AZURE_DIGITALTWINS_URL;
  const eventHubEndpointName = process.env.AZURE_EVENT_HUB_ENDPOINT_NAME;
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  // Create models
  const newModels = [wifi, room, floor, building, hvac];
  const createdModels = await serviceClient.createModels(newModels);
  console.log(createdModels);

  // List models
  const listed = [];
  const models = serviceClient.listModels();
  for await (const model of models) {
    console.log(`Model: ${inspect(model)}`);
    listed.push(model.id);
  }
  assert.deepEqual(listed.sort(), newModels.map((m) => m["@id"]).sort());

  // Create digital twins
  const buildingTwinId = "BuildingTwin";
  const floorTwinId = "FloorTwin";
  const hvacTwinId = "HVACTwin";
  const roomTwinId = "RoomTwin";

  const createdBuildingTwin = await serviceClient.upsertDigitalTwin(buildingTwinId, JSON.stringify(buildingTwin));
  console.log(`BuildingTwin:`);
  console.log(inspect(createdBuildingTwin));

  const createdFloorTwin = await serviceClient.upsertDigitalTwin(floorTwinId, JSON.stringify(floorTwin));
  console.log(`FloorTwin:`);
  console.log(inspect(createdFloorTwin));

  const createdHVACTwin = await serviceClient.upsertDigitalTwin(hvacTwinId, JSON.stringify(hvacTwin));
  console.log(`HVACTwin:`);
  console.log(inspect(createdHVACTwin));

  const createdRoomTwin = await serviceClient.upsertDigitalTwin(roomTwinId, JSON.stringify(roomTwin));
  console.log(`RoomTwin:`);
  console.log(inspect(createdRoomTwin));
  assert.equal(createdRoomTwin.body.wifiAccessPoint.RouterName, "Cisco1");

  // Create relationships
  for (const relationship of hospitalRelationships) {
    await serviceClient.upsertRelationship(relationship["$sourceId"], relationship["$relationshipId"], relationship);
  }

  // Create event route
  const eventRouteId = `eventRoute-${v4()}`;
  const eventFilter =
    "$eventType = 'DigitalTwinTelemetryMessages' or $eventType = 'DigitalTwinLifecycleNotification'";
  const response = await serviceClient.upsertEventRoute(eventRouteId, eventHubEndpointName, eventFilter);
  console.log(`Upsert Event Route response:`);
  console.log(inspect(response));

  // Get event route
  const createdEventRoute = await serviceClient.getEventRoute(eventRouteId);
  console.log(`Created Event Route:`);
  console.log(inspect(createdEventRoute));
  assert.equal(createdEventRoute.filter, eventFilter);

  // Clean up
  await serviceClient.deleteEventRoute(eventRouteId);

  for (const relationship of hospitalRelationships) {
    await serviceClient.deleteRelationship(relationship["$sourceId"], relationship["$relationshipId"]);
  }

  await serviceClient.deleteDigitalTwin(buildingTwinId);
  await serviceClient.deleteDigitalTwin(floorTwinId);
  await serviceClient.deleteDigitalTwin(hvacTwinId);
  await serviceClient.deleteDigitalTwin(roomTwinId);

  await serviceClient.decomissionModel(building["@id"]);
  await serviceClient.decomissionModel(floor["@id"]);
  await serviceClient.decomissionModel(room["@id"]);
  await serviceClient.decomissionModel(wifi["@id"]);

  await serviceClient.deleteModel(building["@id"]);
  await serviceClient.deleteModel(floor["@id"]);
  await serviceClient.deleteModel(room["@id"]);
  await serviceClient.deleteModel(wifi["@id"]);

  // What the sample leaves: the HVAC model, never decommissioned nor deleted.
  const left = [];
  for await (const model of serviceClient.listModels()) {
    left.push(model.id);
  }
  assert.deepEqual(left, [hvac["@id"]]);
});
