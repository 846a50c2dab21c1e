// A library's build (tools/scripts/build-library.ts: tsdown into a folder of its own, whose files then replace dist/'s)
// never leaves dist/ emptied or half-written: the docs build bundles @csbs/mock/engine from it while `pnpm dev`
// rebuilds and stops builds at each save. A reader in another process polls the mock's entry points, and the chunks
// each one imports, the whole time builds run to their end, are killed half-way (SIGKILL to the build's process
// group, as hard as a stop gets), or run two at once.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchCopy, sleep } from "./scratch.js";

let scratch: { dir: string; remove(): void };
const mock = () => join(scratch.dir, "packages/mock");
/** The builds' own folders beside dist/. */
const staging = () => readdirSync(mock()).filter((name) => name.startsWith("dist.next"));

beforeAll(() => {
  scratch = scratchCopy();
  execFileSync(process.execPath, ["--run", "build"], { cwd: join(scratch.dir, "spec"), stdio: "pipe" });
});
afterAll(() => scratch?.remove());

/** `node --run build` in the mock's folder, in a process group of its own; resolves with its exit code. */
const build = () => {
  const child = spawn(process.execPath, ["--run", "build"], { cwd: mock(), detached: true, stdio: "ignore" });
  const ended = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { pid: child.pid as number, ended };
};

// Polls dist/ until a file named `stop` appears; prints how many times an entry point or a chunk it imports was
// missing, and how many polls it made.
const READER = `
const { existsSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const [dist, stop, ...entries] = process.argv.slice(1);
let polls = 0, missing = [];
while (!existsSync(stop)) {
  polls++;
  for (const entry of entries) {
    let text;
    try { text = readFileSync(join(dist, entry), "utf8"); } catch { missing.push(entry); continue; }
    for (const [, chunk] of text.matchAll(/^(?:import|export)\\b.* from "\\.\\/([^"]+)"/gm)) {
      if (!existsSync(join(dist, chunk))) missing.push(entry + " -> " + chunk);
    }
  }
}
console.log(JSON.stringify({ polls, missing: missing.slice(0, 20), count: missing.length }));
`;

describe("a library build replaces dist/ one whole file at a time, from a folder of its own", () => {
  it("a reader never finds an entry point, or a chunk it imports, missing: builds that end, and one killed half-way", async () => {
    expect(await build().ended, "the first build").toBe(0);
    const entries = readdirSync(join(mock(), "dist")).filter((file) => /^(index|cli|msw|engine)\.js$/.test(file));
    expect(entries).toHaveLength(4);
    const stop = join(scratch.dir, "stop-reader");
    const reader = spawn(process.execPath, ["-e", READER, join(mock(), "dist"), stop, ...entries], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let said = "";
    reader.stdout?.on("data", (chunk) => (said += chunk));
    const read = new Promise((resolve) => reader.once("exit", resolve));

    expect(await build().ended, "a build run to its end").toBe(0);
    // A build killed once tsdown has begun writing its folder, before it could replace dist/.
    // (Polled every few milliseconds: the folder lives a fraction of a second; a build that ended first is tried again.)
    let caught = false;
    for (let attempt = 0; attempt < 10 && !caught; attempt++) {
      const killed = build();
      let ended = false;
      void killed.ended.then(() => (ended = true));
      while (!ended && staging().length === 0) await sleep(2);
      if (!ended) {
        process.kill(-killed.pid, "SIGKILL");
        caught = true;
      }
      await killed.ended;
    }
    expect(caught, "a build killed while it wrote its folder").toBe(true);
    await sleep(200);
    expect(staging(), "the killed build's folder").toHaveLength(1);
    expect(await build().ended, "a build after the killed one").toBe(0);
    // Two at once: each writes its own folder.
    expect(await Promise.all([build().ended, build().ended]), "two builds at once").toEqual([0, 0]);

    writeFileSync(stop, "");
    await read;
    const { polls, missing, count } = JSON.parse(said);
    expect(polls, "the reader polled while the builds ran").toBeGreaterThan(100);
    expect({ count, missing }).toEqual({ count: 0, missing: [] });
    expect(staging(), "nothing left beside dist/ (the killed build's folder removed by the next)").toEqual([]);
  });

  it("the old build's files that the new one has not are removed", async () => {
    writeFileSync(join(mock(), "dist/engine-stale0.js"), "export {};\n");
    expect(await build().ended).toBe(0);
    expect(readdirSync(join(mock(), "dist"))).not.toContain("engine-stale0.js");
    expect(readFileSync(join(mock(), "dist/openapi.json"), "utf8")).toContain('"openapi"');
  });
});
