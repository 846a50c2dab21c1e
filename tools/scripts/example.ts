/**
 * `pnpm example`: builds what the example app depends on (turbo, cached; quiet unless it fails), then serves it with
 * Vite's dev server in this process (`examples/backups-table`; `VITE_CSBS_TARGET` in its .env picks MSW or the mock).
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { root, turbo } from "./turbo.ts";

const app = `${root}examples/backups-table`;
if (!turbo(["build", "--filter=@csbs/example-backups-table^..."], { quiet: true })) process.exit(1);
const vite = createRequire(`${app}/package.json`).resolve("vite");
// The example's own Vite (tools does not depend on it): only what this script calls of it.
interface ViteServer {
  listen(): Promise<unknown>;
  printUrls(): void;
  close(): Promise<void>;
}
const { createServer } = (await import(pathToFileURL(vite).href)) as {
  createServer(config: { root: string }): Promise<ViteServer>;
};
const server = await createServer({ root: app });
await server.listen();
server.printUrls();
const stop = () => void server.close().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
