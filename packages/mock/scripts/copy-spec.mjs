#!/usr/bin/env node
// Ships the bundled spec in dist/openapi.json (the document the mock serves and Prism validates against). Written
// aside, then renamed: a mock starting meanwhile reads the old file or the new one, never half of one.
import { copyFileSync, mkdirSync, renameSync } from "node:fs";
import { createRequire } from "node:module";

const source = createRequire(import.meta.url).resolve("@csbs/spec/openapi.json");
mkdirSync(new URL("../dist/", import.meta.url), { recursive: true });
const temporary = new URL(`../dist/.openapi.json.${process.pid}`, import.meta.url);
copyFileSync(source, temporary);
renameSync(temporary, new URL("../dist/openapi.json", import.meta.url));
