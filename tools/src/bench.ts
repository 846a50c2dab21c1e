/**
 * Build and test wall times (`pnpm bench` runs this after each package's own bench). Not a test: it prints figures.
 *
 *   cold build  `pnpm build` with an empty turbo cache (a fresh --cache-dir: every task runs)
 *   warm build  `pnpm build` again on that cache (a full hit)          target < 1 s
 *   cold test   `pnpm test` with an empty turbo cache (build + tests)   target: cold build + test < 60 s
 *
 * A fresh --cache-dir gives a truly cold turbo without deleting anyone's .turbo/cache. `--clean` also deletes the
 * build outputs (dist/, spec/dist) first — not while someone else runs tests in this checkout.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@csbs/spec/validator";

function timed(script: string, cache: string, ...args: string[]) {
  const start = performance.now();
  const r = spawnSync("pnpm", [script, `--cache-dir=${cache}`, ...args], {
    cwd: repoRoot,
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", FORCE_COLOR: "0" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 900_000,
  });
  const out = `${r.stdout}${r.stderr}`;
  const tail = out.split("\n").filter((l) => /Tasks:|Cached:|Failed:|ERR/.test(l));
  return { seconds: (performance.now() - start) / 1000, code: r.status ?? 1, full: out.includes("FULL TURBO"), tail };
}

const line = (label: string, what: string, r: { seconds: number; code: number }, target = "") =>
  console.log(
    `${label.padEnd(11)} ${what.padEnd(44)} ${r.seconds.toFixed(2).padStart(7)} s${target ? `   ${target}` : ""}` +
      (r.code ? `   (exit ${r.code}: ${"tail" in r ? (r.tail as string[]).join(" | ") : ""})` : ""),
  );

const caches = [mkdtempSync(join(tmpdir(), "csbs-bench-")), mkdtempSync(join(tmpdir(), "csbs-bench-"))];
try {
  const clean = process.argv.includes("--clean");
  console.log(`bench: ${cpus().length} cores, Node ${process.version}${clean ? ", build outputs deleted first" : ""}`);
  for (const d of clean ? ["spec", "packages/client", "packages/mock", "packages/docs"] : []) {
    rmSync(join(repoRoot, d, "dist"), { recursive: true, force: true });
  }
  const cold = timed("build", caches[0] as string);
  line("cold build", "pnpm build, empty turbo cache", cold);
  // A file edited meanwhile (an editor, another terminal) makes a partial miss: repeat until a full hit.
  let warm = timed("build", caches[0] as string);
  for (let i = 0; i < 3 && !warm.full; i++) warm = timed("build", caches[0] as string);
  const hit = warm.full ? "full cache hit" : "NOT a full cache hit (files kept changing)";
  line("warm build", `pnpm build, ${hit}`, warm, `target < 1 s: ${warm.seconds < 1 ? "met" : "MISSED"}`);
  const test = timed("test", caches[1] as string, "--continue");
  line(
    "cold test",
    "pnpm test, empty turbo cache (build + tests)",
    test,
    `target < 60 s: ${test.seconds < 60 ? "met" : "MISSED"}`,
  );
  line("sum", "cold build + cold test, run separately", { seconds: cold.seconds + test.seconds, code: 0 });
} finally {
  for (const dir of caches) rmSync(dir, { recursive: true, force: true });
}
