#!/usr/bin/env node
// First step of the quick start, on a machine with only Node.js >= 20 and npm: installs pnpm (the version pinned in
// package.json), the workspace's dependencies, and, where it can, Debian's Chromium for the browser tests.
// Plain JavaScript on purpose: it runs before TypeScript is installed. Idempotent, and fast when all is there.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const pnpmVersion = packageManager.split("@")[1];

const run = (cmd, args) => {
  console.log(`> ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) {
    console.error(`bootstrap: "${cmd} ${args.join(" ")}" failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
};
const version = (cmd) => {
  try {
    return execFileSync(cmd, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
};

const [major] = process.versions.node.split(".").map(Number);
if (major < 20) {
  console.error(`bootstrap: Node.js >= 20 is required, this is ${process.version}.`);
  process.exit(1);
}

if (version("pnpm") !== pnpmVersion) run("npm", ["install", "--global", `pnpm@${pnpmVersion}`]);
run("pnpm", ["install", "--frozen-lockfile"]);

// The docs' browser tests drive Debian's Chromium (never a downloaded browser build).
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium) && process.env.CSBS_SKIP_CHROMIUM !== "1") {
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium"]);
  } else {
    console.warn(
      `bootstrap: no Chromium at ${chromium}. The browser tests need it: install Debian's "chromium" package ` +
        "(sudo apt-get install -y chromium) or set CHROMIUM_PATH.",
    );
  }
}
