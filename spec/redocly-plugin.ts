/**
 * The Redocly plugin of the spec's vocabulary (`plugins:` in redocly.yaml): one lint rule per rule of
 * `vocabulary.ts`, `csbs/<rule>`, each reporting its problems at the node in the file it is written in, so
 * `pnpm lint:spec` says file:line:col like for every other rule. Loaded by Node's type stripping: erasable syntax only.
 */
import { type At, checkOperation, RULES, type RuleName, type Walker } from "./vocabulary.ts";

/** The part of Redocly's Location a rule uses: a place in one file, its children, and its key. */
interface Location {
  source: { absoluteRef: string };
  child(keys: string[]): Location;
  key(): Location;
}
interface Context {
  location: Location;
  parentLocations: Record<string, Location | undefined>;
  resolve(node: unknown, from?: string): { node: unknown; location?: Location };
  report(problem: { message: string; location: Location }): void;
}

const isRef = (node: unknown) => typeof (node as { $ref?: unknown } | null)?.$ref === "string";

/** `$ref`s are followed from the file the place is in, as Redocly resolved them; an unresolved one is no node. */
function walker(ctx: Context): Walker<Location> {
  return {
    resolve(node, at) {
      if (!isRef(node)) return { node, at };
      const resolved = ctx.resolve(node, at.source.absoluteRef);
      return { node: resolved.node, at: resolved.location ?? at };
    },
    child: (at, ...keys) => at.child(keys),
    key: (at) => at.key(),
  };
}

/** One rule: every operation, checked with its path item (whose parameters it inherits). */
function rule(name: RuleName) {
  return () => ({
    PathItem: {
      Operation: {
        enter(operation: unknown, ctx: Context, parents: Record<string, unknown>) {
          const itemAt = ctx.parentLocations.PathItem ?? ctx.location;
          const pathItem: At<Location> = { node: parents.PathItem, at: itemAt };
          for (const problem of checkOperation(walker(ctx), pathItem, { node: operation, at: ctx.location })) {
            if (problem.rule === name) ctx.report({ message: problem.message, location: problem.at });
          }
        },
      },
    },
  });
}

export default function csbsVocabulary() {
  const rules = Object.fromEntries(Object.keys(RULES).map((name) => [name, rule(name as RuleName)]));
  return { id: "csbs", rules: { oas3: rules } };
}
