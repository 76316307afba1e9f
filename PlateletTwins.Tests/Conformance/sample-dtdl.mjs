// The DTDL of the SDK's samples (samples/v1/javascript/dtdl/: models/*.json, digitalTwins/*.json,
// relationships/hospitalRelationships.json), the hospital of dt_scenario.js; copied as the SDK samples give them.
export const building = {
  "@id": "dtmi:samples:Building;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  displayName: "Building",
  contents: [
    {
      "@type": "Relationship",
      name: "has",
      target: "dtmi:samples:Floor;1",
      properties: [{ "@type": "Property", name: "isAccessRestricted", schema: "boolean" }],
    },
    { "@type": "Relationship", name: "isEquippedWith", target: "dtmi:samples:HVAC;1" },
    { "@type": "Property", name: "AverageTemperature", schema: "double" },
    { "@type": "Property", name: "TemperatureUnit", schema: "string" },
  ],
};

export const floor = {
  "@id": "dtmi:samples:Floor;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  displayName: "Floor",
  contents: [
    { "@type": "Relationship", name: "contains", target: "dtmi:samples:Room;1" },
    { "@type": "Property", name: "AverageTemperature", schema: "double" },
  ],
};

export const hvac = {
  "@id": "dtmi:samples:HVAC;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  displayName: "HVAC",
  contents: [
    { "@type": "Property", name: "Efficiency", schema: "double" },
    { "@type": "Property", name: "TargetTemperature", schema: "double" },
    { "@type": "Property", name: "TargetHumidity", schema: "double" },
    { "@type": "Relationship", name: "controlsTemperature", target: "dtmi:samples:Floor;1" },
  ],
};

export const room = {
  "@id": "dtmi:samples:Room;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  displayName: "Room",
  contents: [
    { "@type": "Property", name: "Temperature", schema: "double" },
    { "@type": "Property", name: "Humidity", schema: "double" },
    { "@type": "Property", name: "IsOccupied", schema: "boolean" },
    { "@type": "Property", name: "EmployeeId", schema: "string" },
    { "@type": "Component", name: "wifiAccessPoint", schema: "dtmi:samples:Wifi;1" },
  ],
};

export const wifi = {
  "@id": "dtmi:samples:Wifi;1",
  "@type": "Interface",
  "@context": "dtmi:dtdl:context;2",
  displayName: "Wifi",
  contents: [
    { "@type": "Property", name: "RouterName", schema: "string" },
    { "@type": "Property", name: "Network", schema: "string" },
  ],
};

export const buildingTwin = { $metadata: { $model: "dtmi:samples:Building;1" }, AverageTemperature: 68, TemperatureUnit: "Celsius" };

export const floorTwin = { $metadata: { $model: "dtmi:samples:Floor;1" }, AverageTemperature: 75 };

export const hvacTwin = { $metadata: { $model: "dtmi:samples:HVAC;1" }, Efficiency: 94, TargetTemperature: 72, TargetHumidity: 30 };

export const roomTwin = {
  $metadata: { $model: "dtmi:samples:Room;1" },
  Temperature: 80,
  Humidity: 25,
  IsOccupied: true,
  EmployeeId: "Employee1",
  wifiAccessPoint: { $metadata: {}, RouterName: "Cisco1", Network: "Room1" },
};

export const hospitalRelationships = [
  { $relationshipId: "BuildingHasFloor", $sourceId: "BuildingTwin", $relationshipName: "has", $targetId: "FloorTwin", isAccessRestricted: false },
  { $relationshipId: "BuildingIsEquippedWithHVAC", $sourceId: "BuildingTwin", $relationshipName: "isEquippedWith", $targetId: "HVACTwin" },
  { $relationshipId: "HVACCoolsFloor", $sourceId: "HVACTwin", $relationshipName: "controlsTemperature", $targetId: "FloorTwin" },
  { $relationshipId: "FloorContainsRoom", $sourceId: "FloorTwin", $relationshipName: "contains", $targetId: "RoomTwin" },
];
