import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./styles.css";

// MSW (the mock's engine in a service worker) before the first render: no request may leave before it answers.
if (import.meta.env.VITE_CSBS_TARGET !== "mock") {
  const [{ setupWorker }, { createHandlers }] = await Promise.all([import("msw/browser"), import("@csbs/mock/msw")]);
  await setupWorker(...createHandlers()).start({ quiet: true });
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={new QueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
