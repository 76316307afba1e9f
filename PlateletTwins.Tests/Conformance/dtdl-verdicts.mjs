// Microsoft's DTDL parser's verdicts on a corpus of its own test cases (digitaltwinconsortium/DTDLParser test-cases/,
// kept outside this repository), for the in-process corpus runner (`dotnet run --project benchmarks/PlateletTwins.Benchmarks
// -c Release -- dtdl-corpus`), which compares PlateletTwins.Dtdl's verdicts with these without HTTP.
//
// Usage, from this folder (node_modules holds the parser after a build of PlateletTwins.Tests):
//   node dtdl-verdicts.mjs CORPUS_DIR [OUT]      (or DTDL_CORPUS_DIR=...; OUT defaults to dtdl-verdicts.json here)
// CORPUS_DIR holds the case folders (doc-examples/, dtmis/, generated/, solecisms/, specification/). A case's documents
// become one array (a document that is an array contributes its elements; models a case's resolver would return are
// appended), as one POST /models carries them; cases of DTDL versions other than 2 and 3 are left out.
// Each output row: {id, version, ok, ids, causes, body}.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const casesDir = process.argv[2] || process.env.DTDL_CORPUS_DIR;
const outFile = process.argv[3] || path.join(path.dirname(new URL(import.meta.url).pathname), "dtdl-verdicts.json");
if (!casesDir) {
  console.error("usage: node dtdl-verdicts.mjs CORPUS_DIR [OUT]   (or set DTDL_CORPUS_DIR)");
  process.exit(2);
}
// The parser's WebAssembly build, from node_modules here (or of DTDL_PARSER_DIR).
const parserDir = path.resolve(process.env.DTDL_PARSER_DIR || path.dirname(new URL(import.meta.url).pathname));
const entry = path.join(parserDir, "node_modules", "@digicatapult", "dtdl-parser", "build", "index.js");
if (!fs.existsSync(entry)) {
  console.error(`The DTDL parser is not in ${parserDir}/node_modules (build PlateletTwins.Tests, or set DTDL_PARSER_DIR).`);
  process.exit(2);
}
const parser = await (await import(pathToFileURL(entry).href)).getInterop();

function verdict(body) {
  try {
    parser.parse(JSON.stringify(body));
    return { ok: true, ids: [], causes: [] };
  } catch (e) {
    const raw = String(e?.message ?? e);
    try {
      const j = JSON.parse(raw);
      if (j.ExceptionKind === "Resolution") return { ok: false, ids: ["resolution"], causes: [(j.UndefinedIdentifiers || []).join(", ")] };
      if (Array.isArray(j.Errors)) return { ok: false, ids: j.Errors.map((x) => (x.ValidationID || "").replace("dtmi:dtdl:parsingError:", "")), causes: j.Errors.map((x) => x.Cause) };
    } catch { /* not JSON */ }
    return { ok: false, ids: ["exception"], causes: [raw.slice(0, 300)] };
  }
}

const out = [];
for (const folder of fs.readdirSync(casesDir).sort()) {
  const dir = path.join(casesDir, folder);
  if (!fs.statSync(dir).isDirectory()) continue;
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith(".json")) continue;
    const doc = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8").replace(/^\uFEFF/, ""));
    const m = file.match(/V(\d)\.json$/);
    const fileVersion = m ? m[1] : "-";
    const cases = [];
    if (folder === "dtmis") {
      // A DTMI case becomes an Interface with that @id, in v2 and in v3.
      for (const v of ["2", "3"]) cases.push({ id: `${folder}/${file.replace(/\.json$/, "")}V${v}#0`, version: v, body: [{ "@context": `dtmi:dtdl:context;${v}`, "@id": doc.idText, "@type": "Interface" }] });
    } else {
      for (const [i, c] of [].concat(doc).entries()) {
        const body = [];
        for (const d of c.input || []) { if (Array.isArray(d)) body.push(...d); else body.push(d); }
        for (const r of c.resolution || []) for (const d of [].concat(r.response || [])) body.push(d);
        const ctx = [].concat(body.find((x) => x && typeof x === "object" && !Array.isArray(x))?.["@context"] ?? []);
        const own = ctx.map((x) => typeof x === "string" && x.match(/^dtmi:dtdl:context;(\d)/)).find(Boolean);
        const version = own ? own[1] : fileVersion;
        if (!["2", "3", "-"].includes(version)) continue;
        cases.push({ id: `${folder}/${file.replace(/\.json$/, "")}#${i}`, version, body });
      }
    }
    for (const c of cases) out.push({ ...c, ...verdict(c.body) });
  }
}
fs.writeFileSync(outFile, JSON.stringify(out));
console.log(`${out.length} cases, ${out.filter((x) => x.ok).length} valid, written to ${outFile}`);
