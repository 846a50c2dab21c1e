// The built reference is one self-contained HTML file: Redoc inlined, telemetry off, the whole spec in it, the page's
// own CSS and script, the plain rendition, and the OpenAPI document as a data: URL.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { model } from "@csbs/types/model";
import { describe, expect, it } from "vitest";

const html = readFileSync(fileURLToPath(new URL("../dist/index.html", import.meta.url)), "utf8");
const require = createRequire(import.meta.url);

describe("dist/index.html", () => {
  it("loads no script or stylesheet from another host", () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+rel=["']?stylesheet[^>]+href=["']?https?:/i);
  });

  it("names no CDN the page would load from (Redoc's badge and icon sets are inlined by the build)", () => {
    expect(html).not.toMatch(/https?:\/\/cdn\.redoc(ly\.com|\.ly)/);
  });

  it("carries the code samples, the Redoc options of packages/docs/redocly.yaml, the page's CSS and script", () => {
    expect(html).toContain("x-codeSamples");
    expect(html).toContain('"label":"TypeScript: every page"');
    expect(html).toContain("createCsbsClient");
    expect(html).toContain('"schemasExpansionLevel":"all"');
    expect(html).toContain("csbs-js");
    expect(html).toContain("LAZY_MARGINS");
    expect(html).not.toContain("<!--csbs:");
  });

  it("embeds the spec and its plain rendition: every operation, parameter and nested response field", () => {
    for (const op of model.operations) {
      for (const text of [op.operationId, op.summary ?? "", ...op.parameters.map((p) => p.name)]) {
        expect(html, text).toContain(text);
      }
    }
    for (const text of ["volume_backups", "source_volume_size", "__openstack_region_name"])
      expect(html).toContain(text);
    expect(html).toContain('<main class="csbs-static" id="csbs-static">');
  });

  it("carries the bundled OpenAPI document once, as the data: URL of the <noscript> notice", () => {
    const bundle = readFileSync(require.resolve("@csbs/spec/openapi.json"), "utf8");
    const encoded = `data:application/json;charset=utf-8,${encodeURIComponent(bundle)}`;
    expect(html.split(encoded).length - 1).toBe(1);
  });
});
