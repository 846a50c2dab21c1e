import react from "@vitejs/plugin-react";
import { msw } from "msw/vite";
import { defineConfig } from "vite";

export default defineConfig({
  // msw/vite serves mockServiceWorker.js in dev and writes it into dist/ (no `msw init`, no copy in public/ to keep
  // in step with the installed msw).
  plugins: [react(), msw({ mode: "worker-only" })],
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
});
