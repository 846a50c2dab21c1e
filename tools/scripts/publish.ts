/** `pnpm release:publish`: every gate and every test, then `changeset publish` (npm credentials needed). */
import { steps } from "./steps.ts";

steps(["pnpm", "check"], ["pnpm", "test"], ["changeset", "publish"]);
