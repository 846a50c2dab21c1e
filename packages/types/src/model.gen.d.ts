// generated from spec/ by `pnpm generate` (openapi-typescript) — do not edit.

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema and example values are arbitrary JSON
export type Json = any;

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

export interface FilterRule {
  /** The item field the value is compared with, a dotted path (`extend_info.resource_az`). */
  field: string;
  match: "exact" | "substring-ci" | "gte" | "lte" | "all-tenants";
  /** The field is kept by the service but is no response field (e.g. the owning project). */
  hidden: boolean;
}

export interface SortModel {
  /** The query parameter that carries the sort (`sort`). */
  parameter: string;
  keys: Record<string, { field: string; hidden: boolean }>;
  direction: "asc" | "desc";
  default: string;
  tiebreaker: string;
}

export interface PaginationModel {
  style: "marker";
  items: string;
  id: string;
  marker: string;
  limit?: string;
  offset?: string;
  /** The default of the limit parameter's schema: the page size when none is sent. */
  defaultLimit?: number;
}

export interface ParameterModel {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  description?: string;
  /** The schema's own description (what the value is), when it has one. */
  schemaDescription?: string;
  schema: Json;
  default?: Json;
  enum?: Json[];
  example?: Json;
  allowEmptyValue: boolean;
  deprecated: boolean;
  filter?: FilterRule;
}

export interface ExampleModel {
  summary?: string;
  description?: string;
  value: Json;
}

export interface HeaderModel {
  name: string;
  description?: string;
  schema: Json;
}

export interface ResponseModel {
  status: number;
  description: string;
  /** Why the toolchain documents a response that the source document does not (`x-ours`). */
  ours?: string;
  /** The JSON body's schema, inlined; absent for a response without a JSON body. */
  schema?: Json;
  /** Named examples, in document order. */
  examples: Record<string, ExampleModel>;
  /** The body to show or answer when no example is named: the first named example, else the media type's example. */
  example?: Json;
  headers: HeaderModel[];
}

export interface OperationModel {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated: boolean;
  parameters: ParameterModel[];
  /** The success response (the first 2xx). */
  response?: ResponseModel;
  /** The documented 4xx and 5xx responses, ascending. */
  errors: ResponseModel[];
  /** Alternatives of security requirements (scheme names); empty: no authentication. */
  security: string[][];
  /** Header names that carry credentials in any requirement (apiKey schemes in a header). */
  authHeaders: string[];
  pagination?: PaginationModel;
  sort?: SortModel;
}

export interface ServerModel {
  url: string;
  /** `url` with every variable at its default. */
  resolvedUrl: string;
  description?: string;
  variables: Record<string, { default: string; description?: string; enum?: string[] }>;
}

export interface SecuritySchemeModel {
  type: string;
  in?: string;
  /** The header, query or cookie name of an apiKey scheme. */
  name?: string;
  scheme?: string;
  description?: string;
}

export interface ApiModel {
  title: string;
  version: string;
  summary?: string;
  description?: string;
  servers: ServerModel[];
  tags: { name: string; description?: string }[];
  securitySchemes: Record<string, SecuritySchemeModel>;
  /** Path parameters every operation has (`project_id`): the client takes them once, as options. */
  commonPathParameters: string[];
  operations: OperationModel[];
}

/** The spec's model: every operation, normalized once (parameters, rules, paging, examples, errors, auth). */
export declare const model: ApiModel;
