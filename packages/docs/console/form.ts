/**
 * The console's form for one operation: its parameters (the common path parameters too), the credentials, the
 * target, and the mock's `Prefer` scenarios. Credentials live in these inputs only: nothing is written to the URL or
 * to storage, and password inputs keep them off screen.
 */
import type { ApiModel, OperationModel } from "@csbs/types/model";
import { h, uid } from "./dom.js";
import { type ParameterField, parameterField, type Value } from "./fields.js";

export type Target = "page" | "local" | "remote";

export type Credentials =
  | { token: string }
  | { accessKey: string; secretKey: string; securityToken?: string | undefined };

/** What one "Send request" asks for. */
export interface Ask {
  values: { path: Record<string, Value>; query: Record<string, Value>; header: Record<string, Value> };
  credentials: Credentials;
  target: Target;
  /** The base URL of the local mock or the real endpoint; for "This page", the local mock's (for the curl line). */
  baseUrl: string;
  seed: string;
  records: number;
  /** The `Prefer` header, for a mock target, when any scenario is chosen. */
  prefer: string | undefined;
  showSecret: boolean;
}

export interface ConsoleForm {
  form: HTMLFormElement;
  read(): Ask;
}

/** A labelled control in a row. */
function row(label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement {
  const id = control.id || uid(label);
  control.id = id;
  const hintId = hint ? `${id}-desc` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h(
    "div",
    { class: "csbs-field" },
    h("div", { class: "csbs-label" }, h("label", { for: id }, label)),
    control,
    hint && h("p", { id: hintId, class: "csbs-hint" }, hint),
  );
}

const options = (pairs: [string, string][]) => pairs.map(([value, text]) => h("option", { value }, text));

/** Shows the rows of the chosen option and hides (and disables, so they are not validated) the others. */
function switcher(select: HTMLSelectElement, rows: Record<string, HTMLElement[]>): () => void {
  const apply = () => {
    for (const [value, elements] of Object.entries(rows)) {
      for (const element of elements) {
        element.hidden = value !== select.value;
        for (const c of element.querySelectorAll("input, select")) (c as HTMLInputElement).disabled = element.hidden;
      }
    }
  };
  select.addEventListener("change", apply);
  apply();
  return apply;
}

const secret = (name: string) => h("input", { type: "password", name, autocomplete: "off", spellcheck: "false" });
const text = (name: string, value = "", type = "text") =>
  h("input", { type, name, value, autocomplete: "off", spellcheck: "false" });

function credentialsSection() {
  const kind = h(
    "select",
    { name: "credentials" },
    ...options([
      ["token", "IAM token (X-Auth-Token)"],
      ["aksk", "AK/SK (signed in this page, SDK-HMAC-SHA256)"],
    ]),
  );
  const token = secret("token");
  token.required = true;
  const accessKey = text("access-key");
  accessKey.required = true;
  const secretKey = secret("secret-key");
  secretKey.required = true;
  const securityToken = secret("security-token");
  const tokenRows = [row("Token (X-Auth-Token)", token, "Any value works on a mock.")];
  const akskRows = [
    row("Access key (AK)", accessKey),
    row("Secret key (SK)", secretKey, "Signs the request in this page; it is never sent."),
    row("Security token (temporary keys)", securityToken),
  ];
  const showSecret = h("input", { type: "checkbox", name: "show-secret", id: uid("show-secret") });
  const fieldset = h(
    "fieldset",
    {},
    h("legend", {}, "Credentials"),
    row("Authentication", kind),
    ...tokenRows,
    ...akskRows,
    h("div", { class: "csbs-check" }, showSecret, h("label", { for: showSecret.id }, "Show secret in curl")),
    h("p", { class: "csbs-hint" }, "Kept in this page's memory only: never in the URL or the browser's storage."),
  );
  switcher(kind, { token: tokenRows, aksk: akskRows });
  const read = (): Credentials =>
    kind.value === "token"
      ? { token: token.value }
      : { accessKey: accessKey.value, secretKey: secretKey.value, securityToken: securityToken.value || undefined };
  return { fieldset, read, showSecret: () => showSecret.checked };
}

/** The base URL the model's servers name for a local mock (a loopback host), and for the real service. */
function serversOf(model: ApiModel): { local: string; remote: string } {
  const loopback = (url: string) => /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(url);
  const urls = model.servers.map((s) => s.resolvedUrl);
  return {
    local: urls.find(loopback) ?? "http://127.0.0.1:4010",
    remote: urls.find((u) => !loopback(u)) ?? "",
  };
}

/** What the console takes from the mock's engine: its faults and the default data set (`pnpm mock`'s). */
export interface MockFacts {
  faults: readonly string[];
  seed: string;
  records: number;
  maxRecords: number;
}

function targetSection(model: ApiModel, op: OperationModel, mock: MockFacts) {
  const servers = serversOf(model);
  const target = h(
    "select",
    { name: "target" },
    ...options([
      ["page", "This page"],
      ["local", "Local mock"],
      ["remote", "Real endpoint"],
    ]),
  );
  const seed = text("seed", mock.seed);
  const records = h("input", {
    type: "number",
    name: "records",
    value: mock.records,
    min: 1,
    max: mock.maxRecords,
    step: 1,
  });
  const local = text("local-url", servers.local, "url");
  const remote = text("remote-url", servers.remote, "url");
  for (const c of [seed, records, local, remote]) c.required = true;
  const pageRows = [
    row(
      "Seed",
      seed,
      "The mock's engine runs in this page: no network, works offline. Same seed and size as pnpm mock.",
    ),
    row("Records", records),
  ];
  const localRows = [row("Local mock URL", local, "pnpm mock serves on this address, with CORS on.")];
  const remoteRows = [row("Endpoint URL", remote, "The browser sends the request: the endpoint must allow CORS.")];
  const scenario = scenarioSection(op, mock.faults);
  const fieldset = h(
    "fieldset",
    {},
    h("legend", {}, "Where to send it"),
    row("Target", target),
    ...pageRows,
    ...localRows,
    ...remoteRows,
  );
  switcher(target, { page: pageRows, local: localRows, remote: remoteRows });
  // The scenarios are the mock's: shown for both mock targets.
  const mockOnly = () => {
    scenario.fieldset.hidden = target.value === "remote";
    for (const c of scenario.fieldset.querySelectorAll("input, select")) {
      (c as HTMLInputElement).disabled = scenario.fieldset.hidden;
    }
  };
  target.addEventListener("change", mockOnly);
  mockOnly();
  return {
    fieldsets: [fieldset, scenario.fieldset],
    read: () => ({
      target: target.value as Target,
      // "This page" names the local mock's URL in its curl line; the engine in the page answers any.
      baseUrl: target.value === "remote" ? remote.value : URL.canParse(local.value) ? local.value : servers.local,
      seed: seed.value,
      records: Number(records.value),
      prefer: target.value === "remote" ? undefined : scenario.read(),
    }),
  };
}

function scenarioSection(op: OperationModel, faults: readonly string[]) {
  const example = h(
    "select",
    { name: "prefer-example" },
    ...options([["", "none"], ...Object.keys(op.response?.examples ?? {}).map((n): [string, string] => [n, n])]),
  );
  const code = h(
    "select",
    { name: "prefer-code" },
    ...options([
      ["", "none"],
      ...op.errors.map((e): [string, string] => [String(e.status), `${e.status}: ${e.description.split(/\.\s/)[0]}`]),
    ]),
  );
  const fault = h(
    "select",
    { name: "prefer-fault" },
    ...options([["", "none"], ...faults.map((f): [string, string] => [f, f])]),
  );
  const delay = h("input", { type: "number", name: "prefer-delay", min: 0, max: 999999, step: 1, placeholder: "0" });
  const fieldset = h(
    "fieldset",
    {},
    h("legend", {}, "Mock scenario (Prefer header)"),
    row("Prefer: example", example, "Answer this named example of the spec instead of the data set."),
    row("Prefer: code", code, "Answer this documented error."),
    row("Prefer: fault", fault, "Act out a gateway or network fault."),
    row("Prefer: delay (ms)", delay),
  );
  const read = (): string | undefined => {
    const parts = [
      example.value && `example=${example.value}`,
      code.value && `code=${code.value}`,
      delay.value && `delay=${delay.value}`,
      fault.value && `fault=${fault.value}`,
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(", ") : undefined;
  };
  return { fieldset, read };
}

/** The whole form of an operation. */
export function consoleForm(model: ApiModel, op: OperationModel, mock: MockFacts): ConsoleForm {
  const fields: ParameterField[] = op.parameters
    .filter((p) => p.in !== "cookie") // a page cannot set a cookie on another origin's request
    .map((p) => parameterField(p, op.operationId));
  const credentials = credentialsSection();
  const target = targetSection(model, op, mock);
  const form = h(
    "form",
    { class: "csbs-form", "aria-label": `Try ${op.operationId}` },
    h("fieldset", {}, h("legend", {}, "Parameters"), ...fields.map((f) => f.row)),
    credentials.fieldset,
    ...target.fieldsets,
    h("div", { class: "csbs-actions" }, h("button", { type: "submit", class: "csbs-send" }, "Send request")),
  );
  const read = (): Ask => {
    const values: Ask["values"] = { path: {}, query: {}, header: {} };
    for (const f of fields) {
      const value = f.read();
      if (value !== undefined && f.parameter.in in values) {
        values[f.parameter.in as keyof Ask["values"]][f.parameter.name] = value;
      }
    }
    return { values, credentials: credentials.read(), showSecret: credentials.showSecret(), ...target.read() };
  };
  return { form, read };
}
