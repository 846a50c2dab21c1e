/**
 * One form control per parameter of an operation, typed from its schema in the model: a number input for an integer
 * (min/max from the schema), a select for an enum or a boolean, text otherwise. Labelled with the parameter's name,
 * described by its description, the default shown as the placeholder, a required one marked and required.
 */
import type { Json, ParameterModel } from "@csbs/types/model";
import { h, prose, uid } from "./dom.js";

export type Value = string | number | boolean;

export interface ParameterField {
  parameter: ParameterModel;
  row: HTMLElement;
  control: HTMLInputElement | HTMLSelectElement;
  /** The value to send, typed as the schema says; undefined when left empty (not sent). */
  read(): Value | undefined;
}

/** The schema's type, without `null` (OpenAPI 3.1 writes a nullable type as a list). */
export function typeOf(schema: Json): string | undefined {
  const type = schema?.type;
  return Array.isArray(type) ? type.find((t: string) => t !== "null") : type;
}

const show = (value: Json): string => (typeof value === "string" ? value : JSON.stringify(value));

/** What the reader sees in an empty control: the default, else an example. */
function hintOf(p: ParameterModel): string {
  if (p.default !== undefined) return `default: ${show(p.default)}`;
  if (p.example !== undefined) return `e.g. ${show(p.example)}`;
  return "";
}

function selectOf(p: ParameterModel, id: string, values: Json[]): HTMLSelectElement {
  const empty = p.default !== undefined ? `not sent (default: ${show(p.default)})` : "not sent";
  return h(
    "select",
    { id, name: p.name, required: p.required },
    h("option", { value: "" }, p.required ? "choose a value" : empty),
    ...values.map((v) => h("option", { value: show(v) }, show(v))),
  );
}

function inputOf(p: ParameterModel, id: string): HTMLInputElement {
  const type = typeOf(p.schema);
  const numeric = type === "integer" || type === "number";
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = p.schema ?? {};
  const integer = type === "integer";
  // An exclusive bound is an inclusive one a step inside, for integers; a number input has no exclusive bound.
  const inside = (bound: unknown, by: number) => (integer && typeof bound === "number" ? bound + by : undefined);
  return h("input", {
    id,
    name: p.name,
    type: numeric ? "number" : "text",
    inputmode: integer ? "numeric" : undefined,
    min: minimum ?? inside(exclusiveMinimum, 1),
    max: maximum ?? inside(exclusiveMaximum, -1),
    step: numeric ? (integer ? 1 : "any") : undefined,
    minlength: numeric ? undefined : p.schema?.minLength,
    maxlength: numeric ? undefined : p.schema?.maxLength,
    placeholder: hintOf(p) || undefined,
    required: p.required,
    autocomplete: "off",
    spellcheck: "false",
  });
}

/** The control of one parameter, in a row with its label, location and description. */
export function parameterField(p: ParameterModel, stem: string): ParameterField {
  const id = uid(`${stem}-${p.in}-${p.name}`);
  const type = typeOf(p.schema);
  const values = p.enum ?? (type === "boolean" ? [true, false] : undefined);
  const control = values ? selectOf(p, id, values) : inputOf(p, id);
  const text = p.description ?? p.schemaDescription ?? "";
  const describedBy = text ? `${id}-desc` : undefined;
  if (describedBy) control.setAttribute("aria-describedby", describedBy);
  const row = h(
    "div",
    { class: "csbs-field" },
    h(
      "div",
      { class: "csbs-label" },
      h("label", { for: id }, h("code", {}, p.name)),
      p.required && h("span", { class: "csbs-req", "aria-hidden": "true" }, "*"),
      h("span", { class: "csbs-in" }, `${p.in}${type ? ` · ${type}` : ""}${p.required ? " · required" : ""}`),
    ),
    control,
    describedBy && h("p", { id: describedBy, class: "csbs-hint" }, ...prose(text)),
  );
  const read = (): Value | undefined => {
    const raw = control.value;
    if (raw === "") return undefined;
    if (type === "boolean") return raw === "true";
    if (type === "integer" || type === "number") return Number(raw);
    return raw;
  };
  return { parameter: p, row, control, read };
}
