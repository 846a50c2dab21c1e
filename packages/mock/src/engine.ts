/**
 * `@csbs/mock/engine`: the mock's one data engine, run by every front: the process (`csbs-mock`, `startMock`), the
 * MSW handlers (`@csbs/mock/msw`) and the docs page's console, in-process or in a browser; `createEngineFetch(engine)`
 * (src/fetch.ts) is a `fetch` answered by it, with no network. Browser-safe: no node: imports, no I/O. It is given
 * the spec's model (`@csbs/types/model`) and answers a request with a status, headers and a JSON text, or a fault to
 * act out; every path, parameter, rule, example and error body comes from the model.
 *
 * A request goes through named stages (src/stages/), as Prism separates router, validator and negotiator:
 *   route → fault → auth → validate → scenario (`Prefer`) → data.
 * Each stage either answers or hands the request on. `handle` never throws: an exception is the spec's 500.
 */
import type { ApiModel, OperationModel } from "@csbs/types/model";
import { badRequest, failureAnswer, parsePrefer, requestIdFor } from "./answers.js";
import { rng } from "./data.js";
import { DataSet, type PagedOperation } from "./dataset.js";
import { authStage } from "./stages/auth.js";
import { dataStage } from "./stages/data.js";
import { FAULTS, faultStage } from "./stages/fault.js";
import { createRouter, pathTemplate, type Routed, type Router, unrouted } from "./stages/route.js";
import { scenarioStage } from "./stages/scenario.js";
import { createSchemaCompiler, type QueryParameter, validatePath, validateQuery } from "./stages/validate.js";
import type { Answer, EngineOptions, EngineRequest, Exchange, Fault, Prefer } from "./types.js";

export type { ApiModel, OperationModel } from "@csbs/types/model";
export { answerRequest, createEngineFetch, type FailureReport } from "./fetch.js";
export { FAULTS } from "./stages/fault.js";
export type { Answer, EngineOptions, EngineRequest, Fault, Violation } from "./types.js";

export const DEFAULT_RECORDS = 200;
export const MAX_RECORDS = 100_000;
export const DEFAULT_SEED = "csbs";

export interface Engine {
  /** The model the engine answers from. */
  readonly model: ApiModel;
  readonly operations: readonly OperationModel[];
  readonly seed: string;
  readonly records: number;
  /**
   * Answers one request. Never throws: an exception while answering is a 500 with the spec's internal-error body,
   * and the exception in `error` (the fronts log it).
   */
  handle(request: EngineRequest): Answer & { error?: unknown };
  /** The 500 answer to a request whose answering failed outside the engine (a front's own code). */
  failure(request: EngineRequest): Answer;
  /** The operation a method and path match, if any. */
  route(method: string, path: string): OperationModel | undefined;
  /** The methods a path answers (GET brings HEAD; OPTIONS always), or [] for a path of no operation. */
  allowed(path: string): string[];
}

/** An operation of the model, ready to answer: its path, its compiled query checks and its data set. */
interface Endpoint extends Routed {
  query: ReadonlyMap<string, QueryParameter>;
  data: DataSet | undefined;
}

/** The options' seed, size, fault rate and latency, checked. */
function settingsOf(options: EngineOptions) {
  const seed = options.seed ?? DEFAULT_SEED;
  const records = options.records ?? DEFAULT_RECORDS;
  if (!Number.isInteger(records) || records < 1 || records > MAX_RECORDS) {
    throw new RangeError(`records must be an integer from 1 to ${MAX_RECORDS}, got ${records}`);
  }
  const faultRate = options.faultRate ?? 0;
  if (!(faultRate >= 0 && faultRate <= 1)) throw new RangeError(`faultRate must be from 0 to 1, got ${faultRate}`);
  return { seed, records, faultRate, latency: options.latency ?? 0 };
}

/** Every operation of the model as an endpoint; a paged one's data set is built now, not by the first request. */
function endpointsOf(model: ApiModel, seed: string, records: number): Endpoint[] {
  const compile = createSchemaCompiler();
  return model.operations.map((operation) => {
    const query = operation.parameters.filter((p) => p.in === "query").map(compile);
    let data: DataSet | undefined;
    if (operation.pagination) {
      const lists = Object.values(operation.response?.examples ?? {}).map(
        (e) => e.value?.[operation.pagination?.items ?? ""],
      );
      const example = lists.find((l) => Array.isArray(l) && l.length > 0)?.[0];
      data = new DataSet(operation as PagedOperation, seed, records, example);
    }
    return { operation, path: pathTemplate(operation.path), query: new Map(query.map((p) => [p.name, p])), data };
  });
}

/** The engine's seeded draws, in request order: each request's latency, then its fault at the fault rate. */
function seededDraws({ seed, latency, faultRate }: ReturnType<typeof settingsOf>) {
  const random = rng(`${seed}/requests`);
  return {
    delay(prefer: Prefer): number {
      if (prefer.delay !== undefined && /^\d{1,6}$/.test(prefer.delay)) return Number(prefer.delay);
      return Array.isArray(latency) ? Math.round(latency[0] + random() * (latency[1] - latency[0])) : latency;
    },
    fault: (): Fault | undefined =>
      faultRate > 0 && random() < faultRate ? FAULTS[Math.floor(random() * FAULTS.length)] : undefined,
  };
}

interface Pipeline {
  router: Router<Endpoint>;
  draws: ReturnType<typeof seededDraws>;
  /** The `examples` option, read per request (a caller may change it). */
  examples: () => boolean | undefined;
}

/** One request through the stages: route → fault → auth → validate → scenario → data. */
function runStages(request: EngineRequest, { router, draws, examples }: Pipeline): Answer {
  const prefer = parsePrefer(request.header("prefer"));
  const ex: Exchange = {
    request,
    id: requestIdFor(request.header("x-request-id")),
    prefer,
    delayMs: draws.delay(prefer),
  };
  const routed = router.match(request.method, request.path);
  if (!routed) return unrouted(ex, router.allowed(request.path));
  const { endpoint, values: pathValues } = routed;
  const { operation } = endpoint;
  const fault = faultStage(ex, endpoint, draws.fault);
  if ("answer" in fault) return fault.answer;
  // A truncated answer is cut, not checked by the process's Prism step: it carries no operation.
  const finish = (a: Answer): Answer => (fault.truncate ? { ...a, fault: "truncate" } : { ...a, operation });
  const denied = authStage(ex, endpoint);
  if (denied) return finish(denied);
  const { values, violations } = validateQuery(request.query, endpoint.query);
  violations.unshift(...validatePath(pathValues, endpoint.path.names));
  if (violations.length > 0) return finish(badRequest(ex, operation, violations));
  return finish(scenarioStage(ex, operation, values, examples) ?? dataStage(ex, operation, endpoint.data, values));
}

/** The spec's 500 body, for an exception while answering (the first operation documenting one). */
const internalErrorOf = (model: ApiModel): unknown =>
  model.operations
    .map((op) => op.errors.find((e) => e.status === 500)?.example)
    .find((body) => body && typeof body === "object") ?? {
    error_code: "CSBS.9999",
    error_msg: "Service internal error.",
  };

/** Builds the engine over the spec's model. */
export function createEngine(model: ApiModel, options: EngineOptions = {}): Engine {
  const settings = settingsOf(options);
  const router = createRouter(endpointsOf(model, settings.seed, settings.records));
  const pipeline: Pipeline = { router, draws: seededDraws(settings), examples: () => options.examples };
  const internalError = internalErrorOf(model);
  const failure = (request: EngineRequest): Answer => failureAnswer(request, internalError);
  return {
    model,
    operations: model.operations,
    seed: settings.seed,
    records: settings.records,
    route: (method, path) => router.match(method, path)?.endpoint.operation,
    allowed: router.allowed,
    failure,
    handle(request) {
      try {
        return runStages(request, pipeline);
      } catch (error) {
        return { ...failure(request), error };
      }
    },
  };
}
