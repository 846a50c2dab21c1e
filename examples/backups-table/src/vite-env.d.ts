/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "msw" (.env's default): MSW in the browser; "mock": the mock process (`pnpm mock`). */
  readonly VITE_CSBS_TARGET: "msw" | "mock";
  /** The mock process's URL, for VITE_CSBS_TARGET=mock (.env: http://127.0.0.1:4010). */
  readonly VITE_CSBS_MOCK_URL: string;
}
