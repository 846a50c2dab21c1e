// The request `pnpm dev` prints next to the mock's URL comes from the spec's model, not from a path written in dev:
// the first operation's method and path, path parameters (and required query parameters) from their examples, the
// credential in the operation's first auth header. (dev.test.ts runs the printed line against the real mock.)
import { type ApiModel, model, type ParameterModel } from "@csbs/types/model";
import { describe, expect, it } from "vitest";
import { curlOf } from "../src/dev/curl.ts";

describe("the request dev prints next to the mock", () => {
  it("is the spec's first operation, its path parameters filled from their examples, its auth header", () => {
    const [operation] = model.operations;
    const example = operation?.parameters.find((p) => p.in === "path")?.example;
    expect(example, "the spec gives its path parameter an example").toBeDefined();
    expect(curlOf(model, "http://127.0.0.1:4010")).toBe(
      `curl -H '${operation?.authHeaders[0]}: any' 'http://127.0.0.1:4010${operation?.path.replace(/\{[^}]+\}/, String(example))}'`,
    );
  });

  it("follows the model: another first operation, its method, required query parameters, no authentication", () => {
    const [first] = model.operations;
    if (!first) throw new Error("the model has no operation");
    const parameter = (name: string, where: "path" | "query", example: unknown, required = true): ParameterModel => ({
      name,
      in: where,
      example,
      required,
      schema: {},
      allowEmptyValue: false,
      deprecated: false,
    });
    const grown: ApiModel = {
      ...model,
      operations: [
        {
          ...first,
          method: "post",
          path: "/v2/{project_id}/things/{thing_id}",
          parameters: [
            parameter("project_id", "path", "p 1"),
            parameter("thing_id", "path", 7),
            parameter("q", "query", "a&b"),
            parameter("optional", "query", "x", false),
          ],
          authHeaders: [],
        },
      ],
    };
    expect(curlOf(grown, "http://h")).toBe("curl -X POST 'http://h/v2/p%201/things/7?q=a%26b'");
    expect(curlOf({ ...model, operations: [] }, "http://h")).toBeUndefined();
  });
});
