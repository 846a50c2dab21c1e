#!/usr/bin/env node
/**
 * Writes dist/openapi.json, the document Prism serves: the bundled spec (@csbs/spec/openapi.json) plus generation
 * hints for dynamic mode (`--dynamic`, `Prefer: dynamic=true`), so that generated backups look like CSBS backups
 * (UUIDs, 2017–2026 timestamps, server names, IPs, sizes) instead of lorem ipsum.
 *
 * Only response schemas change, and only by narrowing (a `pattern`, an `enum` or bounds that the spec's own schema
 * already accepts): request validation, the examples and every answer stay exactly the spec's. The mock's contract
 * tests validate the generated bodies against the real spec with ajv, so a hint that strayed would fail them.
 * Only json-schema-faker's own keywords are used (no `x-faker`): Prism seeds json-schema-faker, not faker, so only
 * these stay repeatable under `--seed`.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const doc = JSON.parse(readFileSync(require.resolve("@csbs/spec/openapi.json"), "utf8"));

const uuid = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";
const taskid = "^[0-9a-f]{8}-[0-9a-f]{4}-11e7-bf23-0242ac11000[1-9]$";
const timestamp =
  "^20(1[7-9]|2[0-6])-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\\.[0-9]{6}$";
const backupName = "^(autobk|manualbk)_[0-9a-f]{4}$";
const serverName = "^(web|app|db|cache|batch)-server-0[1-9]$";

/** Per schema, per property: keywords merged into the property (a LocalDateTime $ref is replaced by `timestamp`). */
const hints = {
  // A generated page always has backups to show (the `empty` example covers an empty one).
  CheckpointItemList: { checkpoint_items: { minItems: 1, maxItems: 5 } },
  CheckpointItem: {
    id: { pattern: uuid },
    checkpoint_id: { pattern: uuid },
    resource_id: { pattern: uuid },
    name: { pattern: backupName },
    created_at: { pattern: timestamp },
    updated_at: { pattern: timestamp },
    resource_type: { enum: ["OS::Nova::Server", "OS::Nova::Server", "OS::Ironic::BareMetalServer"] },
    description: {
      enum: ["", "Daily policy backup", "Before the OS upgrade", "Weekly full backup, kept 4 weeks"],
    },
    tags: { maxItems: 1 }, // keys must be unique, and json-schema-faker cannot ensure it for more than one
  },
  ExtendInfo: {
    average_speed: { minimum: 0, maximum: 102400 },
    copy_from: { enum: ["", "", "ap-southeast-2", "ap-southeast-3", "cn-north-4"] },
    fail_reason: { enum: ["", "The snapshot of the system disk could not be created.", "The backup agent timed out."] },
    finished_at: { pattern: timestamp },
    image_type: { enum: ["backup"] },
    os_images_data: { maxItems: 1 },
    resource_az: { enum: ["az1.dc1", "ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"] },
    resource_name: { pattern: serverName },
    resource_type: { enum: ["OS::Nova::Server"] },
    size: { minimum: 0, maximum: 1048576 },
    space_saving_ratio: { minimum: 0, maximum: 100 },
    taskid: { pattern: taskid },
    volume_backups: { maxItems: 3 },
  },
  FailCode: {
    Code: { minimum: 64006000, maximum: 64006099 },
    Description: { enum: ["Failed to create the snapshot.", "The backup agent did not respond.", "Quota exceeded."] },
  },
  BackupData: {
    __openstack_region_name: { enum: ["", "ap-southeast-1", "cn-north-4"] },
    cloudservicetype: { enum: ["", "QEMU"] },
    disk: { enum: [0, 40, 100] },
    ram: { enum: [1024, 2048, 4096, 8192, 16384, 32768] },
    vcpus: { enum: [1, 2, 4, 8, 16] },
    eip: { pattern: "^(|94\\.74\\.[1-9][0-9]\\.[1-9][0-9]?)$" },
    private_ip: { pattern: "^192\\.168\\.[0-9]\\.[1-9][0-9]?$" },
  },
  VolumeBackup: {
    average_speed: { minimum: 0, maximum: 100 },
    id: { pattern: uuid },
    name: { pattern: backupName },
    size: { minimum: 0, maximum: 512000 },
    source_volume_id: { pattern: uuid },
    source_volume_name: { pattern: `${serverName.slice(0, -1)}-(sys|data)$` },
    source_volume_size: { enum: [10, 20, 40, 100, 500] },
    space_saving_ratio: { minimum: 0, maximum: 100 },
    status: { enum: ["available", "creating", "error", "deleting"] },
    snapshot_id: { pattern: uuid },
  },
  ImageData: { image_id: { pattern: uuid } },
  ResourceTag: {
    key: { pattern: "^(env|owner|app|cost_center|retain_until)$" },
    value: { pattern: "^(|production|staging|dev|team-[a-z]{3,8})$" },
  },
};

for (const [schemaName, properties] of Object.entries(hints)) {
  const schema = doc.components.schemas[schemaName];
  if (!schema?.properties) throw new Error(`mock-spec: no schema ${schemaName} with properties in the bundle`);
  for (const [name, hint] of Object.entries(properties)) {
    const property = schema.properties[name];
    if (!property)
      throw new Error(`mock-spec: ${schemaName}.${name} is not in the spec any more; update scripts/mock-spec.mjs`);
    if (property.$ref === "#/components/schemas/LocalDateTime") {
      schema.properties[name] = { type: "string", description: property.description, ...hint };
    } else {
      Object.assign(property, hint);
    }
  }
}

// Written aside, then renamed: a mock starting meanwhile reads the old file or the new one, never half of one.
mkdirSync(new URL("../dist/", import.meta.url), { recursive: true });
const target = new URL("../dist/openapi.json", import.meta.url);
const temporary = new URL(`../dist/.openapi.json.${process.pid}`, import.meta.url);
writeFileSync(temporary, `${JSON.stringify(doc, null, 2)}\n`);
renameSync(temporary, target);
