/**
 * `pnpm version-packages`: `changeset version` (one new version for the fixed release group, CHANGELOGs), then the
 * spec's `info.version` follows it.
 */
import { steps } from "./steps.ts";

steps(["changeset", "version"], ["pnpm", "--filter", "@csbs/spec", "run", "sync-version"]);
