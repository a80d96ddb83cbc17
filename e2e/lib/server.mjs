// Builds the helpdesk binary once and starts it on a free loopback port with
// a fresh data dir: the same binary and `serve` an operator runs.
import { execFile, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const goEnv = { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN || "go1.27.3" };

let built = null;

/** buildBinary compiles the repo's main package to a temp path, once per process. */
export function buildBinary() {
  built ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "helpdesk-e2e-bin-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    const bin = path.join(dir, "helpdesk");
    await run("go", ["build", "-o", bin, "."], { cwd: repo, env: goEnv, maxBuffer: 16 << 20 });
    return bin;
  })();
  return built;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntil(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * startServer runs `helpdesk serve --http 127.0.0.1:<free port> --dir <tmp>`
 * and resolves once /api/health answers. superuser: optional
 * {email, password} created first with `helpdesk superuser upsert`.
 * Returns { url, dataDir, logs(), stop() }.
 */
export async function startServer({ superuser, port: fixedPort, dataDir: existing } = {}) {
  const bin = await buildBinary();
  const dataDir = existing ?? await mkdtemp(path.join(tmpdir(), "helpdesk-e2e-data-"));
  if (superuser) {
    await run(bin, ["superuser", "upsert", superuser.email, superuser.password, "--dir", dataDir], { env: goEnv });
  }
  const port = fixedPort ?? await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ["serve", "--http", `127.0.0.1:${port}`, "--dir", dataDir], {
    env: goEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));

  try {
    await waitUntil("the server to answer /api/health", async () => {
      if (child.exitCode !== null) throw new Error(`helpdesk serve exited: ${output}`);
      const res = await fetch(`${url}/api/health`);
      return res.ok;
    });
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${err.message}\n${output}`);
  }

  return {
    url,
    dataDir,
    logs: () => output,
    // restart stops the server and serves the same data dir on the same
    // port again: what runs at start (the SLA check) runs once more
    async restart() {
      child.kill("SIGTERM");
      await exited;
      const again = await startServer({ port, dataDir });
      Object.assign(this, { stop: again.stop, restart: again.restart, logs: again.logs });
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
