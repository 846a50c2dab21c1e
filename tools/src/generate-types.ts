/**
 * Generates @csbs/types from the bundled spec (spec/dist/openapi.json):
 *   src/openapi.d.ts  the openapi-typescript output (paths, components, operations)
 *   src/index.d.ts    friendly aliases: one per component schema, and Query/PathParams/Response per operation
 *   src/index.d.mts   the entry for `import` (the .d.ts pair is CommonJS-typed), re-exporting index.d.ts, so that
 *                     ESM and CommonJS TypeScript projects both resolve types of their own format
 * Every file carries the GENERATED_HEADER, which the drift check relies on.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

export const GENERATED_HEADER = "// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.\n";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bundled = resolve(root, "spec/dist/openapi.json");
const outDir = resolve(root, "packages/types/src");

type Spec = {
  paths: Record<string, Record<string, { operationId?: string; parameters?: { in: string }[] }>>;
  components?: { schemas?: Record<string, unknown> };
};

const pascal = (s: string) => s.replace(/(^|[_\-\s]+)([a-z0-9])/gi, (_, __, c: string) => c.toUpperCase());

/** The alias module: what most consumers import instead of indexing into `paths`. */
export function aliasModule(spec: Spec): string {
  const lines = [
    GENERATED_HEADER,
    'import type { components, operations } from "./openapi.js";',
    "",
    'export type { components, operations, paths, $defs, webhooks } from "./openapi.js";',
    "",
    "// Component schemas",
  ];
  for (const name of Object.keys(spec.components?.schemas ?? {}).sort()) {
    lines.push(`export type ${pascal(name)} = components["schemas"]["${name}"];`);
  }
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== "object" || !op.operationId) continue;
      const id = op.operationId;
      const T = pascal(id);
      const opRef = `operations["${id}"]`;
      lines.push(
        "",
        `// ${method.toUpperCase()} ${path}`,
        `export type ${T}Operation = ${opRef};`,
        `export type ${T}PathParams = NonNullable<${opRef}["parameters"]["path"]>;`,
        `export type ${T}Query = NonNullable<${opRef}["parameters"]["query"]>;`,
        `export type ${T}Response = ${opRef}["responses"][200]["content"]["application/json"];`,
        `/** The documented error statuses of ${id}. */`,
        `export type ${T}ErrorStatus = Exclude<keyof ${opRef}["responses"], 200 | "default">;`,
        `export type ${T}Path = "${path}";`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The generated files of @csbs/types, by name, from a bundled spec (what `pnpm generate` writes; the drift check compares). */
export async function renderTypes(spec: Spec): Promise<[string, string][]> {
  const ast = await openapiTS(structuredClone(spec) as never, {
    // A `default` in a response schema says what the server means when a field is absent, not that it is sent.
    defaultNonNullable: false,
  });
  const body = astToString(ast).replace(/^\/\*\*[\s\S]*?\*\/\n\n/, ""); // drop openapi-typescript's own banner
  return [
    ["openapi.d.ts", `${GENERATED_HEADER}\n${body}`],
    ["index.d.ts", aliasModule(spec)],
    ["index.d.mts", `${GENERATED_HEADER}\nexport type * from "./index.js";\n`],
  ];
}

export async function generateTypes(): Promise<string[]> {
  const spec = JSON.parse(await readFile(bundled, "utf8")) as Spec;
  await mkdir(outDir, { recursive: true });
  const files = (await renderTypes(spec)).map(([name, text]) => [resolve(outDir, name), text] as const);
  for (const [file, text] of files) await writeFile(file, text);
  return files.map(([f]) => f);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await generateTypes();
  for (const f of files) console.log(`generated ${f.slice(root.length + 1)}`);
}
