// Reads an org through jsforce (the widely used JavaScript Salesforce client, from npm) the way
// an integration would: identity, limits, describeGlobal, COUNT() queries. Run by
// tests/tests/client_libraries.rs against the simulator; prints one JSON object.
// Environment: INSTANCE_URL, ACCESS_TOKEN.
import jsforce from "jsforce";

const conn = new jsforce.Connection({
  instanceUrl: process.env.INSTANCE_URL,
  accessToken: process.env.ACCESS_TOKEN,
  version: "64.0",
});
const identity = await conn.identity();
const limits = await conn.limits();
const global = await conn.describeGlobal();
const counts = {};
for (const object of ["Account", "Contact", "Opportunity", "Lead"]) {
  counts[object] = (await conn.query(`SELECT COUNT() FROM ${object}`)).totalSize;
}
console.log(
  JSON.stringify({
    organization_id: identity.organization_id,
    username: identity.username,
    api_remaining: limits.DailyApiRequests.Remaining,
    objects: global.sobjects.map((s) => s.name),
    counts,
  }),
);
