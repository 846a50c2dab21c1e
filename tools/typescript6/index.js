// Re-exported from here so that openapi-typescript resolves its `typescript` peer to this package's TypeScript 6.
export { astToString, default as openapiTS } from "openapi-typescript";
export { default as ts } from "typescript";
