// Size budget: the built client bundled with openapi-fetch, minified (esbuild, ESM), gzipped: at most 6 KB.
import { expect, it } from "vitest";
import { BUDGET, describeSize, measure } from "../scripts/size.js";

it(`the client with openapi-fetch is at most ${BUDGET} bytes minified and gzipped`, async () => {
  const size = await measure();
  // openapi-fetch is really inside (its middleware errors), not left as an import.
  expect(size.code).toContain("onRequest: must return new Request()");
  expect(size.code).not.toMatch(/from\s*"openapi-fetch"/);
  console.log(`size budget: ${describeSize(size)}`);
  expect(size.gzipped).toBeLessThanOrEqual(BUDGET);
});
