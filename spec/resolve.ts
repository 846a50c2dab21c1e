/**
 * The one `$ref` resolver of the repository. Browser-safe, no I/O. Its two users walk raw OpenAPI documents: the
 * generator of @csbs/types (which normalizes the document into the model every product reads) and the breaking gate
 * (which compares two documents). Everything else reads the model. No imports: Redocly loads it (through the plugin's
 * vocabulary.ts) from wherever spec/ is copied, with no node_modules.
 */

/** The HTTP methods of a path item, in the order OpenAPI lists them. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * The one `$ref` walker of the repository: follows local `$ref`s ("#/components/...") through `doc` to a node that
 * is not a reference. Keywords beside a `$ref` (OpenAPI 3.1 allows e.g. a `description` there) are merged over the
 * target; `refs` are the references followed, in order (callers use them to stop on recursive schemas).
 */
// biome-ignore lint/suspicious/noExplicitAny: spec nodes are untyped JSON
export function resolveRef(doc: object, node: any): { node: any; refs: string[] } {
  const refs: string[] = [];
  let siblings: Record<string, unknown> = {};
  while (typeof node?.$ref === "string" && node.$ref.startsWith("#/") && !refs.includes(node.$ref)) {
    const { $ref, ...rest } = node;
    refs.push($ref);
    siblings = { ...rest, ...siblings };
    node = $ref
      .slice(2)
      .split("/")
      // biome-ignore lint/suspicious/noExplicitAny: walking untyped JSON
      .reduce((o: any, k: string) => o?.[k.replaceAll("~1", "/").replaceAll("~0", "~")], doc);
    if (node === undefined) throw new Error(`unresolved $ref ${$ref}`);
  }
  return {
    node: Object.keys(siblings).length && node && typeof node === "object" ? { ...node, ...siblings } : node,
    refs,
  };
}

/** `resolveRef`'s node: what a `$ref` stands for. */
// biome-ignore lint/suspicious/noExplicitAny: spec nodes are untyped JSON
export const deref = (doc: object, node: any): any => resolveRef(doc, node).node;
