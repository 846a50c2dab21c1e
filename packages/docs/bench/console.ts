/**
 * What the try-it console costs the page: its weight (the page gzipped with and without the console's two script
 * tags) and the first contentful paint of each, opened from disk in headless Chromium, median of 5 fresh pages each,
 * taken in turns so that the machine's load falls on both alike. Run after `pnpm build`:
 *
 *   node bench/console.ts            (CSBS_BENCH_ROUNDS=15 for more rounds)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const ROUNDS = Number(process.env.CSBS_BENCH_ROUNDS ?? 5);
const page = fileURLToPath(new URL("../dist/index.html", import.meta.url));
const html = readFileSync(page, "utf8");
const start = html.indexOf('<script type="text/plain" id="csbs-console-source">');
if (start < 0) throw new Error(`${page} has no console: run pnpm build first`);
const without = html.slice(0, start) + html.slice(html.lastIndexOf("</body>"));
const dir = mkdtempSync(join(tmpdir(), "csbs-console-bench-"));
const pages = { without: join(dir, "without.html"), with: join(dir, "with.html") };
writeFileSync(pages.without, without);
writeFileSync(pages.with, html);

const gz = (text: string) => gzipSync(text, { level: 9 }).length;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(
  `page gzipped: ${kib(gz(without))} without the console, ${kib(gz(html))} with (+${kib(gz(html) - gz(without))})`,
);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const fcp: Record<keyof typeof pages, number[]> = { without: [], with: [] };
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of ["without", "with"] as const) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const tab = await context.newPage();
      await tab.route("**/*", (r) => (/^(file|data):/.test(r.request().url()) ? r.continue() : r.abort()));
      await tab.goto(pathToFileURL(pages[kind]).href, { waitUntil: "load" });
      const paint = await tab.evaluate(
        () =>
          new Promise<number>((resolve) =>
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName("first-contentful-paint")[0];
              if (entry) resolve(entry.startTime);
            }).observe({ type: "paint", buffered: true }),
          ),
      );
      fcp[kind].push(paint);
      await context.close();
    }
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
for (const kind of ["without", "with"] as const) {
  const runs = fcp[kind].map((ms) => Math.round(ms)).join(", ");
  console.log(`first contentful paint ${kind} the console: median ${Math.round(median(fcp[kind]))} ms (${runs})`);
}
