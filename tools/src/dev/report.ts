/**
 * Failures, reduced to what a person needs to read: the spec's lint report (`file:line:col`), and turbo's failed
 * tasks (the task, the command that reproduces it alone, the end of what it said). Functions only: no state.
 */
import { relative, resolve } from "node:path";
import { bold, dim, red, yellow } from "./say.ts";

/** A failure: one line (`headline`) and the report for the terminal (`text`; the docs page shows it uncoloured). */
export interface Failure {
  headline: string;
  text: string;
}

interface Problem {
  severity: string;
  ruleId: string;
  message: string;
  location?: { source?: { ref?: string }; pointer?: string; start?: { line: number; col: number } }[];
}

/** `redocly lint --format=json`'s output → the failure, or undefined when it lints (warnings are one line). */
export function lintFailure(output: string, root: string, warn: (line: string) => void): Failure | undefined {
  let report: { totals: { errors: number; warnings: number }; problems: Problem[] };
  try {
    report = JSON.parse(output.slice(output.indexOf("{"), output.lastIndexOf("}") + 1));
  } catch {
    const headline = "spec/ could not be linted";
    return { headline, text: `${red(bold(`✗ ${headline}:`))}\n${output.trim().split("\n").slice(-5).join("\n")}` };
  }
  const { errors, warnings } = report.totals;
  if (errors === 0) {
    if (warnings > 0) warn(yellow(`! spec/ lints with ${warnings} warning(s): pnpm lint:spec`));
    return undefined;
  }
  const headline = `spec/ does not lint: ${errors} error(s), ${warnings} warning(s)`;
  const lines = [red(bold(`✗ ${headline}.`))];
  for (const p of report.problems.slice(0, 12)) {
    const where = p.location?.[0];
    const file = where?.source?.ref ? relative(root, resolve(root, where.source.ref)) : "spec";
    const position = where?.start
      ? `${file}:${where.start.line}:${where.start.col}`
      : `${file} ${where?.pointer ?? ""}`;
    lines.push(
      `  ${p.severity === "error" ? red(p.severity) : yellow(p.severity)}  ${position}  ${p.message}  ${dim(p.ruleId)}`,
    );
  }
  if (report.problems.length > 12) lines.push(`  … and ${report.problems.length - 12} more (pnpm lint:spec)`);
  return { headline, text: lines.join("\n") };
}

/** A turbo task that failed: `@csbs/client#build`, and the command that runs it alone. */
export interface FailedTask {
  task: string;
  reproduce: string;
  /** The end of what the task said (turbo's `pkg:task: ` prefix removed). */
  said: string[];
}

const NOISE = /^\s*$|^\s+at .+\d\)?$|ELIFECYCLE|^\$ |cache (miss|bypass)|^ℹ /;

/** The failed tasks of a `turbo run` output (`Failed:` in its summary, or each task's `ERROR` line). */
export function failedTasks(output: string): FailedTask[] {
  const names = new Set<string>();
  for (const [, list] of output.matchAll(/^\s*Failed:\s+(.+)$/gm)) {
    for (const name of list?.split(/[,\s]+/) ?? []) if (name.includes("#")) names.add(name);
  }
  for (const [, name] of output.matchAll(/^(\S+#\S+):\s+ERROR\b/gm)) if (name) names.add(name);
  return [...names].map((task) => {
    const at = task.lastIndexOf("#");
    const [pkg, script] = [task.slice(0, at), task.slice(at + 1)];
    const prefix = `${pkg}:${script}: `;
    const said = output
      .split("\n")
      .filter((line) => line.startsWith(prefix))
      .map((line) => line.slice(prefix.length))
      .filter((line) => !NOISE.test(line));
    const reproduce = pkg === "//" || pkg === "" ? `pnpm run ${script}` : `pnpm --filter ${pkg} run ${script}`;
    return { task, reproduce, said: said.slice(-12) };
  });
}

/** A failed `turbo run`: each failed task, how to run it alone, and what it said. */
export function buildFailure(what: string, output: string): Failure {
  const tasks = failedTasks(output);
  if (tasks.length === 0) {
    const headline = `${what} failed`;
    return { headline, text: `${red(bold(`✗ ${headline}:`))}\n${output.trim().split("\n").slice(-30).join("\n")}` };
  }
  const headline = `${what} failed: ${tasks.map((t) => t.task).join(", ")}`;
  const text = tasks.map(
    (t) =>
      `${red(bold(`✗ ${what} failed: ${t.task}`))} ${dim("(reproduce: ")}${t.reproduce}${dim(")")}\n` +
      t.said.map((line) => `  ${line}`).join("\n"),
  );
  return { headline, text: text.join("\n") };
}
