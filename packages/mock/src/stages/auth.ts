/**
 * Stage 3, auth: an operation with security requirements needs a credential header, one of the model's
 * `authHeaders` (apiKey schemes in a header) or `Authorization`; its value is not checked (any token is a token). Without
 * one: 401 with the operation's documented 401 body and the request ID, as API Gateway answers.
 */
import { jsonAnswer } from "../answers.js";
import type { Answer, Exchange } from "../types.js";
import type { Routed } from "./route.js";

/** The 401 when no credential is sent, else undefined. */
export function authStage(ex: Exchange, { operation }: Routed): Answer | undefined {
  if (operation.security.length === 0) return undefined;
  const has = (name: string) => Boolean(ex.request.header(name.toLowerCase()));
  if (has("authorization") || operation.authHeaders.some(has)) return undefined;
  const documented = operation.errors.find((e) => e.status === 401)?.example;
  const body = documented ?? { error_code: "APIGW.0301", error_msg: "Unauthorized" };
  return jsonAnswer(ex, 401, { ...body, request_id: ex.id });
}
