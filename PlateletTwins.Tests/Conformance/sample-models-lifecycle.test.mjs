// Microsoft's sample samples/v1/javascript/dt_models_lifecycle.js (@azure/digital-twins-core), its steps as it has
// them, against MockAdt: only the endpoint (./sample-endpoint.mjs) is MockAdt's. The sample has no assertions of its
// own (it fails when a call throws); the few here check what it prints.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DefaultAzureCredential } from "@azure/identity";
import { DigitalTwinsClient } from "./sample-endpoint.mjs";
import { inspect } from "node:util";
import { v4 } from "uuid";

test("dt_models_lifecycle", async () => {
  const modelId = `dtmi:model_${v4().split("-").join("")};1`;
  const componentId = `dtmi:component_${v4().split("-").join("")};1`;

  const temporaryComponent = {
    "@id": componentId,
    "@type": "Interface",
    "@context": "dtmi:dtdl:context;2",
    displayName: "Component1",
    contents: [
      { "@type": "Property", name: "ComponentProp1", schema: "string" },
      { "@type": "Telemetry", name: "ComponentTelemetry1", schema: "integer" },
    ],
  };

  const temporaryModel = {
    "@id": modelId,
    "@type": "Interface",
    "@context": "dtmi:dtdl:context;2",
    displayName: "TempModel",
    contents: [
      { "@type": "Property", name: "Prop1", schema: "string" },
      { "@type": "Component", name: "Component1", schema: componentId },
      { "@type": "Telemetry", name: "Telemetry1", schema: "integer" },
    ],
  };

  const url = process.env.AZURE_DIGITALTWINS_URL;
  const credential = new DefaultAzureCredential();
  const serviceClient = new DigitalTwinsClient(url, credential);

  // Create models
  const newModels = [temporaryComponent, temporaryModel];
  const models = await serviceClient.createModels(newModels);
  console.log(`Created Models:`);
  console.log(inspect(models));
  assert.deepEqual(models.map((m) => m.id), [componentId, modelId]);

  // Get created model
  const getComponentModel = await serviceClient.getModel(componentId);
  console.log(`Get Component Models:`);
  console.log(inspect(getComponentModel));
  assert.equal(getComponentModel.id, componentId);

  const getModel = await serviceClient.getModel(modelId);
  console.log(`Get Models:`);
  console.log(inspect(getModel));
  assert.deepEqual(getModel.displayName, { en: "TempModel" });

  // List all models
  const listed = [];
  const listedModels = serviceClient.listModels();
  for await (const model of listedModels) {
    console.log(`Model:`);
    console.log(inspect(model));
    listed.push(model.id);
  }
  assert.ok(listed.includes(modelId) && listed.includes(componentId));

  // Decommission models
  let response = await serviceClient.decomissionModel(modelId);
  console.log(`Decomission Model response:`);
  console.log(inspect(response));

  response = await serviceClient.decomissionModel(componentId);
  console.log(`Decomission Component Model response:`);
  console.log(inspect(response));

  // Delete models
  response = await serviceClient.deleteModel(modelId);
  console.log(`Delete Model response:`);
  console.log(inspect(response));

  response = await serviceClient.deleteModel(componentId);
  console.log(`Delete Component Model response:`);
  console.log(inspect(response));
  await assert.rejects(serviceClient.getModel(modelId), (error) => error.statusCode === 404);
});
