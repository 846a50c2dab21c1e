/** The Response region: status, time, headers, the pretty-printed body, and the request as curl and client code. */
import type { ApiModel } from "@csbs/types/model";
import { clientCodeOf, curlOf } from "./code.js";
import { h } from "./dom.js";
import type { Outcome } from "./send.js";

const TARGETS = { page: "This page", local: "the local mock", remote: "the endpoint" } as const;

/** JSON pretty-printed; any other text as it came. */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const block = (title: string, label: string, text: string) => [
  h("h4", {}, title),
  h("pre", { class: "csbs-code", "aria-label": label, tabindex: 0 }, h("code", {}, text)),
];

/** What a finished request shows. */
export function renderOutcome(model: ApiModel, outcome: Outcome): Node[] {
  const { ask, sent, received, problem } = outcome;
  const ms = `${Math.round(outcome.ms)} ms`;
  const out: Node[] = [];
  if (received) {
    const status = `${received.status}${received.statusText ? ` ${received.statusText}` : ""}`;
    out.push(
      h(
        "p",
        { class: "csbs-status", "data-status": received.status },
        `Status ${status} · ${ms} · ${TARGETS[ask.target]}`,
      ),
      h("h4", {}, "Headers"),
      h(
        "dl",
        { class: "csbs-headers" },
        ...received.headers.flatMap(([name, value]) => [h("dt", {}, name), h("dd", {}, value)]),
      ),
    );
  }
  if (problem) out.push(h("p", { class: "csbs-problem" }, problem.message, ` (${ms})`));
  if (received?.body !== undefined) out.push(...block("Body", "Response body", pretty(received.body)));
  if (sent) {
    out.push(...block("curl", "curl", curlOf(sent, ask, outcome.op.authHeaders)));
    out.push(...block("@csbs/client", "@csbs/client code", clientCodeOf(model, outcome.op, ask, ask.baseUrl)));
  }
  return out;
}
