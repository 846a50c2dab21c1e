/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "msw" (default): MSW in the browser; "mock": the mock process (`pnpm mock`). */
  readonly VITE_CSBS_TARGET?: "msw" | "mock";
  /** The mock's URL when VITE_CSBS_TARGET=mock. Default http://127.0.0.1:4010. */
  readonly VITE_CSBS_MOCK_URL?: string;
  readonly VITE_CSBS_PROJECT_ID?: string;
}
