// The instance the samples that take existing ids ("<digital twin ID> must exist in your Azure Digital Twins
// instance") assume: the hospital of dt_scenario.js, its models, twins and relationships.
import * as dtdl from "./sample-dtdl.mjs";

export const twinIds = { building: "BuildingTwin", floor: "FloorTwin", hvac: "HVACTwin", room: "RoomTwin" };

export async function createHospital(serviceClient) {
  await serviceClient.createModels([dtdl.wifi, dtdl.room, dtdl.floor, dtdl.building, dtdl.hvac]);
  await serviceClient.upsertDigitalTwin(twinIds.building, JSON.stringify(dtdl.buildingTwin));
  await serviceClient.upsertDigitalTwin(twinIds.floor, JSON.stringify(dtdl.floorTwin));
  await serviceClient.upsertDigitalTwin(twinIds.hvac, JSON.stringify(dtdl.hvacTwin));
  await serviceClient.upsertDigitalTwin(twinIds.room, JSON.stringify(dtdl.roomTwin));
  for (const relationship of dtdl.hospitalRelationships) {
    await serviceClient.upsertRelationship(relationship["$sourceId"], relationship["$relationshipId"], relationship);
  }
}
