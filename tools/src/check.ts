/**
 * `pnpm check` (tools/scripts/check.ts): every gate CI runs before the tests, as turbo tasks the packages own, in two
 * phases. The source gates first — biome, spec lint and versions, generated-code drift, breaking changes — so the drift
 * checks read the committed generated files before any build regenerates them; then the gates that need the packages
 * built (typecheck, publint + attw, size). Both phases always run, so every failure is shown at once.
 */
export const CHECK_PHASES: readonly (readonly string[])[] = [
  ["lint", "check:generated", "breaking", "--continue"],
  ["typecheck", "lint:package", "size", "--continue", "--output-logs=errors-only"],
];

/** Runs every phase (`turbo run <phase>`), whatever the ones before did; true when all passed. */
export function runPhases(
  turbo: (args: readonly string[]) => boolean,
  phases: readonly (readonly string[])[] = CHECK_PHASES,
): boolean {
  return phases.map((phase) => turbo(phase)).every(Boolean);
}
