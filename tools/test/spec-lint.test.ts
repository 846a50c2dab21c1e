import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { repoRoot } from "@csbs/spec/validator";
import { expect, it } from "vitest";

const redocly = resolve(createRequire(import.meta.url).resolve("@redocly/cli/package.json"), "../bin/cli.js");

it("redocly lint (recommended-strict and the repository's own rules) reports no error and no warning", () => {
  const out = execFileSync(process.execPath, [redocly, "lint", "--format=json"], {
    cwd: repoRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const report = JSON.parse(out) as { totals: { errors: number; warnings: number }; problems: { message: string }[] };
  expect(report.problems.map((p) => p.message)).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
});
