// Models on which MockAdt's upload verdict is compared with Microsoft's DTDL parser. Every id is rewritten per case
// so the cases do not collide in one MockAdt. `adtOnly: true` marks a rule ADT adds to DTDL (the parser accepts the
// model, ADT refuses it), documented in "Service-specific DTDL notes".
const iface = (id, extra = {}, version = 3) => ({ "@context": `dtmi:dtdl:context;${version}`, "@id": id, "@type": "Interface", ...extra });
const prop = (name, schema) => ({ "@type": "Property", name, schema });

export const validCases = {
  "primitives of every kind": [iface("dtmi:t:A;1", { contents: ["boolean", "date", "dateTime", "double", "duration", "float", "integer", "long", "string", "time"].map((s, i) => prop(`p${i}`, s)) })],
  "DTDL v2 interface with properties and telemetry": [iface("dtmi:t:A;1", { contents: [prop("a", "double"), { "@type": "Telemetry", name: "t", schema: "double" }] }, 2)],
  "v3 Array property": [iface("dtmi:t:A;1", { contents: [prop("list", { "@type": "Array", elementSchema: "string" })] })],
  "integer Enum": [iface("dtmi:t:A;1", { contents: [prop("level", { "@type": "Enum", valueSchema: "integer", enumValues: [{ name: "low", enumValue: 1 }, { name: "high", enumValue: 2 }] })] })],
  "Map of Object": [iface("dtmi:t:A;1", { contents: [prop("m", { "@type": "Map", mapKey: { name: "k", schema: "string" }, mapValue: { name: "v", schema: { "@type": "Object", fields: [{ name: "x", schema: "double" }] } } })] })],
  "two levels of extends": [iface("dtmi:t:Base;1", { contents: [prop("a", "string")] }), iface("dtmi:t:Mid;1", { extends: "dtmi:t:Base;1" }), iface("dtmi:t:Leaf;1", { extends: ["dtmi:t:Mid;1"], contents: [prop("b", "string")] })],
  "the same base reached twice": [iface("dtmi:t:Base;1", { contents: [prop("a", "string")] }), iface("dtmi:t:L;1", { extends: "dtmi:t:Base;1" }), iface("dtmi:t:R;1", { extends: "dtmi:t:Base;1" }), iface("dtmi:t:D;1", { extends: ["dtmi:t:L;1", "dtmi:t:R;1"] })],
  "a component": [iface("dtmi:t:Part;1", { contents: [prop("x", "double")] }), iface("dtmi:t:Whole;1", { contents: [{ "@type": "Component", name: "part", schema: "dtmi:t:Part;1" }] })],
  "a relationship with properties and a target": [iface("dtmi:t:A;1", { contents: [{ "@type": "Relationship", name: "r", target: "dtmi:t:A;1", properties: [prop("w", "double")] }] })],
  "a relationship with no target": [iface("dtmi:t:A;1", { contents: [{ "@type": "Relationship", name: "r" }] })],
  "a reusable schema in schemas": [iface("dtmi:t:A;1", { schemas: [{ "@id": "dtmi:t:Level;1", "@type": "Enum", valueSchema: "string", enumValues: [{ name: "on", enumValue: "on" }] }], contents: [prop("level", "dtmi:t:Level;1")] })],
  "displayName and description as language maps": [iface("dtmi:t:A;1", { displayName: { en: "A", de: "A" }, description: { en: "An interface" } })],
  "an id with a minor version": [iface("dtmi:t:A;1.2")],
  // The parser does not resolve a relationship's target; neither does ADT at upload.
  "a relationship to an interface that is nowhere": [iface("dtmi:t:A;1", { contents: [{ "@type": "Relationship", name: "r", target: "dtmi:t:Nowhere;1" }] })],
  "a v3 semantic type with the QuantitativeTypes extension": [{ "@context": ["dtmi:dtdl:context;3", "dtmi:dtdl:extension:quantitativeTypes;1"], "@id": "dtmi:t:A;1", "@type": "Interface", contents: [{ "@type": ["Property", "Temperature"], name: "t", schema: "double", unit: "degreeCelsius" }] }],
  "a v2 semantic type": [iface("dtmi:t:A;1", { contents: [{ "@type": ["Telemetry", "Temperature"], name: "t", schema: "double", unit: "degreeCelsius" }] }, 2)],
  // The parser takes Commands; no source shows ADT refusing them at upload.
  "a Command": [iface("dtmi:t:A;1", { contents: [{ "@type": "Command", name: "reboot" }] })],
  "a property named like a schema": [iface("dtmi:t:A;1", { contents: [prop("string", "string")] })],
};

export const invalidCases = {
  "a name starting with a digit": [iface("dtmi:t:A;1", { contents: [prop("9lives", "string")] })],
  "two contents with one name": [iface("dtmi:t:A;1", { contents: [prop("a", "string"), { "@type": "Telemetry", name: "a", schema: "double" }] })],
  "an unknown schema term": [iface("dtmi:t:A;1", { contents: [prop("t", "celsius")] })],
  "extends an interface that is nowhere": [iface("dtmi:t:A;1", { extends: "dtmi:t:Nowhere;1" })],
  "an extends cycle": [iface("dtmi:t:A;1", { extends: "dtmi:t:B;1" }), iface("dtmi:t:B;1", { extends: "dtmi:t:A;1" })],
  "no @context": [{ "@id": "dtmi:t:A;1", "@type": "Interface" }],
  "an @id that is not a DTMI": [iface("urn:t:A")],
  "a v2 @id without a version": [iface("dtmi:t:A", {}, 2)],
  "a top-level element that is not an Interface": [{ "@context": "dtmi:dtdl:context;3", "@id": "dtmi:t:A;1", "@type": "Property", name: "a", schema: "string" }],
  "an Enum value of the wrong type": [iface("dtmi:t:A;1", { contents: [prop("e", { "@type": "Enum", valueSchema: "string", enumValues: [{ name: "one", enumValue: 1 }] })] })],
  "a Map whose key is not a string": [iface("dtmi:t:A;1", { contents: [prop("m", { "@type": "Map", mapKey: { name: "k", schema: "integer" }, mapValue: { name: "v", schema: "string" } })] })],
  "an inherited name declared again": [iface("dtmi:t:Base;1", { contents: [prop("a", "string")] }), iface("dtmi:t:Leaf;1", { extends: "dtmi:t:Base;1", contents: [prop("a", "string")] })],
  "a component whose interface is nowhere": [iface("dtmi:t:A;1", { contents: [{ "@type": "Component", name: "c", schema: "dtmi:t:Nowhere;1" }] })],
  "an Object with two fields of one name": [iface("dtmi:t:A;1", { contents: [prop("o", { "@type": "Object", fields: [{ name: "x", schema: "double" }, { name: "x", schema: "string" }] })] })],
  "a reserved dtmi:dtdl: id": [{ "@context": "dtmi:dtdl:context;3", "@id": "dtmi:dtdl:mine;1", "@type": "Interface" }],
  "a v3 name longer than 512 characters": [iface("dtmi:t:A;1", { contents: [prop("a" + "b".repeat(512), "string")] })],
  "a v2 name longer than 64 characters": [iface("dtmi:t:A;1", { contents: [prop("a" + "b".repeat(64), "string")] }, 2)],
  "an extends chain deeper than 10": Array.from({ length: 12 }, (_, i) => iface(`dtmi:t:L${i};1`, i === 0 ? {} : { extends: `dtmi:t:L${i - 1};1` })),
  "a v3 semantic type without the extension that defines it": [iface("dtmi:t:A;1", { contents: [{ "@type": ["Property", "Temperature"], name: "t", schema: "double", unit: "degreeCelsius" }] })],
  "a property without a schema": [iface("dtmi:t:A;1", { contents: [{ "@type": "Property", name: "a" }] })],
  "a relationship property without @type": [iface("dtmi:t:A;1", { contents: [{ "@type": "Relationship", name: "r", properties: [{ name: "w", schema: "double" }] }] })],
  "a component of a component": [iface("dtmi:t:Inner;1"), iface("dtmi:t:Mid;1", { contents: [{ "@type": "Component", name: "inner", schema: "dtmi:t:Inner;1" }] }), iface("dtmi:t:Outer;1", { contents: [{ "@type": "Component", name: "mid", schema: "dtmi:t:Mid;1" }] })],
};
