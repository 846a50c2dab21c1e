/** `pnpm release`: a dry run — the pending changesets and what each package moves to, then what would be published. */
import { steps } from "./steps.ts";

steps(["changeset", "status", "--verbose"], ["changeset", "publish-plan"]);
