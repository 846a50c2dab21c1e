/**
 * The seeded data set: backups that look like a CSBS tenant's, the same for the same seed in any process or browser.
 *
 * Browser-safe (no node: imports). Record `i` is a pure function of (seed, records, i): the data set keeps only the
 * columns the model's filters and sort keys read (see dataset.ts) and builds an item again when a page shows it, so
 * 100,000 records cost a few tens of MB. The shape follows the spec's item schema (the tests validate every generated
 * item against it); the values follow what a tenant's backups look like: servers with one to three disks, policies
 * that back them up nightly, manual backups with names people give (often after the server), failures only on
 * `error` items.
 *
 * Every value a filter can select that the data set generates (each status, resource type, image type and AZ) is in
 * the asking project's own view by construction, for any seed: the first servers are the project's, one per AZ and
 * resource type, and the first records take each status, image type and name style in turn on them (`STRATA`).
 */

// Items are plain JSON.
// biome-ignore lint/suspicious/noExplicitAny: a JSON tree
export type Json = any;

/** Attributes the service keeps but the response does not show (`hidden: true` in the spec's x-filter / x-sort). */
export interface Hidden {
  /** The owning project; `null` is the project that asks (any project ID in the path). */
  project_id: string | null;
  /** The backup policy that made it; "" for a manual backup. */
  policy_id: string;
  /** When the backup finished protecting the data. */
  protected_at: string;
}

export interface GeneratedRecord {
  item: Json;
  hidden: Hidden;
}

/** A small, fast, seedable PRNG (sfc32), seeded from a string with cyrb128. */
export function rng(seed: string): () => number {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  let [a, b, c, d] = [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const chance = (r: Rand, p: number) => r() < p;
const HEX = "0123456789abcdef";
/** n hex digits, as one flat string (`+=` per character would build a tree of tiny strings). */
const hex = (r: Rand, n: number) => {
  const chars = new Array<string>(n);
  for (let i = 0; i < n; i++) chars[i] = HEX[Math.floor(r() * 16)] as string;
  return chars.join("");
};
/** Strings joined into one flat string (a template literal keeps its parts: memory, times 100,000 records). */
const cat = (...parts: (string | number)[]) => parts.join("");
const uuid = (r: Rand) =>
  cat(
    hex(r, 8),
    "-",
    hex(r, 4),
    "-4",
    hex(r, 3),
    "-",
    "89ab"[Math.floor(r() * 4)] as string,
    hex(r, 3),
    "-",
    hex(r, 12),
  );

/** 2017-01-01T00:00:00 to 2026-06-30T23:59:59 UTC, in seconds. */
const FIRST = Date.UTC(2017, 0, 1) / 1000;
const LAST = Date.UTC(2026, 5, 30, 23, 59, 59) / 1000;
/** The seed's format: zone-less, six fraction digits (`2017-04-15T04:20:37.277880`). */
const stamp = (seconds: number, micros: number) =>
  cat(new Date(seconds * 1000).toISOString().slice(0, 19), ".", String(micros).padStart(6, "0"));

const STATUSES = [
  ["available", 62],
  ["error", 9],
  ["protecting", 6],
  ["waiting_protect", 3],
  ["deleting", 4],
  ["waiting_delete", 2],
  ["deleted", 4],
  ["restoring", 6],
  ["waiting_restore", 4],
] as const;
const STATUS_TOTAL = STATUSES.reduce((n, [, w]) => n + w, 0);
const weightedStatus = (r: Rand): string => {
  let x = r() * STATUS_TOTAL;
  for (const [status, weight] of STATUSES) {
    x -= weight;
    if (x < 0) return status;
  }
  return "available";
};

const AZS = ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c", "az1.dc1"] as const;
/** Servers (ECS) and bare metal servers (BMS): what CSBS backs up. */
const NOVA = "OS::Nova::Server";
const IRONIC = "OS::Ironic::BareMetalServer";
const RESOURCE_TYPES = [NOVA, IRONIC] as const;
/** `extend_info.image_type`: a backup taken here, or a replica copied from another region. */
const IMAGE_TYPES = ["backup", "replication"] as const;
/**
 * How a backup is named: by its policy (the service names it `autobk_xxxx`), by the console's default for a manual
 * one (`manualbk_xxxx`), after its server (`web-prod-01-before-upgrade`), or after an occasion and month.
 */
const NAME_STYLES = ["server", "auto", "console", "occasion"] as const;
type NameStyle = (typeof NAME_STYLES)[number];
/** The first servers: the project's own, one per AZ and per resource type. */
const SHOWCASE = Math.max(AZS.length, RESOURCE_TYPES.length);
/** The first records: one per status, image type, name style and showcase server, taken in turn. */
const STRATA = Math.max(STATUSES.length, SHOWCASE, IMAGE_TYPES.length, NAME_STYLES.length);
/** The item fields whose every value those first records show: in any data set, whatever its seed and size. */
export const STRATIFIED_FIELDS: readonly string[] = [
  "status",
  "resource_type",
  "extend_info.image_type",
  "extend_info.resource_az",
];
const ROLES = [
  "web",
  "api",
  "db",
  "cache",
  "batch",
  "jenkins",
  "gitlab",
  "kafka",
  "es",
  "payments-db",
  "redis",
  "nginx",
];
const ENVS = ["prod", "staging", "dev", "qa"];
const FAILURES: [number, string, string][] = [
  [64006001, "Failed to create the snapshot.", "The snapshot of the system disk could not be created."],
  [64006012, "The backup agent did not respond.", "The backup agent on the server timed out after 600 s."],
  [64006020, "Quota exceeded.", "The vault has no capacity left for this backup."],
  [64006031, "The disk is in use.", "A disk of the server was being detached while the backup ran."],
];
const MANUAL_NAMES = [
  "before-upgrade",
  "pre-migration",
  "manual",
  "before-patching",
  "golden-image",
  "release",
  "hotfix-rollback",
  "quarterly-audit",
];
const DESCRIPTIONS = [
  "Taken before the OS upgrade; keep until it is signed off.",
  "Weekly full backup, kept 4 weeks.",
  "Before the database schema migration.",
  "Requested by the on-call engineer.",
];
const TAGS: [string, string[]][] = [
  ["env", ["production", "staging", "dev"]],
  ["owner", ["team-payments", "team-search", "team-infra", "team-data"]],
  ["app", ["checkout", "catalog", "billing", "search"]],
  ["cost_center", ["cc-1042", "cc-2210", "cc-3307"]],
  ["retain_until", ["2026-12-31", "2027-06-30", "forever"]],
];

interface Volume {
  id: string;
  name: string;
  size: number;
  bootable: boolean;
}
interface Server {
  id: string;
  name: string;
  az: string;
  type: string;
  ram: number;
  vcpus: number;
  privateIp: string;
  eip: string;
  imagetype: string;
  volumes: Volume[];
  project: string | null;
  policy: string;
}

/**
 * The tenant's servers and policies: a pool the backups are taken of. The first `SHOWCASE` servers are the asking
 * project's, each with a policy, one in each AZ and of each resource type; the rest are drawn.
 */
function servers(seed: string, records: number): Server[] {
  const r = rng(`${seed}/servers`);
  const policies = Array.from({ length: 6 }, () => uuid(r));
  const otherProjects = Array.from({ length: 3 }, () => hex(r, 32));
  const count = Math.max(SHOWCASE, Math.min(5_000, Math.ceil(records / 10)));
  return Array.from({ length: count }, (_, n) => {
    const showcase = n < SHOWCASE;
    const role = showcase ? (ROLES[n % ROLES.length] as string) : pick(r, ROLES);
    const name = cat(role, "-", pick(r, ENVS), "-", String((n % 40) + 1).padStart(2, "0"));
    const type = n < RESOURCE_TYPES.length ? RESOURCE_TYPES[n] : chance(r, 0.08) ? IRONIC : NOVA;
    const volumes = Array.from({ length: int(r, 1, 3) }, (_, v) => ({
      id: uuid(r),
      name: cat(name, "-", v === 0 ? "sys" : cat("data", v)),
      size: v === 0 ? pick(r, [40, 40, 100]) : pick(r, [100, 200, 500, 1000]),
      bootable: v === 0,
    }));
    return {
      id: uuid(r),
      name,
      az: showcase ? (AZS[n % AZS.length] as string) : pick(r, AZS),
      type: type as string,
      ram: pick(r, [2048, 4096, 8192, 16384, 32768]),
      vcpus: pick(r, [1, 2, 4, 8, 16]),
      privateIp: `192.168.${int(r, 0, 9)}.${int(r, 2, 254)}`,
      eip: chance(r, 0.4) ? `94.74.${int(r, 10, 99)}.${int(r, 2, 254)}` : "",
      imagetype: pick(r, ["gold", "gold", "private", "market"]),
      volumes,
      // One server in ten belongs to another tenant (seen only with all_tenants=true): every tenth from the first
      // after the showcase, so any pool larger than the showcase has one.
      project: n % 10 === SHOWCASE % 10 ? pick(r, otherProjects) : null,
      policy: showcase || chance(r, 0.85) ? pick(r, policies) : "",
    };
  });
}

/** What a record is of: drawn, or for the first `STRATA` records the next value of each list in turn. */
function draw(r: Rand, pool: Server[], stratum: number) {
  if (stratum < STRATA) {
    return {
      server: pool[stratum % SHOWCASE] as Server,
      status: STATUSES[stratum % STATUSES.length]?.[0] as string,
      replica: IMAGE_TYPES[stratum % IMAGE_TYPES.length] === "replication",
      style: NAME_STYLES[stratum % NAME_STYLES.length] as NameStyle,
    };
  }
  const server = pick(r, pool);
  const status = weightedStatus(r);
  const replica = chance(r, 0.1);
  const manual = (x: number): NameStyle => (x < 0.4 ? "console" : x < 0.75 ? "server" : "occasion");
  const style = server.policy !== "" && chance(r, 0.8) ? "auto" : manual(r());
  return { server, status, replica, style };
}

/** The backup's name in its style (one flat string: names are a kept column). */
function backupName(r: Rand, style: NameStyle, server: Server, createdAt: string): string {
  if (style === "auto" && server.policy !== "") return cat("autobk_", hex(r, 4));
  if (style === "server") return cat(server.name, "-", pick(r, MANUAL_NAMES));
  if (style === "occasion") return cat(pick(r, MANUAL_NAMES), "-", createdAt.slice(0, 7));
  return cat("manualbk_", hex(r, 4));
}

/** What a record is, before its item is written: drawn in this order, so the same seed gives the same data. */
interface Facts {
  server: Server;
  status: string;
  replica: boolean;
  name: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string;
  inProgress: boolean;
  failed: boolean;
  auto: boolean;
  failure: [number, string, string];
  copyStatus: string;
  size: number;
}

function factsOf(r: Rand, pool: Server[], stratum: number): Facts {
  const { server, status, replica, style } = draw(r, pool, stratum);
  const created = int(r, FIRST, LAST);
  const createdAt = stamp(created, int(r, 0, 999_999));
  const duration = int(r, 60, 5_400);
  const inProgress = status === "protecting" || status === "waiting_protect";
  const finishedAt = stamp(created + duration, int(r, 0, 999_999));
  const updatedAt = inProgress ? stamp(created + int(r, 1, 60), int(r, 0, 999_999)) : finishedAt;
  const name = backupName(r, style, server, createdAt);
  const auto = style === "auto" && server.policy !== "";
  const failed = status === "error";
  const failure = pick(r, FAILURES);
  const copyStatus = replica ? pick(r, ["success", "success", "copying", "fail"]) : "na";
  const total = server.volumes.reduce((n, v) => n + v.size, 0);
  const size = inProgress || failed ? 0 : int(r, 1, total * 1024);
  return {
    server,
    status,
    replica,
    name,
    createdAt,
    updatedAt,
    finishedAt,
    inProgress,
    failed,
    auto,
    failure,
    copyStatus,
    size,
  };
}

/** The item's own fields, description, tags and backup_data (extend_info follows). */
function itemOf(r: Rand, f: Facts): Json {
  const item: Json = {
    id: uuid(r),
    checkpoint_id: uuid(r),
    name: f.name,
    status: f.status,
    resource_id: f.server.id,
    resource_type: f.server.type,
    created_at: f.createdAt,
    updated_at: f.updatedAt,
  };
  if (chance(r, 0.15)) item.description = pick(r, DESCRIPTIONS);
  if (chance(r, 0.3)) {
    const keys = TAGS.filter(() => chance(r, 0.5));
    item.tags = (keys.length ? keys : [TAGS[0] as [string, string[]]]).map(([key, values]) => ({
      key,
      value: pick(r, values),
    }));
  }
  const { server } = f;
  item.backup_data = {
    eip: server.eip,
    cloudservicetype: "QEMU",
    ram: server.ram,
    vcpus: server.vcpus,
    __openstack_region_name: server.az.startsWith("ap-") ? "ap-southeast-1" : "",
    private_ip: server.privateIp,
    disk: server.volumes[0]?.size ?? 40,
    imagetype: server.imagetype,
  };
  return item;
}

/** One backup of each of the server's disks. */
const volumeBackups = (r: Rand, f: Facts) =>
  f.server.volumes.map((v) => ({
    status: f.failed ? "error" : f.inProgress ? "creating" : "available",
    space_saving_ratio: 0,
    name: f.name.slice(0, 40),
    bootable: v.bootable,
    average_speed: int(r, 0, 100),
    source_volume_size: v.size,
    source_volume_id: v.id,
    incremental: chance(r, 0.7),
    image_type: "backup",
    source_volume_name: v.name,
    id: uuid(r),
    size: f.inProgress || f.failed ? 0 : int(r, 1, v.size * 1024),
    snapshot_id: uuid(r),
  }));

function extendInfo(r: Rand, f: Facts): Json {
  const { server, failed, inProgress, size } = f;
  const extend: Json = {
    auto_trigger: f.auto,
    average_speed: inProgress || failed ? 0 : int(r, 512, 102_400),
    copy_from: f.replica ? pick(r, ["ap-southeast-2", "ap-southeast-3", "cn-north-4"]) : "",
    copy_status: f.copyStatus,
    fail_code: failed ? { Code: f.failure[0], Description: f.failure[1] } : {},
    fail_op: failed ? pick(r, ["backup", "backup", "restore", "delete"]) : "",
    fail_reason: failed ? f.failure[2] : "",
    image_type: IMAGE_TYPES[f.replica ? 1 : 0],
    incremental: chance(r, 0.7),
    progress: f.copyStatus === "copying" || inProgress ? int(r, 0, 99) : 100,
    resource_az: server.az,
    resource_name: server.name,
    resource_type: server.type,
    size,
    space_saving_ratio: size ? int(r, 0, 60) : 0,
    supported_restore_mode: failed ? "na" : "backup",
    support_lld: chance(r, 0.3),
    taskid: `${hex(r, 8)}-${hex(r, 4)}-11e7-bf23-0242ac11${hex(r, 4)}`,
    hypervisor_type: "QEMU",
    volume_backups: volumeBackups(r, f),
  };
  if (!inProgress) extend.finished_at = f.finishedAt;
  if (chance(r, 0.2)) extend.os_images_data = [{ image_id: uuid(r) }];
  return extend;
}

/** The record drawn for this stratum (see `draw`) from its own PRNG. */
function generate(r: Rand, pool: Server[], stratum: number): GeneratedRecord {
  const f = factsOf(r, pool, stratum);
  const item = itemOf(r, f);
  item.extend_info = extendInfo(r, f);
  return {
    item,
    hidden: {
      project_id: f.server.project,
      policy_id: f.auto ? f.server.policy : "",
      protected_at: f.inProgress ? f.createdAt : f.finishedAt,
    },
  };
}

/**
 * The data set's generator: `record(i)` is the i-th backup, a pure function of (seed, records, i). `example`, the
 * source document's item, is one record (at a place drawn from the seed), unchanged.
 */
export function generator(seed: string, records: number, example: Json) {
  const pool = servers(seed, records);
  const exampleAt = Math.floor(rng(`${seed}/example`)() * records);
  const exampleCreated = String(example?.created_at ?? "");
  const exampleRecord: GeneratedRecord = {
    item: example,
    hidden: {
      project_id: null,
      policy_id: "",
      protected_at: String(example?.extend_info?.finished_at ?? example?.updated_at ?? exampleCreated),
    },
  };
  return {
    record(i: number): GeneratedRecord {
      if (i === exampleAt && example) return exampleRecord;
      // The example's place takes no stratum, so the first records still show every value.
      return generate(rng(`${seed}/${i}`), pool, example && i > exampleAt ? i - 1 : i);
    },
  };
}
