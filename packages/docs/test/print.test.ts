// Printing and reading without JavaScript: a PDF made right after the page has loaded (Chromium's page.pdf(), the
// text read back with pdf.js) has every field of every success response, every status with its error code and every
// code sample; with JavaScript off the page shows the same plain rendition, and says why.
import { model } from "@csbs/types/model";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { additionsFor } from "../scripts/build.ts";
import { fieldsOf } from "../scripts/static.ts";
import { type Chromium, launchChromium, pageUrl } from "./chromium.ts";

let chromium: Chromium;
beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});

const squeeze = (text: string) => text.replace(/\s+/g, "");
const additions = additionsFor(model);

/** What the reader must find in the printed or plain page, without whitespace (PDF text breaks lines anywhere). */
function expectComplete(text: string) {
  const all = squeeze(text);
  for (const op of model.operations) {
    for (const field of fieldsOf(op.response?.schema)) {
      expect(all, field.path).toContain(
        squeeze(
          field.path
            .split(/\.|\[\]/)
            .filter(Boolean)
            .at(-1) as string,
        ),
      );
    }
    for (const error of op.errors) {
      expect(all, String(error.status)).toContain(
        `${error.status}${(error.example as { error_code: string }).error_code}`,
      );
    }
    for (const sample of additions.operations.find((o) => o.operationId === op.operationId)?.samples ?? []) {
      // Every line of every sample.
      for (const line of sample.source.split("\n").filter((l) => l.trim()))
        expect(all, sample.label).toContain(squeeze(line));
    }
  }
}

describe("print and no JavaScript", () => {
  it("a PDF made right after load has every response field, every status and every sample", async () => {
    const page = await chromium.open();
    try {
      await page.goto(pageUrl); // resolves on the load event
      const pdf = await page.pdf({ format: "A4" });
      const doc = await getDocument({ data: new Uint8Array(pdf) }).promise;
      let text = "";
      for (let n = 1; n <= doc.numPages; n++) {
        const content = await (await doc.getPage(n)).getTextContent();
        text += `${content.items.map((item) => ("str" in item ? item.str : "")).join(" ")}\n`;
      }
      expect(doc.numPages).toBeGreaterThan(3);
      expectComplete(text);
    } finally {
      await page.context().close();
    }
  });

  it("with JavaScript off, the page shows the plain rendition and a notice linking the OpenAPI document", async () => {
    const page = await chromium.open({ javaScriptEnabled: false });
    try {
      await page.goto(pageUrl);
      const notice = page.locator(".csbs-noscript");
      await expect(notice.isVisible()).resolves.toBe(true);
      expect(await notice.getByRole("link").getAttribute("href")).toMatch(/^data:application\/json/);
      await expect(page.locator("#csbs-static").isVisible()).resolves.toBe(true);
      await expect(page.locator("#redoc").isVisible()).resolves.toBe(false);
      // biome-ignore lint/performance/useDomNodeTextContent: what is shown is what is asserted
      expectComplete((await page.locator("#csbs-static").innerText()) ?? "");
    } finally {
      await page.context().close();
    }
  });
});
