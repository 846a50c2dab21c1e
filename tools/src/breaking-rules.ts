/**
 * The breaking-change rules: a structural diff of two bundled OpenAPI 3.1 documents, from the point of view of a
 * consumer that pinned the old one.
 *
 * Requests flow from the consumer to the API: the new spec must accept every request the old one accepted (no
 * removed or newly required parameter, no narrowed enum, no tighter bound or pattern). Responses flow back: every
 * response the new spec allows must still be one the old one allowed, and every field the consumer read must still be
 * there (no removed field, no field made optional, no new enum value, no removed status code). A changed `type` or
 * `format` is breaking in either direction. The TypeScript judge (breaking-types.ts) checks the same contracts on the
 * generated types; these rules also cover what types cannot show (bounds, patterns, formats, status codes, names).
 */

/** breaking: fails the gate (outside a new major). additive: new capability. notice: same shape, changed meaning. */
export type Severity = "breaking" | "additive" | "notice";

/** Which half of the contract a change is about: what the consumer sends (and calls), or what it gets back. */
export type Side = "request" | "response";

export interface Change {
  severity: Severity;
  side: Side;
  /** Where: "GET /v1/{project_id}/…" (an operation), or a path. */
  where: string;
  /** What changed, in one sentence, naming the parameter or field. */
  message: string;
}

type Json = Record<string, unknown>;
export type OpenApiDoc = { info?: { version?: string }; paths?: Record<string, Json>; [k: string]: unknown };

import { HTTP_METHODS as METHODS, resolveRef } from "@csbs/spec/resolve";

const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v));
const list = (vs: unknown[]) => vs.map(show).join(", ");

const deref = (doc: OpenApiDoc, node: unknown): { node: Json; refs: string[] } => {
  const { node: target, refs } = resolveRef(doc, node);
  return { node: isObj(target) ? target : {}, refs };
};

interface Ctx {
  oldDoc: OpenApiDoc;
  newDoc: OpenApiDoc;
  where: string;
  out: Change[];
  /** Pairs of $refs already being compared on this branch (recursive schemas). */
  visiting: Set<string>;
}

const typesOf = (s: Json): string[] | undefined => {
  if (s.type === undefined) return undefined;
  return (Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]).slice().sort();
};
const enumOf = (s: Json): unknown[] | undefined =>
  Array.isArray(s.enum) ? s.enum : "const" in s ? [s.const] : undefined;
const key = (v: unknown) => JSON.stringify(v);

const LOWER = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"] as const;
const UPPER = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"] as const;

function compareSchema(ctx: Ctx, oldRaw: unknown, newRaw: unknown, dir: Side, label: string): void {
  const o = deref(ctx.oldDoc, oldRaw);
  const n = deref(ctx.newDoc, newRaw);
  const pair = `${o.refs.at(-1) ?? ""}|${n.refs.at(-1) ?? ""}|${dir}`;
  if (o.refs.length && n.refs.length) {
    if (ctx.visiting.has(pair)) return;
    ctx.visiting.add(pair);
  }
  try {
    compareResolved(ctx, o.node, n.node, dir, label);
  } finally {
    if (o.refs.length && n.refs.length) ctx.visiting.delete(pair);
  }
}

/** A recorder of changes at the context's place, on one side. */
const recorder = (ctx: Ctx, side: Side) => (severity: Severity) => (message: string) =>
  void ctx.out.push({ severity, side, where: ctx.where, message });

type Report = (message: string) => void;
interface Reporters {
  breaking: Report;
  additive: Report;
  notice: Report;
}
const reporters = (ctx: Ctx, side: Side): Reporters => {
  const add = recorder(ctx, side);
  return { breaking: add("breaking"), additive: add("additive"), notice: add("notice") };
};

// Outside in: the value's own type, enum and bounds, then its fields, then nested schemas. This is the report's order.
function compareResolved(ctx: Ctx, o: Json, n: Json, dir: Side, label: string): void {
  const report = reporters(ctx, dir);
  if (!compareType(report, o, n, label)) return; // everything else is about values of the old type
  compareEnum(report, o, n, dir, label);
  // Bounds and patterns are judged on requests, where a tighter one rejects what a consumer used to send.
  if (dir === "request") compareRequestConstraints(report, o, n, label);
  compareProperties(ctx, report, o, n, dir, label);
  compareSubschemas(ctx, report, o, n, dir, label);
}

/** A changed type (or format) is breaking on either side. False when the type changed: nothing else compares then. */
function compareType({ breaking, notice }: Reporters, o: Json, n: Json, label: string): boolean {
  const ot = typesOf(o);
  const nt = typesOf(n);
  if (key(ot) !== key(nt)) {
    breaking(`${label}: type changed from ${ot ? ot.join(" | ") : "(any)"} to ${nt ? nt.join(" | ") : "(any)"}`);
    return false;
  }
  if (n.deprecated === true && o.deprecated !== true) notice(`${label}: deprecated`);
  if (o.format !== n.format) {
    breaking(`${label}: format changed from ${o.format ?? "(none)"} to ${n.format ?? "(none)"}`);
  }
  return true;
}

/** The values an enum (or const) gained and lost, `undefined` standing for "any value". */
interface EnumDiff {
  oe: unknown[] | undefined;
  ne: unknown[] | undefined;
  added: unknown[];
  removed: unknown[];
}

function compareEnum(report: Reporters, o: Json, n: Json, dir: Side, label: string): void {
  const oe = enumOf(o);
  const ne = enumOf(n);
  if (key(oe) === key(ne)) return;
  const oldSet = new Set((oe ?? []).map(key));
  const newSet = new Set((ne ?? []).map(key));
  const diff: EnumDiff = {
    oe,
    ne,
    added: (ne ?? []).filter((v) => !oldSet.has(key(v))),
    removed: (oe ?? []).filter((v) => !newSet.has(key(v))),
  };
  if (dir === "request") requestEnumChanges(report, diff, label);
  else responseEnumChanges(report, diff, label);
}

/** A request enum may only grow: a value the consumer sent must still be accepted. */
function requestEnumChanges({ breaking, additive }: Reporters, { oe, ne, added, removed }: EnumDiff, label: string) {
  if (ne && !oe) breaking(`${label}: now restricted to the values ${list(ne)} (enum added)`);
  else if (removed.length) breaking(`${label}: enum narrowed, no longer accepts ${list(removed)}`);
  if (oe && !ne) additive(`${label}: any value is accepted now (enum removed)`);
  else if (oe && added.length) additive(`${label}: enum accepts new values ${list(added)}`);
}

/**
 * A response enum is frozen both ways: a new value reaches code that switched over the old ones, and a removed one
 * breaks the generated union a consumer's `case` names.
 */
function responseEnumChanges({ breaking, additive }: Reporters, { oe, ne, added, removed }: EnumDiff, label: string) {
  if (oe && !ne) breaking(`${label}: enum removed, any value may come back now (was ${list(oe)})`);
  if (oe && ne && added.length) {
    breaking(`${label}: new value(s) ${list(added)} in a response enum (breaks consumers' exhaustive switches)`);
  }
  if (oe && ne && removed.length) {
    breaking(
      `${label}: value(s) ${list(removed)} removed from a response enum (consumers' \`case\` no longer compiles)`,
    );
  }
  if (ne && !oe) additive(`${label}: documented as one of ${list(ne)} (enum added to a response)`);
}

/** Bounds and patterns of a request: a tighter one rejects values that were valid. */
function compareRequestConstraints({ breaking, additive }: Reporters, o: Json, n: Json, label: string): void {
  // A lower bound is tighter when raised (sign 1), an upper bound when lowered (sign -1).
  for (const [k, sign] of [...LOWER.map((k) => [k, 1] as const), ...UPPER.map((k) => [k, -1] as const)]) {
    const [ov, nv] = [o[k], n[k]] as (number | undefined)[];
    if (typeof nv === "number" && (typeof ov !== "number" || sign * (nv - ov) > 0)) {
      const how = typeof ov !== "number" ? "added, " : `${sign > 0 ? "raised" : "lowered"} from ${ov} `;
      breaking(`${label}: tighter bound, ${k} ${how}to ${nv}`);
    } else if (typeof ov === "number" && nv !== ov) additive(`${label}: looser bound, ${k} ${ov} → ${nv ?? "(none)"}`);
  }
  if (typeof n.pattern === "string" && n.pattern !== o.pattern) {
    breaking(
      `${label}: pattern ${typeof o.pattern === "string" ? `changed from /${o.pattern}/ ` : "added, "}to /${n.pattern}/`,
    );
  } else if (typeof o.pattern === "string" && n.pattern === undefined) additive(`${label}: pattern removed`);
  // A new multipleOf still accepts every old value only when it divides the old one.
  if (typeof n.multipleOf === "number" && !(typeof o.multipleOf === "number" && o.multipleOf % n.multipleOf === 0)) {
    breaking(`${label}: multipleOf ${o.multipleOf ?? "(none)"} → ${n.multipleOf}`);
  }
  if (n.uniqueItems === true && o.uniqueItems !== true) breaking(`${label}: items must now be unique`);
  if (n.additionalProperties === false && o.additionalProperties !== false) {
    breaking(`${label}: no longer accepts additional properties`);
  }
}

const requiredOf = (s: Json) => new Set(Array.isArray(s.required) ? (s.required as string[]) : []);

/**
 * Object properties. Required-ness follows the flow: a request field may not become required (old requests lack it),
 * a response field may not become optional (consumers read it unchecked).
 */
function compareProperties(ctx: Ctx, report: Reporters, o: Json, n: Json, dir: Side, label: string): void {
  const { breaking, additive } = report;
  const op = isObj(o.properties) ? o.properties : {};
  const np = isObj(n.properties) ? n.properties : {};
  const oreq = requiredOf(o);
  const nreq = requiredOf(n);
  for (const name of Object.keys(op)) {
    const sub = `${label}.${name}`;
    if (!(name in np)) {
      breaking(`${sub}: ${dir} field removed`);
      continue;
    }
    if (dir === "request" && nreq.has(name) && !oreq.has(name)) breaking(`${sub}: request field made required`);
    if (dir === "response" && oreq.has(name) && !nreq.has(name)) {
      breaking(`${sub}: response field made optional (consumers relied on it being present)`);
    }
    compareSchema(ctx, op[name], np[name], dir, sub);
  }
  for (const name of Object.keys(np)) {
    if (name in op) continue;
    const sub = `${label}.${name}`;
    if (dir === "request" && nreq.has(name)) breaking(`${sub}: new required request field`);
    else additive(`${sub}: new ${nreq.has(name) ? "" : "optional "}${dir} field`);
  }
}

/** Arrays, maps and compositions: recurse into the schemas both sides have. */
function compareSubschemas(ctx: Ctx, { breaking }: Reporters, o: Json, n: Json, dir: Side, label: string): void {
  if (o.items !== undefined && n.items !== undefined) compareSchema(ctx, o.items, n.items, dir, `${label}[]`);
  if (isObj(o.additionalProperties) && isObj(n.additionalProperties)) {
    compareSchema(ctx, o.additionalProperties, n.additionalProperties, dir, `${label}{}`);
  }
  for (const k of ["allOf", "anyOf", "oneOf"] as const) {
    const oa = Array.isArray(o[k]) ? (o[k] as unknown[]) : undefined;
    const na = Array.isArray(n[k]) ? (n[k] as unknown[]) : undefined;
    if (!oa && !na) continue;
    // Members pair up by position only while the count holds; past that no pairing is safe to judge.
    if (!oa || !na || oa.length !== na.length) {
      breaking(`${label}: ${k} changed (${oa?.length ?? 0} → ${na?.length ?? 0} schemas); review it by hand`);
      continue;
    }
    for (const [i, s] of oa.entries()) compareSchema(ctx, s, na[i], dir, `${label}(${k}[${i}])`);
  }
}

type Param = { name: string; in: string; required?: boolean; schema?: unknown; content?: Json; [k: string]: unknown };

function parametersOf(doc: OpenApiDoc, pathItem: Json, op: Json): Map<string, Param> {
  const map = new Map<string, Param>();
  for (const raw of [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(op.parameters) ? op.parameters : []),
  ]) {
    const p = deref(doc, raw).node as Param;
    map.set(`${p.in}:${p.name}`, p);
  }
  return map;
}

const paramSchema = (p: Param): unknown =>
  p.schema ?? (isObj(p.content) ? (Object.values(p.content)[0] as Json | undefined)?.schema : undefined);

// An operation's checks run in a fixed order (identity, security, parameters, body, responses), so a report lists
// the request side before the response side.
function compareOperation(ctx: Ctx, oldPath: Json, oldOp: Json, newPath: Json, newOp: Json): void {
  const { breaking, notice } = reporters(ctx, "request");
  if (oldOp.operationId !== newOp.operationId) {
    breaking(
      `operationId renamed from ${oldOp.operationId ?? "(none)"} to ${newOp.operationId ?? "(none)"} ` +
        "(renames the generated type aliases and the client method)",
    );
  }
  if (newOp.deprecated === true && oldOp.deprecated !== true) notice("operation deprecated");
  compareSecurity(ctx, oldOp, newOp);
  compareParameters(ctx, parametersOf(ctx.oldDoc, oldPath, oldOp), parametersOf(ctx.newDoc, newPath, newOp));
  compareRequestBody(ctx, oldOp, newOp);
  compareResponses(ctx, oldOp, newOp);
}

/** An operation's security requirements (its own, else the document's), each as a key independent of scheme order. */
const securityOf = (doc: OpenApiDoc, op: Json): string[] =>
  ((Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : []) as Json[]).map((r) =>
    key(Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))),
  );

/** Security: every way to authenticate that worked must still work. */
function compareSecurity(ctx: Ctx, oldOp: Json, newOp: Json): void {
  const { breaking, additive } = reporters(ctx, "request");
  const oldSec = securityOf(ctx.oldDoc, oldOp);
  const newSec = securityOf(ctx.newDoc, newOp);
  if (oldSec.length && !newSec.length) additive("no authentication required any more");
  else {
    for (const r of oldSec) if (!newSec.includes(r)) breaking(`security requirement ${r} no longer accepted`);
    if (!oldSec.length && newSec.length) breaking("authentication now required");
    for (const r of newSec)
      if (oldSec.length && !oldSec.includes(r)) additive(`new security requirement ${r} accepted`);
  }
}

/** Parameters, keyed by location and name: the old ones in their order, then the new ones. */
function compareParameters(ctx: Ctx, op: Map<string, Param>, np: Map<string, Param>): void {
  const { breaking, additive } = reporters(ctx, "request");
  const added = [...np.keys()].filter((k) => !op.has(k)).map((k) => np.get(k) as Param);
  for (const [k, p] of op) {
    const q = np.get(k);
    if (q) {
      compareParameter(ctx, p, q);
      continue;
    }
    // A new parameter in the same place with the same schema is most likely the old one renamed: say so.
    const twin = added.find((c) => c.in === p.in && key(paramSchema(c)) === key(paramSchema(p)));
    breaking(`${p.in} parameter \`${p.name}\` removed${twin ? ` (renamed to \`${twin.name}\`?)` : ""}`);
  }
  for (const q of added) {
    if (q.required === true) breaking(`new required ${q.in} parameter \`${q.name}\``);
    else additive(`new optional ${q.in} parameter \`${q.name}\``);
  }
}

/** One parameter both specs have. */
function compareParameter(ctx: Ctx, p: Param, q: Param): void {
  const { breaking, additive, notice } = reporters(ctx, "request");
  const name = `${p.in} parameter \`${p.name}\``;
  if (q.required === true && p.required !== true) breaking(`${name} made required`);
  if (p.required === true && q.required !== true) additive(`${name} made optional`);
  if (q.deprecated === true && p.deprecated !== true) notice(`${name} deprecated`);
  // Same shape, other meaning: a caller that omits the parameter now gets another default.
  const od = deref(ctx.oldDoc, paramSchema(p)).node.default;
  const nd = deref(ctx.newDoc, paramSchema(q)).node.default;
  if (key(od) !== key(nd)) {
    notice(
      `${name}: default changed from ${od === undefined ? "(none)" : show(od)} to ` +
        `${nd === undefined ? "(none)" : show(nd)} (callers that omit it get the new behaviour)`,
    );
  }
  for (const s of ["style", "explode", "allowReserved"] as const) {
    if (key(p[s]) !== key(q[s])) breaking(`${name}: serialization (${s}) changed`);
  }
  compareSchema(ctx, paramSchema(p), paramSchema(q), "request", name);
}

const contentOf = (node: Json): Json => (isObj(node.content) ? node.content : {});

function compareRequestBody(ctx: Ctx, oldOp: Json, newOp: Json): void {
  const { breaking, additive } = reporters(ctx, "request");
  const ob = oldOp.requestBody ? deref(ctx.oldDoc, oldOp.requestBody).node : undefined;
  const nb = newOp.requestBody ? deref(ctx.newDoc, newOp.requestBody).node : undefined;
  if (nb && !ob) {
    if (nb.required === true) breaking("new required request body");
    else additive("new optional request body");
  } else if (ob && !nb) {
    breaking("request body removed");
  } else if (ob && nb) {
    if (nb.required === true && ob.required !== true) breaking("request body made required");
    const nc = contentOf(nb);
    // Only the old media types are judged: a consumer sends one of those.
    for (const [type, media] of Object.entries(contentOf(ob))) {
      if (!(type in nc)) breaking(`request body media type ${type} no longer accepted`);
      else compareSchema(ctx, (media as Json).schema, (nc[type] as Json).schema, "request", `request body (${type})`);
    }
  }
}

/** Responses, by status code: a consumer handles the documented ones, so each must stay and keep its shape. */
function compareResponses(ctx: Ctx, oldOp: Json, newOp: Json): void {
  const { breaking, additive } = reporters(ctx, "response");
  const or = isObj(oldOp.responses) ? oldOp.responses : {};
  const nr = isObj(newOp.responses) ? newOp.responses : {};
  for (const [status, raw] of Object.entries(or)) {
    if (status in nr) compareResponse(ctx, status, deref(ctx.oldDoc, raw).node, deref(ctx.newDoc, nr[status]).node);
    else breaking(`documented status code ${status} removed`);
  }
  for (const status of Object.keys(nr)) if (!(status in or)) additive(`new documented status code ${status}`);
}

/** One status code both specs document: its bodies by media type, then its headers. */
function compareResponse(ctx: Ctx, status: string, o: Json, n: Json): void {
  const { breaking, additive } = reporters(ctx, "response");
  const oc = contentOf(o);
  const nc = contentOf(n);
  for (const [type, media] of Object.entries(oc)) {
    if (!(type in nc)) {
      breaking(`response ${status}: media type ${type} removed`);
      continue;
    }
    compareSchema(ctx, (media as Json).schema, (nc[type] as Json).schema, "response", `response ${status} body`);
  }
  for (const type of Object.keys(nc)) if (!(type in oc)) additive(`response ${status}: new media type ${type}`);
  const oh = isObj(o.headers) ? o.headers : {};
  const nh = isObj(n.headers) ? n.headers : {};
  for (const h of Object.keys(oh)) if (!(h in nh)) breaking(`response ${status}: header ${h} removed`);
}

/** Every difference between two bundled specs that a consumer can notice, breaking or additive. */
export function diffSpecs(oldDoc: OpenApiDoc, newDoc: OpenApiDoc): Change[] {
  const out: Change[] = [];
  const oldPaths = oldDoc.paths ?? {};
  const newPaths = newDoc.paths ?? {};
  for (const [path, rawOld] of Object.entries(oldPaths)) {
    const oldItem = deref(oldDoc, rawOld).node;
    if (!(path in newPaths)) {
      const ops = METHODS.filter((m) => isObj(oldItem[m])).map((m) => m.toUpperCase());
      out.push({
        severity: "breaking",
        side: "request",
        where: path,
        message: `path removed (with ${ops.join(", ") || "no"} operations)`,
      });
      continue;
    }
    const newItem = deref(newDoc, newPaths[path]).node;
    for (const m of METHODS) {
      const where = `${m.toUpperCase()} ${path}`;
      if (!isObj(oldItem[m])) {
        if (isObj(newItem[m])) out.push({ severity: "additive", side: "request", where, message: "new operation" });
        continue;
      }
      if (!isObj(newItem[m])) {
        out.push({ severity: "breaking", side: "request", where, message: "operation removed" });
        continue;
      }
      const ctx: Ctx = { oldDoc, newDoc, where, out, visiting: new Set() };
      compareOperation(ctx, oldItem, oldItem[m] as Json, newItem, newItem[m] as Json);
    }
  }
  for (const [path, rawNew] of Object.entries(newPaths)) {
    if (path in oldPaths) continue;
    const item = deref(newDoc, rawNew).node;
    for (const m of METHODS.filter((m) => isObj(item[m]))) {
      out.push({
        severity: "additive",
        side: "request",
        where: `${m.toUpperCase()} ${path}`,
        message: "new operation",
      });
    }
  }
  return dedupe(out);
}

export function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const k = `${c.severity}|${c.side}|${c.where}|${c.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The operations (path, method) two specs have in common: what the TypeScript judge compares. */
export function commonOperations(oldDoc: OpenApiDoc, newDoc: OpenApiDoc): { path: string; method: string }[] {
  const out: { path: string; method: string }[] = [];
  for (const [path, item] of Object.entries(oldDoc.paths ?? {})) {
    const other = newDoc.paths?.[path];
    if (!isObj(item) || !isObj(other)) continue;
    for (const m of METHODS) if (isObj(item[m]) && isObj(other[m])) out.push({ path, method: m });
  }
  return out;
}
