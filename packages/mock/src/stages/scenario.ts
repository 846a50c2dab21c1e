/**
 * Stage 5, scenario: what `Prefer` picks instead of the data set. `code=NNN` answers the operation's documented body
 * for that status; `example=NAME` (or, with the engine's `examples` option, the first named example) answers that
 * example of the success response, its list paged by the same rule as the data set (an unknown marker is a 400 there
 * too). Names are own keys of the model: `code=constructor` or `example=__proto__` name nothing of the spec.
 */
import type { OperationModel } from "@csbs/types/model";
import { badRequest, jsonAnswer, preferViolation, quote } from "../answers.js";
import { pageOfList, pageRequest } from "../paging.js";
import type { Answer, Exchange, QueryValues } from "../types.js";

/** `Prefer: code=NNN`: the documented body with that status, or 400 naming the documented statuses. */
function errorScenario(ex: Exchange, op: OperationModel, code: string): Answer {
  const error = op.errors.find((e) => String(e.status) === code);
  if (error) return jsonAnswer(ex, error.status, error.example);
  const valid = [String(op.response?.status ?? 200), ...op.errors.map((e) => String(e.status))].join(", ");
  const message = `Prefer: code=${quote(code)} is not a documented status; valid: ${valid}`;
  return badRequest(ex, op, [preferViolation(message)]);
}

/** A named example, its list paged; 400 for a name that is not one, or an unknown marker. */
function exampleScenario(ex: Exchange, op: OperationModel, name: string, values: QueryValues): Answer {
  const examples = op.response?.examples ?? {};
  if (!Object.hasOwn(examples, name)) {
    const valid = Object.keys(examples).join(", ");
    const message = `Prefer: example=${quote(name)} is not an example of ${op.operationId}; valid: ${valid}`;
    return badRequest(ex, op, [preferViolation(message)]);
  }
  const body = examples[name]?.value;
  const pg = op.pagination;
  const list: unknown = pg ? body?.[pg.items] : undefined;
  if (!pg || !Array.isArray(list)) return jsonAnswer(ex, 200, body);
  const page = pageOfList(list, pg, pageRequest(pg, values));
  if ("violation" in page) return badRequest(ex, op, [page.violation]);
  return jsonAnswer(ex, 200, { ...body, [pg.items]: page.items });
}

/** The scenario `Prefer` (or the `examples` option, read now) asks for; undefined: the data set answers. */
export function scenarioStage(
  ex: Exchange,
  op: OperationModel,
  values: QueryValues,
  examplesOption: () => boolean | undefined,
): Answer | undefined {
  const { code, example } = ex.prefer;
  if (code !== undefined && code !== String(op.response?.status ?? 200)) return errorScenario(ex, op, code);
  const name = example ?? (examplesOption() ? Object.keys(op.response?.examples ?? {})[0] : undefined);
  return name === undefined ? undefined : exampleScenario(ex, op, name, values);
}
