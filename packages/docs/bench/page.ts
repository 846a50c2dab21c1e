/**
 * The page's weight: its first contentful paint from disk (Chromium's performance API, median of 5 fresh loads) and
 * its size, raw and gzipped. `node bench/page.ts [page.html]` (default dist/index.html, built by `pnpm build`).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const file = resolve(process.argv[2] ?? new URL("../dist/index.html", import.meta.url).pathname);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const paints: number[] = [];
try {
  for (let round = 0; round < 5; round++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.route("**/*", (route) =>
      /^(file|data|blob):/.test(route.request().url()) ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    paints.push(
      await page.evaluate(
        () =>
          new Promise<number>((done) =>
            new PerformanceObserver((list) => {
              const fcp = list.getEntries().find((e) => e.name === "first-contentful-paint");
              if (fcp) done(fcp.startTime);
            }).observe({ type: "paint", buffered: true }),
          ),
      ),
    );
    await context.close();
  }
} finally {
  await browser.close();
}
const bytes = readFileSync(file);
const sorted = paints.map(Math.round).sort((a, b) => a - b);
console.log(`first contentful paint: median ${sorted[2]} ms (${sorted.join(", ")})`);
console.log(
  `size: ${(bytes.length / 1024).toFixed(0)} KiB, gzipped ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KiB`,
);
