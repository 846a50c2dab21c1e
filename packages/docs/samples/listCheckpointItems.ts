// npm install @csbs/client
import { createCsbsClient } from "@csbs/client";

const csbs = createCsbsClient({
  // or http://127.0.0.1:4010, the mock (any token)
  baseUrl: "https://csbs.ap-southeast-1.myhuaweicloud.com",
  projectId: process.env.HW_PROJECT_ID ?? "",
  auth: { token: process.env.HW_IAM_TOKEN ?? "" },
});

// Typed from the spec: status: "bogus" does not compile.
const { checkpoint_items } = await csbs.listCheckpointItems({
  status: "available",
  limit: 10,
});

for (const item of checkpoint_items) {
  const disks = item.extend_info?.volume_backups ?? [];
  console.log(item.id, item.name, disks.length, item.created_at);
}
