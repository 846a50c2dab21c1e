#!/usr/bin/env node
// Ships the bundled spec in dist/openapi.json (the document the mock serves and Prism validates against): copied into
// the build being written (dist.next/, see tools/tsdown.ts), which then replaces dist/ whole.
import { copyFileSync } from "node:fs";
import { createRequire } from "node:module";

const source = createRequire(import.meta.url).resolve("@csbs/spec/openapi.json");
copyFileSync(source, new URL("../dist.next/openapi.json", import.meta.url));
