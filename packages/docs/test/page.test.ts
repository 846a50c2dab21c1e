// The built reference is one self-contained HTML file: Redoc inlined, telemetry off, the whole spec in it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const html = readFileSync(fileURLToPath(new URL("../dist/index.html", import.meta.url)), "utf8");

describe("dist/index.html", () => {
  it("loads no script or stylesheet from another host", () => {
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+rel=["']?stylesheet[^>]+href=["']?https?:/i);
  });

  it("names no CDN the page would load from (Redoc's badge and icon sets are inlined by the build)", () => {
    expect(html).not.toMatch(/https?:\/\/cdn\.redoc(ly\.com|\.ly)/);
  });

  it("carries the code samples and the Redoc options of redocly.yaml", () => {
    expect(html).toContain("x-codeSamples");
    expect(html).toContain("TypeScript (@csbs/client)");
    expect(html).toContain("createCsbsClient");
  });

  it("embeds the spec: the operation, every query parameter and the nested response fields", () => {
    for (const text of [
      "listCheckpointItems",
      "Querying All Backups",
      "checkpoint_items",
      "volume_backups",
      "source_volume_size",
      "__openstack_region_name",
      ...["status", "limit", "marker", "sort", "all_tenants", "az", "resource_id", "resource_name"],
      ...["start_time", "end_time", "image_type", "policy_id", "offset", "checkpoint_id", "resource_type"],
    ]) {
      expect(html, text).toContain(text);
    }
  });
});
