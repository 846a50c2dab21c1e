// What `pnpm dev` counts as a save (tools/src/dev/watch.ts), on a real folder with chokidar: an in-place write whose
// writer stalls between the truncate and the write (a loaded machine: two test suites on two cores) is one save of
// what it wrote, or none when it wrote the same contents; a file really saved empty still counts.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { digest } from "../src/dev/say.ts";
import { SaveWatcher } from "../src/dev/watch.ts";
import { sleep, until } from "./scratch.js";

let root: string;
let watcher: SaveWatcher;
let saves: string[][];
const example = () => join(root, "spec/components/example.yaml");
const TEXT = "value:\n  name: backup_1\n";

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "csbs-watch-"));
  mkdirSync(join(root, "spec/components"), { recursive: true });
  mkdirSync(join(root, "packages"));
  writeFileSync(example(), TEXT);
  saves = [];
  watcher = new SaveWatcher(
    root,
    digest,
    (files) => saves.push(files),
    (error) => {
      throw error;
    },
  );
  // Until its first scan ends, what it sees is recorded, not reported: write until a save is reported.
  let n = 0;
  await until(
    "the watcher to report saves",
    () => {
      writeFileSync(example(), `value: ${n++}\n`);
      return saves.length > 0;
    },
    20_000,
  );
  writeFileSync(example(), TEXT);
  await sleep(1_000); // its events settled, its contents recorded
  saves = [];
});
afterEach(async () => {
  await watcher.close();
  rmSync(root, { recursive: true, force: true });
});

/** An in-place write as editors do it, with the writer stalled `ms` between the truncate and the write. */
async function stalledWrite(text: string, ms: number): Promise<void> {
  const fd = openSync(example(), "w"); // truncates
  await sleep(ms);
  writeSync(fd, text);
  closeSync(fd);
}

describe("a save, as pnpm dev sees it", () => {
  it("the same contents written in place, the writer stalled 600 ms after the truncate: no save", async () => {
    await stalledWrite(TEXT, 600);
    await sleep(2_500);
    expect(saves).toEqual([]);
  });

  it("new contents written in place, the writer stalled 600 ms: one save, of the new contents", async () => {
    await stalledWrite("value:\n  name: backup_2\n", 600);
    await until("the save", () => saves.length > 0, 10_000);
    await sleep(1_000);
    expect(saves).toEqual([["spec/components/example.yaml"]]);
  });

  it("a file really saved empty counts, once it stayed empty for 2 s", async () => {
    writeFileSync(example(), "");
    await until("the save of an empty file", () => saves.length > 0, 10_000);
    expect(saves).toEqual([["spec/components/example.yaml"]]);
  });
});
