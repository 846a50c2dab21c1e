// Accessibility of the built page (WCAG 2.2 AA as axe-core 4.14 checks it: wcag2a, wcag2aa, wcag21a, wcag21aa,
// wcag22aa), in light and dark (prefers-color-scheme), with every section rendered; and the keyboard reaches search.
import AxeBuilder from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Chromium, launchChromium, pageUrl, rendered } from "./chromium.ts";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
let chromium: Chromium;

beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});

describe("accessibility", () => {
  it.each(["light", "dark"] as const)("axe finds no serious or critical violation, %s", async (colorScheme) => {
    const page = await chromium.open({ colorScheme });
    try {
      await page.goto(pageUrl);
      await rendered(page);
      expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(
        colorScheme === "dark",
      );
      // The WCAG rules, and the best practice of headings that skip no level.
      const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      const order = await new AxeBuilder({ page }).withRules(["heading-order"]).analyze();
      expect(order.violations.map((v) => v.nodes.map((n) => n.html.slice(0, 80)))).toEqual([]);
      const found = violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.length} (${v.nodes[0]?.target.join(" ")})`);
      console.log(`axe ${colorScheme}: ${found.length ? found.join("; ") : "no violations"}`);
      expect(found.filter((f) => /^(serious|critical) /.test(f))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it("the keyboard reaches search first, and Enter opens it", async () => {
    const page = await chromium.open();
    try {
      await page.goto(pageUrl);
      await rendered(page);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("search-trigger");
      await page.keyboard.press("Enter");
      await page.getByTestId("search-dialog").waitFor();
    } finally {
      await page.context().close();
    }
  });
});
