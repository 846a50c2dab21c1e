/**
 * One operation's console: the "Try it" button, and below it, built on the first open, the form and the Response
 * region (a polite live region). The element is made once and kept: when Redoc renders the section again, the same
 * element (with what the reader typed) is put back.
 */
import type { ApiModel, OperationModel } from "@csbs/types/model";
import { h, uid } from "./dom.js";
import { consoleForm, type MockFacts } from "./form.js";
import type { createSender } from "./send.js";
import { renderOutcome } from "./view.js";

export function consolePanel(
  model: ApiModel,
  op: OperationModel,
  mock: MockFacts,
  send: ReturnType<typeof createSender>,
): HTMLElement {
  const panelId = uid(`${op.operationId}-console`);
  const panel = h("div", { id: panelId, class: "csbs-panel", hidden: true });
  const open = h("button", { type: "button", class: "csbs-open", "aria-expanded": "false", "aria-controls": panelId });
  open.append("Try it");
  let built = false;
  open.addEventListener("click", () => {
    const opening = panel.hidden;
    if (opening && !built) {
      build(panel, model, op, mock, send);
      built = true;
    }
    panel.hidden = !opening;
    open.setAttribute("aria-expanded", String(opening));
  });
  return h("div", { class: "csbs-console", "data-operation": op.operationId }, open, panel);
}

function build(
  panel: HTMLElement,
  model: ApiModel,
  op: OperationModel,
  mock: MockFacts,
  send: ReturnType<typeof createSender>,
): void {
  const { form, read } = consoleForm(model, op, mock);
  const response = h("section", {
    class: "csbs-response",
    role: "region",
    "aria-label": "Response",
    "aria-live": "polite",
  });
  response.append(h("p", { class: "csbs-hint" }, "Send a request to see its answer here."));
  let current: AbortController | undefined;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    current?.abort();
    const mine = new AbortController();
    current = mine;
    response.setAttribute("aria-busy", "true");
    const outcome = await send(op, read(), mine.signal);
    if (current !== mine) return; // a newer request owns the region
    response.replaceChildren(...renderOutcome(model, outcome));
    response.removeAttribute("aria-busy");
    // How many answers the region has shown: what a test (or a reader's script) waits on.
    response.dataset.answers = String(Number(response.dataset.answers ?? 0) + 1);
  });
  panel.append(form, response);
}
