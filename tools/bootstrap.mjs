#!/usr/bin/env node
// The quick start's setup, on a machine with only Node.js and npm (any Node that runs npm, 18 or later). The
// toolchain is pinned in package.json: Node in `devDependencies.node`, pnpm in `packageManager`. Where the machine's
// Node is another version, this brings the pinned one from the npm registry (the `node` package) into .toolchain/ of
// this clone, with pnpm beside it, and installs the workspace with them. Nothing is installed globally and no npm
// setting is changed. After it, node_modules/.bin holds that same Node and pnpm (root devDependencies), so every
// `npm run …`/`pnpm …` script runs on the pinned Node. Plain JavaScript: it runs before anything is installed.
// Idempotent, and quick when all is in place.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const nodeVersion = manifest.devDependencies.node;
const pnpmVersion = manifest.packageManager.split("@")[1];
const toolchain = join(root, ".toolchain");
const toolchainBin = join(toolchain, "node_modules", ".bin");
const env = {
  ...process.env,
  PATH: [toolchainBin, join(root, "node_modules", ".bin"), process.env.PATH].join(delimiter),
};

const fail = (message) => {
  console.error(`bootstrap: ${message}`);
  process.exit(1);
};
const run = (cmd, args, extraEnv = {}) => {
  console.log(`> ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", cwd: root, env: { ...env, ...extraEnv } });
  if (result.error) fail(`could not run "${cmd}": ${result.error.message}`);
  if (result.status !== 0) fail(`"${cmd} ${args.join(" ")}" failed (exit ${result.status ?? result.signal}).`);
};
const versionOf = (bin) => {
  try {
    return execFileSync(bin, ["--version"], { encoding: "utf8", env, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
};

// 1. The pinned Node and pnpm, in .toolchain/ (only what the machine lacks).
const wanted = [];
if (process.versions.node !== nodeVersion && versionOf(join(toolchainBin, "node")) !== `v${nodeVersion}`) {
  wanted.push(`node@${nodeVersion}`);
}
if (versionOf(join(toolchainBin, "pnpm")) !== pnpmVersion) wanted.push(`pnpm@${pnpmVersion}`);
if (wanted.length > 0) {
  console.log(
    `bootstrap: bringing ${wanted.join(" and ")} into .toolchain/ (this machine has Node ${process.version})`,
  );
  run("npm", [
    "install",
    "--prefix",
    toolchain,
    "--no-save",
    "--no-package-lock",
    "--no-audit",
    "--no-fund",
    "--loglevel=error",
    ...wanted,
  ]);
}
const node = versionOf("node");
if (node !== `v${nodeVersion}`) fail(`expected Node v${nodeVersion} on the toolchain's PATH, found ${node ?? "none"}.`);

// 2. The workspace, exactly as locked (root devDependencies put the same Node and pnpm in node_modules/.bin). The
// npm `node` package's own install script spawns with `shell: true`, which Node 24 flags (DEP0190) on every fresh
// install: that one warning, of a script not ours, is silenced for this step alone.
run("pnpm", ["install", "--frozen-lockfile"], { NODE_OPTIONS: "--disable-warning=DEP0190" });

// 3. What the tests run besides Node: Debian's Chromium for the browser tests (never a downloaded browser build), and
// jq for the reference's curl paging sample, which the docs tests run as printed.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const missing = [
  ...(!existsSync(chromium) && process.env.CSBS_SKIP_CHROMIUM !== "1" ? ["chromium"] : []),
  ...(versionOf("jq") === undefined ? ["jq"] : []),
];
if (missing.length > 0) {
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", ...missing]);
  } else {
    console.warn(
      `bootstrap: the tests need Debian's ${missing.join(" and ")} (sudo apt-get install -y ${missing.join(" ")})` +
        (missing.includes("chromium") ? ", or CHROMIUM_PATH for another Chromium." : "."),
    );
  }
}
