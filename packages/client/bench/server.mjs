// The benchmark's loopback server, run in its own process so its heap and event loop stay out of the figures.
// Answers the seed's `available` example; with limit=1000 it serves 200,000 items as 200 marker pages.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const spec = JSON.parse(readFileSync(new URL("../../../spec/dist/openapi.json", import.meta.url), "utf8"));
const seed = spec.components.examples.available.value;
const seedBody = Buffer.from(JSON.stringify(seed));
const itemTemplate = JSON.stringify({ ...seed.checkpoint_items[0], id: "__ID__" });
const TOTAL = 200_000;
const PAGE = 1_000;

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  let body = seedBody;
  if (url.searchParams.get("limit") === String(PAGE)) {
    const marker = url.searchParams.get("marker");
    const start = marker ? Number(marker.slice(5)) + 1 : 0;
    const items = [];
    for (let i = start; i < Math.min(start + PAGE, TOTAL); i++) items.push(itemTemplate.replace("__ID__", `item-${i}`));
    body = Buffer.from(`{"checkpoint_items":[${items.join(",")}]}`);
  }
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length, "x-request-id": "bench" });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
process.on("disconnect", () => process.exit(0));
