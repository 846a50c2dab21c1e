// `pnpm dev` as people run it, on a scratch copy of the repository that starts unbuilt (no dist/, no turbo cache):
// every way of saving a file shows up in the served docs page and in the mock; a save that changed nothing rebuilds
// nothing; a spec that does not lint is reported in a few lines while the last good build stays served; a server
// that dies (kill -9) is started again, once per save; every mistake in flags, environment or ports is one line and
// a non-zero exit; SIGTERM/SIGINT stop everything in 5 s with one line; a first build that fails names the task and
// how to reproduce it, serves what it can, and a save of the broken file builds again.
// Real processes on a busy 2-core machine: the waits are generous, the assertions are about what users see.
import { execFileSync } from "node:child_process";
import { appendFileSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  descendants,
  freePort,
  groupMembers,
  isAlive,
  killAll,
  type Launched,
  launch,
  listener,
  portFree,
  scratchCopy,
  sleep,
  until,
} from "./scratch.js";

const twoPorts = async (): Promise<[number, number]> => {
  const a = await freePort();
  let b = await freePort();
  while (b === a) b = await freePort();
  return [a, b];
};
const SHOW = 90_000; // a save → served, on a loaded machine (the bench measures the real figure)
let scratch: { dir: string; remove(): void };
const leftovers: number[] = [];

beforeAll(() => {
  scratch = scratchCopy();
});
afterAll(() => {
  if (scratch) killAll(leftovers.filter(isAlive), scratch.dir);
  scratch?.remove();
});

describe("pnpm dev, started on an unbuilt tree", () => {
  let dev: Launched;
  let mockPort: number;
  let docsPort: number;
  let api: string;
  const at = (path: string) => join(scratch.dir, path);
  const example = () => at("spec/components/examples/available.yaml");
  const withName = (text: string, name: string) => text.replace(/^(\s+name: )"[^"]*"/m, `$1"${name}"`);

  const docsPage = async () => (await fetch(`http://127.0.0.1:${docsPort}/`)).text();
  const mockAnswer = async (scenario = "available") =>
    (
      await fetch(`http://127.0.0.1:${mockPort}${api}`, {
        headers: { "X-Auth-Token": "t", Prefer: `example=${scenario}` },
      })
    ).text();
  /** Waits for docs and mock to pass `check`; if they do not in time, the error says what each showed and what dev said. */
  const served = async (what: string, check: (page: string, answer: string) => boolean, scenario = "available") => {
    const from = dev.output().length;
    const both = async () => [await docsPage(), await mockAnswer(scenario)] as const;
    await until(what, async () => check(...(await both())), SHOW).catch(async (error: Error) => {
      const [page, answer] = await both().catch((e: Error) => [e.message, e.message]);
      const names = (text: string) => [...new Set(text.match(/backup_\w+/g))].join(", ");
      error.message += `\ndocs show: ${names(page)}\nmock shows: ${names(answer)}\ndev said since:\n${dev.output().slice(from).trim()}`;
      throw error;
    });
  };
  /** Both the served docs page and the mock show `text`. */
  const shows = (text: string, scenario = "available") =>
    served(`docs and mock to show ${text}`, (page, answer) => page.includes(text) && answer.includes(text), scenario);

  beforeAll(async () => {
    [mockPort, docsPort] = await twoPorts();
    dev = launch("pnpm", ["dev"], scratch.dir, { CSBS_MOCK_PORT: String(mockPort), CSBS_DOCS_PORT: String(docsPort) });
    await dev.waitFor(/✓ ready in/, 400_000);
    leftovers.push(...descendants(dev.pid));
    const doc = JSON.parse(readFileSync(at("spec/dist/openapi.json"), "utf8"));
    api = Object.keys(doc.paths)[0]?.replace(/\{[^}]+\}/g, "my-project") ?? "/";
  }, 420_000);
  afterAll(async () => {
    if (dev && isAlive(dev.pid)) {
      process.kill(dev.pid, "SIGTERM");
      await dev.exited;
    }
  });

  it("built what it needed first and serves both: the page and the spec's example", async () => {
    const noise = /ERR_MODULE_NOT_FOUND|ERR_PNPM|\n\s+at .+:\d+:\d+/.exec(dev.output())?.[0];
    expect(noise, `pnpm dev said:\n${dev.output()}`).toBeUndefined();
    expect((await docsPage()).includes("backup_d32c"), "the docs page shows the example").toBe(true);
    expect((await mockAnswer()).includes("backup_d32c"), "the mock answers the example").toBe(true);
  });

  it("prints a request the mock answers, from the spec's model: the first operation, path parameters from examples", async () => {
    const curl = /curl .+$/m.exec(dev.output())?.[0];
    expect(curl, "a curl line next to the mock's URL").toBeDefined();
    const { model } = await import(pathToFileURL(at("packages/types/src/model.gen.mjs")).href);
    for (const parameter of model.operations[0].parameters.filter((p: { in: string }) => p.in === "path")) {
      expect(curl).toContain(`/${parameter.example}/`);
    }
    const status = execFileSync("sh", ["-c", `${curl} -s -o /dev/null -w '%{http_code}'`], { encoding: "utf8" });
    expect(status, curl).toBe("200");
  });

  it("an in-place write", async () => {
    writeFileSync(example(), withName(readFileSync(example(), "utf8"), "backup_inplace1"));
    await shows("backup_inplace1");
  });

  it("a write to a temporary file renamed over it (VS Code, JetBrains safe write)", async () => {
    const temporary = `${example()}.tmp~`;
    writeFileSync(temporary, withName(readFileSync(example(), "utf8"), "backup_renamed2"));
    renameSync(temporary, example());
    await shows("backup_renamed2");
  });

  it("vim's backup-and-write (the original renamed away, a new file written, the backup deleted)", async () => {
    const text = readFileSync(example(), "utf8");
    renameSync(example(), `${example()}~`);
    writeFileSync(example(), withName(text, "backup_vim3"));
    rmSync(`${example()}~`);
    await shows("backup_vim3");
  });

  it("sed -i", async () => {
    execFileSync("sed", ["-i", "s/backup_vim3/backup_sed4/", example()]);
    await shows("backup_sed4");
  });

  it("git checkout -- file", async () => {
    execFileSync("git", ["checkout", "--", "spec/components/examples/available.yaml"], { cwd: scratch.dir });
    await served(
      "the committed example back in docs and mock",
      (page, answer) =>
        !page.includes("backup_sed4") && !answer.includes("backup_sed4") && answer.includes("backup_d32c"),
    );
  });

  it("the same file saved again and again: the last save wins", async () => {
    for (const name of ["backup_again5a", "backup_again5b", "backup_again5c"]) {
      writeFileSync(example(), withName(readFileSync(example(), "utf8"), name));
      await sleep(300);
    }
    await shows("backup_again5c");
  });

  it("a file created and then deleted in a watched folder; later edits elsewhere still show", async () => {
    const extra = at("spec/components/examples/extra.yaml");
    const path = at(`spec/paths/${readdirSync(at("spec/paths"))[0]}`);
    const original = readFileSync(path, "utf8");
    writeFileSync(extra, withName(readFileSync(example(), "utf8"), "backup_created6"));
    writeFileSync(
      path,
      original.replace(/^(\s+)available:\n/m, "$1extra:\n$1  $ref: ../components/examples/extra.yaml\n$&"),
    );
    await shows("backup_created6", "extra");
    writeFileSync(path, original);
    rmSync(extra);
    await until(
      "the deleted example to leave the page",
      async () => !(await docsPage()).includes("backup_created6"),
      SHOW,
    );
    const parameter = at("spec/components/parameters/name.yaml");
    writeFileSync(
      parameter,
      readFileSync(parameter, "utf8").replace(/^description: .*$/m, "description: Filter on the backup name (edited)."),
    );
    await until(
      "the parameter edit in the docs",
      async () => (await docsPage()).includes("Filter on the backup name (edited)."),
      SHOW,
    );
    writeFileSync(example(), withName(readFileSync(example(), "utf8"), "backup_after6"));
    await shows("backup_after6");
  });

  it("a docs sample rebuilds the page", async () => {
    const samples = at("packages/docs/samples");
    const file = readdirSync(samples).find((f) => /\.(sh|ts)$/.test(f));
    expect(file, "a hand-written sample in packages/docs/samples").toBeDefined();
    appendFileSync(join(samples, file as string), file?.endsWith(".sh") ? "# sample-edit-7\n" : "// sample-edit-7\n");
    await until("the sample edit in the docs", async () => (await docsPage()).includes("sample-edit-7"), SHOW);
  });

  it("redocly.yaml (lint rules and Redoc options) rebuilds the page", async () => {
    const from = dev.output().length;
    appendFileSync(at("redocly.yaml"), "# edited while dev runs\n");
    await dev.waitFor(/redocly\.yaml changed[\s\S]*✓ lint \+ bundle [\d.]+ s · docs/, SHOW, from);
  });

  it("a touch, or a write of the same contents, rebuilds nothing", async () => {
    const from = dev.output().length;
    const now = new Date();
    utimesSync(example(), now, now);
    writeFileSync(example(), readFileSync(example(), "utf8"));
    // Then a real save of another watched file: dev takes saves in order (the same settle timer, one round at a
    // time), so once that one is reported, a rebuild for the two above would have been too.
    appendFileSync(at("redocly.yaml"), "# saved after a touch\n");
    await dev.waitFor(/redocly\.yaml changed[\s\S]*✓ lint \+ bundle [\d.]+ s · docs/, SHOW, from);
    const said = dev.output().slice(from);
    expect(said).not.toContain("available.yaml");
    expect(said.match(/ changed\b/g)).toHaveLength(1);
  });

  it("a spec that does not lint: file:line:col in a few lines, the last good build still served, then the fix", async () => {
    const from = dev.output().length;
    writeFileSync(example(), readFileSync(example(), "utf8").replace(/^(\s+name: )"[^"]*"/m, "$1123"));
    await dev.waitFor(/does not lint/, SHOW, from);
    await dev.waitFor(/Still serving the last good build/, SHOW, from);
    const report = dev.output().slice(from);
    expect(report).toMatch(/spec\/components\/examples\/available\.yaml:\d+:\d+ +Example value must conform/);
    expect(report.split("\n").length).toBeLessThan(16);
    expect(report).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect((await mockAnswer()).includes("backup_after6"), "the mock still answers the last good example").toBe(true);
    expect((await docsPage()).includes("backup_after6"), "the docs still show the last good example").toBe(true);
    writeFileSync(
      example(),
      withName(readFileSync(example(), "utf8").replace(/^(\s+name: )123$/m, '$1"x"'), "backup_fixed8"),
    );
    await shows("backup_fixed8");
  });

  /** dev's lines about one server since `from`: "the mock exited…", "the mock did not start…". */
  const about = (server: string, from: number) =>
    dev
      .output()
      .slice(from)
      .split("\n")
      .filter((line) => line.includes(`the ${server} `));
  const status = async (port: number, path = "/") =>
    (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { "X-Auth-Token": "t" } })).status;

  it(
    "the mock killed (kill -9): one line, the docs keep serving, the mock is back",
    async () => {
      const pid = listener(mockPort);
      expect(pid, "a process listens on the mock's port").toBeDefined();
      const from = dev.output().length;
      process.kill(pid as number, "SIGKILL");
      await dev.waitFor(/the mock exited \(killed by SIGKILL\); starting it again/, SHOW, from);
      expect(await status(docsPort), "the docs meanwhile").toBe(200);
      await until(
        "the mock back",
        async () => listener(mockPort) !== pid && (await mockAnswer()).includes("backup_fixed8"),
        SHOW,
      );
      expect(about("mock", from)).toHaveLength(1);
    },
    4 * SHOW,
  );

  it(
    "the docs server killed (kill -9): one line, the mock keeps answering, the docs are back",
    async () => {
      const pid = listener(docsPort);
      expect(pid, "a process listens on the docs' port").toBeDefined();
      const from = dev.output().length;
      process.kill(pid as number, "SIGKILL");
      await dev.waitFor(/the docs exited \(killed by SIGKILL\); starting it again/, SHOW, from);
      expect(await status(mockPort, api), "the mock meanwhile").toBe(200);
      await until(
        "the docs back",
        async () => listener(docsPort) !== pid && (await docsPage()).includes("backup_fixed8"),
        SHOW,
      );
      expect(about("docs", from)).toHaveLength(1);
    },
    4 * SHOW,
  );

  it(
    "a mock that cannot start is tried once when it dies, then once per save: never in a loop",
    async () => {
      const sample = at(
        `packages/docs/samples/${readdirSync(at("packages/docs/samples")).find((f) => /\.(sh|ts)$/.test(f))}`,
      );
      const save = () => appendFileSync(sample, sample.endsWith(".sh") ? "# a save\n" : "// a save\n");
      let from = dev.output().length;
      save(); // a save: the mock may be started again once more (the kill above used the last one up)
      await dev.waitFor(/✓ docs[^\n]*\n/, SHOW, from);
      // A background build that follows would give the mock a new build, spec and all: let it end first.
      if (/✓ docs[^\n]*in the background/.test(dev.output().slice(from))) {
        await dev.waitFor(/rebuilt in the background|the background build/, SHOW, from);
      }
      // The spec the running mock reads (next to the CLI it runs): unreadable, so that every start now fails.
      const pid = listener(mockPort) as number;
      const cli = readFileSync(`/proc/${pid}/cmdline`, "utf8")
        .split("\0")
        .find((arg) => arg.endsWith("cli.js"));
      writeFileSync(join(dirname(cli as string), "openapi.json"), "{ not a spec");
      from = dev.output().length;
      process.kill(pid, "SIGKILL");
      await dev.waitFor(/the mock did not start again \(csbs-mock: .+\); it starts again on the next save/, SHOW, from);
      await sleep(3_000); // nothing may happen until the next save
      expect(about("mock", from), "died, tried once").toHaveLength(2);
      expect(listener(mockPort), "no mock").toBeUndefined();
      expect(await status(docsPort), "the docs meanwhile").toBe(200);

      from = dev.output().length;
      save();
      await dev.waitFor(/the mock did not start \(csbs-mock: .+\); it starts again on the next save/, SHOW, from);
      await dev.waitFor(/✓ docs/, SHOW, from);
      await sleep(3_000);
      expect(about("mock", from), "one try for one save").toHaveLength(1);

      // A spec save gives the mock a spec it can read again.
      writeFileSync(example(), withName(readFileSync(example(), "utf8"), "backup_back9"));
      await shows("backup_back9");
    },
    4 * SHOW,
  );
});

describe("every mistake is one line and a non-zero exit, and nothing says ready", () => {
  const run = async (args: string[], env: Record<string, string>) => {
    const cli = launch("pnpm", ["dev", ...args], scratch.dir, env);
    const { code } = await cli.exited;
    const ours = cli
      .output()
      .split("\n")
      .filter((l) => l.startsWith("pnpm dev: "));
    return { code, ours, all: cli.output() };
  };
  const expectOneLine = (result: { code: number | null; ours: string[]; all: string }, pattern: RegExp) => {
    expect(result.code).not.toBe(0);
    expect(result.ours).toHaveLength(1);
    expect(result.ours[0]).toMatch(pattern);
    const noise = /ready|ERR_PNPM|ERR_PARSE_ARGS|\n\s+at .+:\d+:\d+/.exec(result.all)?.[0];
    expect(noise, `it said more than its one line:\n${result.all}`).toBeUndefined();
  };

  it("an unknown flag lists the valid ones", async () => {
    expectOneLine(await run(["--prot", "4011"], {}), /Unknown option '--prot'.*--docs-only, --no-watch, --help/);
  });

  it("a mock setting the mock refuses: its one line", async () => {
    const [mockPort, docsPort] = await twoPorts();
    const result = await run([], {
      CSBS_MOCK_RECORDS: "abc",
      CSBS_MOCK_PORT: String(mockPort),
      CSBS_DOCS_PORT: String(docsPort),
    });
    expectOneLine(result, /CSBS_MOCK_RECORDS must be an integer .*"abc"/);
    expect(await portFree(docsPort), "the docs server stopped with it").toBe(true);
  });

  it("an invalid port blames the variable it came from", async () => {
    expectOneLine(await run([], { CSBS_MOCK_PORT: "abc" }), /CSBS_MOCK_PORT must be a port number.*"abc"/);
    expectOneLine(
      await run([], { CSBS_MOCK_PORT: "4011", CSBS_DOCS_PORT: "99999" }),
      /CSBS_DOCS_PORT must be .*"99999"/,
    );
  });

  it("a busy port says which, and how to pick another", async () => {
    const busy: Server = createServer();
    const port = await freePort();
    await new Promise<void>((r) => busy.listen(port, "127.0.0.1", r));
    try {
      const other = String(await freePort());
      expectOneLine(
        await run([], { CSBS_MOCK_PORT: String(port), CSBS_DOCS_PORT: other }),
        new RegExp(`port ${port} \\(CSBS_MOCK_PORT\\) is in use .*CSBS_MOCK_PORT=${port + 1} pnpm dev`),
      );
      expectOneLine(
        await run([], { CSBS_MOCK_PORT: other, CSBS_DOCS_PORT: String(port) }),
        new RegExp(`port ${port} \\(CSBS_DOCS_PORT\\) is in use .*CSBS_DOCS_PORT=${port + 1} pnpm dev`),
      );
    } finally {
      busy.close();
    }
  });
});

describe("SIGTERM or SIGINT stops everything within 5 s: ports freed, no process left", () => {
  // npm start is `<setup> && exec node tools/src/dev/main.ts`: after the setup (which needs the registry, and
  // runs in CI on a fresh clone) it is npm's script runner with exec, which `npm run dev` exercises here.
  const cases: { name: string; command: string; args: string[]; signal: NodeJS.Signals; group?: boolean }[] = [
    { name: "SIGTERM to the pnpm dev process", command: "pnpm", args: ["dev"], signal: "SIGTERM" },
    // pnpm passes a SIGINT on unless it was started with SIGINT ignored (a `cmd &` of a non-interactive shell does
    // that, as POSIX says); a process manager or Node's spawn starts it with the default.
    { name: "SIGINT to the pnpm dev process", command: "pnpm", args: ["dev"], signal: "SIGINT" },
    {
      name: "SIGINT to pnpm dev's process group (Ctrl-C)",
      command: "pnpm",
      args: ["dev"],
      signal: "SIGINT",
      group: true,
    },
    {
      name: "SIGTERM to the npm process (npm start's runner)",
      command: "npm",
      args: ["run", "dev"],
      signal: "SIGTERM",
    },
    { name: "SIGINT to the npm process (npm start's runner)", command: "npm", args: ["run", "dev"], signal: "SIGINT" },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const [mockPort, docsPort] = await twoPorts();
      const dev = launch(c.command, c.args, scratch.dir, {
        CSBS_MOCK_PORT: String(mockPort),
        CSBS_DOCS_PORT: String(docsPort),
      });
      // The ready block's last line: what it says after the signal is compared from there.
      await dev.waitFor(/Ctrl-C to stop/, 240_000);
      const tree = [...descendants(dev.pid), ...groupMembers(dev.pid)];
      leftovers.push(dev.pid, ...tree);
      const sent = Date.now();
      const from = dev.output().length;
      process.kill(c.group ? -dev.pid : dev.pid, c.signal);
      const { at } = await Promise.race([dev.exited, sleep(10_000).then(() => ({ at: Number.POSITIVE_INFINITY }))]);
      expect(at - sent, `${c.command} exited after the signal`).toBeLessThan(5_000);
      await until("every process of it to be gone", () => tree.every((pid) => !isAlive(pid)) || undefined, 2_000).catch(
        () => undefined,
      );
      expect(tree.filter(isAlive), "processes left").toEqual([]);
      expect(groupMembers(dev.pid), "its process group").toEqual([]);
      expect(await portFree(mockPort), "mock port free").toBe(true);
      expect(await portFree(docsPort), "docs port free").toBe(true);
      expect(dev.output().slice(from).trim().split("\n"), "what it said when stopped").toEqual([
        expect.stringMatching(/^\[dev [\d:]+\] stopped$/),
      ]);
    }, 300_000);
  }
});

describe("a first build that fails: the task, how to reproduce it, what can be served, and a save builds again", () => {
  it("a syntax error in packages/client/src", async () => {
    const client = join(scratch.dir, "packages/client/src/index.ts");
    const original = readFileSync(client, "utf8");
    rmSync(join(scratch.dir, "packages/docs/dist"), { recursive: true, force: true }); // no last good page
    writeFileSync(client, `${original}\nexport const broken = ;\n`);
    const [mockPort, docsPort] = await twoPorts();
    const dev = launch("pnpm", ["dev"], scratch.dir, {
      CSBS_MOCK_PORT: String(mockPort),
      CSBS_DOCS_PORT: String(docsPort),
    });
    try {
      await dev.waitFor(/still serving/, 240_000);
      leftovers.push(...descendants(dev.pid));
      const said = dev.output();
      expect(said).toMatch(
        /the build failed: @csbs\/client#build \(reproduce: pnpm --filter @csbs\/client run build\)/,
      );
      expect(said, "where").toMatch(/src\/index\.ts:\d+:\d+/);
      expect(said).not.toMatch(/ready in|\n\s+at .+:\d+:\d+/);
      const page = await fetch(`http://127.0.0.1:${docsPort}/`);
      expect(page.status).toBe(503);
      const body = await page.text();
      expect(body, "the page names the failed task").toContain("@csbs/client#build");
      expect(body, "and reloads itself once the build is fixed").toContain("/__reload");
      const doc = JSON.parse(readFileSync(join(scratch.dir, "spec/dist/openapi.json"), "utf8"));
      const path = Object.keys(doc.paths)[0]?.replace(/\{[^}]+\}/g, "my-project") ?? "/";
      const answer = await fetch(`http://127.0.0.1:${mockPort}${path}`, {
        headers: { "X-Auth-Token": "t" },
      });
      expect(answer.status, "the mock serves the spec").toBe(200);

      const from = dev.output().length;
      writeFileSync(client, original);
      await dev.waitFor(/✓ ready in/, 240_000, from);
      const fixed = await fetch(`http://127.0.0.1:${docsPort}/`);
      expect(fixed.status).toBe(200);
      expect(await fixed.text()).toContain("checkpoint_items");
    } finally {
      if (isAlive(dev.pid)) process.kill(dev.pid, "SIGTERM");
      await dev.exited;
    }
  }, 600_000);
});
