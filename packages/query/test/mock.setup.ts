// Starts the real mock (@csbs/mock: the data engine behind Prism's validator) once for the run, on a free port.
import { startMock } from "@csbs/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock({ port: 0, logLevel: "silent" });
  project.provide("mockUrl", mock.url);
  return () => mock.stop();
}
