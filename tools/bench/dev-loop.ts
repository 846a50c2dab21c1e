/**
 * `pnpm bench` (@csbs/tools; alone: `pnpm --filter @csbs/tools run bench:dev [rounds]`): the inner loop of `pnpm dev`,
 * save → seen, in wall time.
 *
 * On a scratch copy of the repository (test/scratch.ts), `pnpm dev` on free ports and the docs page open in headless
 * Chromium. Each round saves two edits, one at a time, and waits until it is seen:
 *   - a parameter's description (spec/components/parameters/name.yaml): until the OPEN page shows it (live reload);
 *   - the `available` example (spec/components/examples/available.yaml): until the mock answers it, and the open
 *     page shows it.
 * Between saves it waits for dev's background build (types, client, mock) to finish, as a person reading the page
 * would. Prints every figure and the medians.
 *
 *   node bench/dev-loop.ts [rounds=5]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { freePort, launch, scratchCopy, sleep, until } from "../test/scratch.ts";

const rounds = Number(process.argv[2] ?? 5);
const scratch = scratchCopy();
const profile = mkdtempSync(join(tmpdir(), "csbs-bench-chromium-"));
const mockPort = await freePort();
let docsPort = await freePort();
while (docsPort === mockPort) docsPort = await freePort();
const dev = launch("pnpm", ["dev"], scratch.dir, {
  CSBS_MOCK_PORT: String(mockPort),
  CSBS_DOCS_PORT: String(docsPort),
});
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const stop = async () => {
  await browser.close().catch(() => undefined);
  try {
    process.kill(dev.pid, "SIGTERM");
  } catch {}
  await Promise.race([dev.exited, sleep(6_000)]);
  scratch.remove();
  rmSync(profile, { recursive: true, force: true });
};

try {
  const started = Date.now();
  await dev.waitFor(/✓ ready in/, 600_000);
  console.log(`pnpm dev on an unbuilt copy: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const doc = JSON.parse(readFileSync(join(scratch.dir, "spec/dist/openapi.json"), "utf8"));
  const api = `http://127.0.0.1:${mockPort}${(Object.keys(doc.paths)[0] ?? "/").replace(/\{[^}]+\}/g, "p")}`;
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${docsPort}/`);
  const pageShows = (text: string) =>
    page.evaluate((t) => document.documentElement.innerHTML.includes(t), text).catch(() => false);
  const mockShows = async (text: string) =>
    (await (await fetch(api, { headers: { "X-Auth-Token": "t", Prefer: "example=available" } })).text()).includes(text);
  const idle = (from: number) => dev.waitFor(/rebuilt in the background|failed/, 120_000, from);

  const figures = { description: [] as number[], exampleMock: [] as number[], exampleDocs: [] as number[] };
  const parameter = join(scratch.dir, "spec/components/parameters/name.yaml");
  const example = join(scratch.dir, "spec/components/examples/available.yaml");
  for (let i = 1; i <= rounds; i++) {
    let from = dev.output().length;
    const description = `Filter on the backup name, bench round ${i}.`;
    writeFileSync(
      parameter,
      readFileSync(parameter, "utf8").replace(/^description: .*$/m, `description: ${description}`),
    );
    let saved = Date.now();
    await until("the open page to show the description", () => pageShows(description), 120_000);
    figures.description.push(Date.now() - saved);
    await idle(from);

    from = dev.output().length;
    const name = `backup_bench${i}`;
    writeFileSync(example, readFileSync(example, "utf8").replace(/^(\s+name: )"[^"]*"/m, `$1"${name}"`));
    saved = Date.now();
    let mockAt = 0;
    let docsAt = 0;
    await until(
      "mock and open page to show the example",
      async () => {
        if (!mockAt && (await mockShows(name))) mockAt = Date.now();
        if (!docsAt && (await pageShows(name))) docsAt = Date.now();
        return mockAt && docsAt;
      },
      120_000,
    );
    figures.exampleMock.push(mockAt - saved);
    figures.exampleDocs.push(docsAt - saved);
    console.log(
      `round ${i}: description → open page ${figures.description.at(-1)} ms; example → mock ${mockAt - saved} ms, open page ${docsAt - saved} ms`,
    );
    await idle(from);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `dev loop (median of ${rounds}): save → open docs page ${median(figures.description)} ms (description), ` +
      `${median(figures.exampleDocs)} ms (example); save → mock serves it ${median(figures.exampleMock)} ms`,
  );
} finally {
  await stop();
}
