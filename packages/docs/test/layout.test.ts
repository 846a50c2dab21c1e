// The page at a phone's width (390 px) and a desktop's (1440 px): nothing wider than the window, no code line cut off
// or under the copy button, a title of a few lines, and on the phone the request samples before the parameters.
import { model } from "@csbs/types/model";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { additionsFor } from "../scripts/build.ts";
import { type Chromium, launchChromium, pageUrl, reachSamples, rendered } from "./chromium.ts";

const samples = additionsFor(model).operations[0]?.samples ?? [];
let chromium: Chromium;

beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});

async function open(width: number): Promise<Page> {
  const page = await chromium.open({ viewport: { width, height: 844 } });
  await page.goto(pageUrl);
  await rendered(page);
  return page;
}

/** The request sample shown: whether any line is wider than its box, and whether the first overlaps the copy button. */
const sampleBox = (page: Page) =>
  page
    .locator("#redoc .panel-request-samples pre")
    .first()
    .evaluate((pre) => {
      const range = document.createRange();
      range.selectNodeContents(pre.querySelector(".line") ?? (pre.firstChild as Node));
      const line = range.getBoundingClientRect();
      const copy = pre.parentElement?.querySelector("button")?.getBoundingClientRect();
      const overlaps = copy ? line.right > copy.left && line.top < copy.bottom && line.bottom > copy.top : false;
      return { cut: pre.scrollWidth > pre.clientWidth, overlaps, right: pre.getBoundingClientRect().right };
    });

async function showSample(page: Page, label: string) {
  const panel = page.locator("#redoc .panel-request-samples").first();
  await panel
    .getByRole("button", { name: /^(curl|TypeScript)/ })
    .first()
    .click();
  await page.getByRole("menuitem", { name: label, exact: true }).click();
}

describe.each([390, 1440])("at %i px", (width) => {
  it("nothing is wider than the window; no sample line is cut off or under the copy button", async () => {
    const page = await open(width);
    try {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(samples.length).toBeGreaterThan(1);
      await reachSamples(page);
      for (const sample of samples) {
        await showSample(page, sample.label);
        const box = await sampleBox(page);
        expect(box, sample.label).toEqual({ cut: false, overlaps: false, right: expect.any(Number) });
        expect(box.right, sample.label).toBeLessThanOrEqual(width);
      }
    } finally {
      await page.context().close();
    }
  });
});

describe("at 390 px", () => {
  it("the request samples come before the parameters, and the title takes at most four lines", async () => {
    const page = await open(390);
    try {
      const top = (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((e) => e.getBoundingClientRect().top + scrollY);
      const sample = await top("#redoc .panel-request-samples");
      const firstParameter = await top('#redoc [id*="t=request&in="]');
      expect(sample).toBeLessThan(firstParameter);
      const lines = await page
        .locator("#redoc h1")
        .first()
        .evaluate((h) => h.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(h).lineHeight));
      expect(Math.round(lines)).toBeLessThanOrEqual(4);
    } finally {
      await page.context().close();
    }
  });
});
