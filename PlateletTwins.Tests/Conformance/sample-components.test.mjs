// Microsoft's sample dt_component_lifecycle.js (samples/v1/javascript of @azure/digital-twins-core), its steps as
// it has them, against MockAdt: only the endpoint is MockAdt's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DefaultAzureCredential } from "@azure/identity";
import { DigitalTwinsClient } from "./sample-endpoint.mjs";
import { v4 } from "uuid";
import { inspect } from "node:util";

test("dt_component_lifecycle", async () => {
  const modelId = `dtmi:model_${v4().split("-").join("")};1`;
  const componentId = `dtmi:component_${v4().split("-").join("")};1`;
  const digitalTwinId = `digitalTwin-${v4()}`;

  const temporaryComponent = {
    "@id": componentId,
    "@type": "Interface",
    "@context": "dtmi:dtdl:context;2",
    displayName: "Component1",
    contents: [{ "@type": "Property", name: "ComponentProp1", schema: "string" }],
  };

  const temporaryModel = {
    "@id": modelId,
    "@type": "Interface",
    "@context": "dtmi:dtdl:context;2",
    displayName: "TempModel",
    contents: [
      { "@type": "Property", name: "Prop1", schema: "double" },
      { "@type": "Component", name: "Component1", schema: componentId },
    ],
  };

  const temporaryTwin = {
    $dtId: digitalTwinId,
    $metadata: { $model: modelId },
    Prop1: 42,
    Component1: { $metadata: {}, ComponentProp1: "value1" },
  };

  const url = process.env.AZURE_DIGITALTWINS_URL;
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  // Create models
  const newModels = [temporaryComponent, temporaryModel];
  const models = await serviceClient.createModels(newModels);
  console.log(`Created Models:`);
  console.log(inspect(models));

  // Create digital twin
  const createdTwin = await serviceClient.upsertDigitalTwin(digitalTwinId, JSON.stringify(temporaryTwin));
  console.log(`Created Digital Twin:`);
  console.log(inspect(createdTwin));

  // Update component
  const componentPath = "Component1";
  const patch = { op: "replace", path: "/ComponentProp1", value: "value2" };
  const updateComponentResponse = await serviceClient.updateComponent(digitalTwinId, componentPath, [patch]);
  console.log(`Update Component response:`);
  console.log(inspect(updateComponentResponse));

  // Get component
  const getComponent = await serviceClient.getComponent(digitalTwinId, componentPath);
  console.log(`Get Component:`);
  console.log(inspect(getComponent));
  assert.equal(getComponent.body.ComponentProp1, "value2");

  // Delete digital twin
  const deleteDigitalTwinResponse = await serviceClient.deleteDigitalTwin(digitalTwinId);
  console.log(`Delete response:`);
  console.log(inspect(deleteDigitalTwinResponse));

  // Decommission models
  let decomissionModelResponse = await serviceClient.decomissionModel(modelId);
  console.log(`Decomission Model response:`);
  console.log(inspect(decomissionModelResponse));
  decomissionModelResponse = await serviceClient.decomissionModel(componentId);
  console.log(`Decomission Component Model response:`);
  console.log(inspect(decomissionModelResponse));

  // Delete models
  let deleteModelResponse = await serviceClient.deleteModel(modelId);
  console.log(`Delete Model response:`);
  console.log(inspect(deleteModelResponse));

  deleteModelResponse = await serviceClient.deleteModel(componentId);
  console.log(`Delete Component Model response:`);
  console.log(inspect(deleteModelResponse));
});
