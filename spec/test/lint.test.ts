import { execFileSync } from "node:child_process";
import { expect, it } from "vitest";
import { repoRoot } from "../validator.js";

it("redocly lint (recommended-strict and the repository's own rules) reports no error and no warning", () => {
  const out = execFileSync("redocly", ["lint", "--format=json"], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const report = JSON.parse(out) as {
    totals: { errors: number; warnings: number };
    problems: { ruleId: string; message: string; location: { pointer?: string }[] }[];
  };
  // Each problem with its rule and place: what to fix, and where.
  expect(report.problems.map((p) => `${p.ruleId} at ${p.location[0]?.pointer ?? "?"}: ${p.message}`)).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
});
