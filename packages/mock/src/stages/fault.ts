/**
 * Stage 2, fault: what API Gateway or the network does before the service sees the request, asked with
 * `Prefer: fault=` or drawn at the engine's fault rate. 429, 502 and 504 answer the gateway's own bodies (`APIGW.…`,
 * 429 with `Retry-After: 1`); `drop` closes the connection; `truncate` lets the request go on and cuts its answer.
 */
import { badRequest, jsonAnswer, preferViolation, quote } from "../answers.js";
import type { Answer, Exchange, Fault } from "../types.js";
import type { Routed } from "./route.js";

export const FAULTS: readonly Fault[] = ["429", "502", "504", "drop", "truncate"];

/** API Gateway's own answers for the faults it produces (not CSBS errors: the gateway answers them itself). */
const GATEWAY: Record<"429" | "502" | "504", { error_code: string; error_msg: string }> = {
  "429": {
    error_code: "APIGW.0308",
    error_msg: "The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute",
  },
  "502": { error_code: "APIGW.0202", error_msg: "Backend unavailable" },
  "504": { error_code: "APIGW.0203", error_msg: "Backend timeout" },
};

/** The fault's answer, or whether the answer is to be truncated. `drawn` is the fault rate's draw, when asked. */
export function faultStage(
  ex: Exchange,
  { operation }: Routed,
  drawn: () => Fault | undefined,
): { answer: Answer } | { truncate: boolean } {
  const asked = ex.prefer.fault;
  if (asked !== undefined && !(FAULTS as readonly string[]).includes(asked)) {
    const message = `Prefer: fault=${quote(asked)} is not a fault the mock knows; valid: ${FAULTS.join(", ")}`;
    return { answer: badRequest(ex, operation, [preferViolation(message)]) };
  }
  const fault = (asked as Fault | undefined) ?? drawn();
  if (fault === "429" || fault === "502" || fault === "504") {
    const extra: Record<string, string> = fault === "429" ? { "retry-after": "1" } : {};
    return { answer: { ...jsonAnswer(ex, Number(fault), { ...GATEWAY[fault], request_id: ex.id }, extra), operation } };
  }
  if (fault === "drop") return { answer: { status: 0, headers: {}, delayMs: ex.delayMs, fault: "drop", operation } };
  return { truncate: fault === "truncate" };
}
