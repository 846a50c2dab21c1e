// Starts the real Prism mock (from @csbs/mock) once for the whole run, on a free port, and stops it after.
import { startMock } from "@csbs/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock({ port: 0 });
  project.provide("mockUrl", mock.url);
  return () => mock.stop();
}
