// Type tests, checked by `tsc` in `pnpm test`: every @ts-expect-error line must fail to compile.
import type { CheckpointItem } from "@csbs/types";
import { createCsbsClient } from "../src/index.js";

const csbs = createCsbsClient({ baseUrl: "http://127.0.0.1:4010", projectId: "p", auth: { token: "t" } });

export async function typed() {
  const body = await csbs.listCheckpointItems({ status: "available", limit: 10, all_tenants: true });
  const item: CheckpointItem | undefined = body.checkpoint_items[0];
  return item?.extend_info?.progress;
}

export async function rejected() {
  // @ts-expect-error "bogus" is not a documented status
  await csbs.listCheckpointItems({ status: "bogus" });
  // @ts-expect-error limit is a number
  await csbs.listCheckpointItems({ limit: "10" });
  // @ts-expect-error unknown query parameter
  await csbs.listCheckpointItems({ page: 2 });
  // @ts-expect-error all_tenants is a boolean
  await csbs.listCheckpointItems({ all_tenants: "yes" });
}
