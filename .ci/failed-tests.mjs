// Prints each failed test of a TRX file with its duration and the first lines of its message.
import { readFileSync } from "node:fs";

const trx = readFileSync(process.argv[2], "utf8");
const unescape = (text) =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

for (const [result] of trx.matchAll(/<UnitTestResult\b[^>]*outcome="Failed"[\s\S]*?<\/UnitTestResult>/g)) {
  const name = unescape(/testName="([^"]*)"/.exec(result)?.[1] ?? "?");
  const duration = /duration="([^"]*)"/.exec(result)?.[1] ?? "?";
  const message = unescape(/<Message>([\s\S]*?)<\/Message>/.exec(result)?.[1] ?? "");
  console.log(`FAILED ${name} (${duration})`);
  for (const line of message.trim().split("\n").slice(0, 8)) console.log(`    ${line.slice(0, 300)}`);
}
