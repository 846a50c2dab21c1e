/**
 * The try-it console of the reference page (dist/console.js, an IIFE that scripts/console.ts inlines into the page
 * and runs once Redoc has rendered). Every operation of the spec's model gets one, generated at run time from
 * `@csbs/types/model`: a form of its parameters, credentials, a target ("This page": the mock's engine in the page;
 * a local mock; a real endpoint) and the mock's scenarios.
 */
import { DEFAULT_RECORDS, DEFAULT_SEED, FAULTS, MAX_RECORDS } from "@csbs/mock/engine";
import { model } from "@csbs/types/model";
import { mountConsoles } from "./mount.js";
import { consolePanel } from "./panel.js";
import { createSender } from "./send.js";
import { STYLE } from "./style.js";

performance.mark("csbs-console");
const mock = { faults: FAULTS, seed: DEFAULT_SEED, records: DEFAULT_RECORDS, maxRecords: MAX_RECORDS };
const send = createSender(model);
const style = document.createElement("style");
style.id = "csbs-console-style";
style.textContent = STYLE;
document.head.append(style);
mountConsoles(model.operations, (op) => consolePanel(model, op, mock, send));
