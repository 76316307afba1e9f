// MockAdt's verdict on model uploads, compared with Microsoft's DTDL parser (@digicatapult/dtdl-parser, the .NET
// DTDLParser compiled to WebAssembly): where the parser accepts, MockAdt answers 201; where it refuses, 400 DTDLParserError.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "./adt-client.mjs";
import { validCases, invalidCases } from "./dtdl-cases.mjs";

const { client } = createClient();
let parser;

before(async () => {
  parser = await (await import("@digicatapult/dtdl-parser")).getInterop();
});

function readModels(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? readModels(path) : [JSON.parse(readFileSync(path, "utf8"))];
  });
}

// Each case gets ids of its own: every DTMI except the language's own (dtmi:dtdl:…) moves to a fresh namespace.
let counter = 0;
function isolate(models) {
  const prefix = `dtmi:case${++counter}x${Math.random().toString(36).slice(2, 8)}:`;
  return JSON.parse(JSON.stringify(models).replace(/dtmi:(?!dtdl:)/g, prefix));
}

function parserAccepts(models) {
  try {
    parser.parse(JSON.stringify(models));
    return { accepted: true };
  } catch (error) {
    return { accepted: false, reason: String(error).slice(0, 300) };
  }
}

async function mockAdtAccepts(models) {
  try {
    await client.createModels(models);
    return { accepted: true };
  } catch (error) {
    assert.equal(error.statusCode, 400, `unexpected status for a refused upload: ${error.message}`);
    assert.equal(error.code, "DTDLParserError");
    return { accepted: false, reason: error.message };
  }
}

test("the project's own dtdl/ is accepted by both", async () => {
  const models = isolate(readModels(process.env.DTDL_DIR));
  assert.deepEqual(parserAccepts(models), { accepted: true });
  assert.deepEqual(await mockAdtAccepts(models), { accepted: true });
});

for (const [name, models] of Object.entries(validCases)) {
  test(`accepted by both: ${name}`, async () => {
    const isolated = isolate(models);
    const parsed = parserAccepts(isolated);
    assert.ok(parsed.accepted, `the parser refused a case meant to be valid: ${parsed.reason}`);
    const uploaded = await mockAdtAccepts(isolated);
    assert.ok(uploaded.accepted, `MockAdt refused what the parser accepts: ${uploaded.reason}`);
  });
}

for (const [name, spec] of Object.entries(invalidCases)) {
  const adtOnly = !Array.isArray(spec) && spec.adtOnly;
  const models = Array.isArray(spec) ? spec : spec.models;
  test(`refused by ${adtOnly ? "ADT (an ADT-only rule)" : "both"}: ${name}`, async () => {
    const isolated = isolate(models);
    const parsed = parserAccepts(isolated);
    assert.equal(parsed.accepted, adtOnly, adtOnly ? "the parser should accept what only ADT refuses" : "the parser accepted a case meant to be invalid");
    const uploaded = await mockAdtAccepts(isolated);
    assert.equal(uploaded.accepted, false, "MockAdt accepted a model that must be refused");
  });
}
