/**
 * A real MLflow tracking server for the integration tests: `mlflow server` from the project venv on
 * 127.0.0.1, a free port, sqlite in a temp dir and proxied artifacts (`--artifacts-destination`, so uploads
 * go through `mlflow-artifacts`). One shared server per mocha process, started on first use; the root hook
 * in mlflow-root-hooks.ts stops it, and an exit handler kills it if the hook is not registered. Outage
 * tests start a private one (`privateMlflowServer`) that they can kill and restart on the same port and
 * database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const VENV = process.env.VENV_DIR ?? join(ROOT, '.venv');
const MLFLOW = join(VENV, 'bin', 'mlflow');
const SETUP_HINT = 'run scripts/python-venv.sh test/interop/requirements.txt test/mlflow/requirements.txt';
const START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;
const LOG_LIMIT = 64 * 1024;

/** A running test server. */
export interface MlflowTestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Temp dir holding `mlflow.db` and `artifacts/`. */
  readonly dir: string;
  /** Milliseconds from spawn to the first healthy `/health`. */
  readonly startupMs: number;
  /** The last 64 KiB of the server's stdout and stderr. */
  log(): string;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
    await response.text();
    return response.ok;
  } catch {
    return false;
  }
}

const live = new Set<MlflowServerProcess>();

function onExit(): void {
  for (const server of live) server.killNow();
}

function onSignal(signal: NodeJS.Signals): void {
  onExit();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/** One `mlflow server` on a fixed port and directory; it can be killed and started again on both. */
export class MlflowServerProcess implements MlflowTestServer {
  private child: ChildProcess | undefined;
  private output = '';
  startupMs = 0;

  private constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts a server on a free port with a new temp directory. */
  static async launch(): Promise<MlflowServerProcess> {
    if (!existsSync(MLFLOW)) throw new Error(`MLflow is not installed in the venv (${MLFLOW} missing): ${SETUP_HINT}`);
    const server = new MlflowServerProcess(await freePort(), mkdtempSync(join(tmpdir(), 'training-bom-mlflow-')));
    if (live.size === 0) {
      process.once('exit', onExit);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    }
    live.add(server);
    await server.start();
    return server;
  }

  log(): string {
    return this.output;
  }

  /** Spawns the server (again) and waits until `/health` answers. */
  async start(): Promise<void> {
    const args = [
      'server', '--host', '127.0.0.1', '--port', String(this.port), '--workers', '1',
      '--backend-store-uri', `sqlite:///${join(this.dir, 'mlflow.db')}`, '--artifacts-destination', join(this.dir, 'artifacts'),
    ];
    // No background job runner: it forks a handful of huey workers the tests do not need.
    const env = { ...process.env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false', PYTHONUNBUFFERED: '1' };
    const began = Date.now();
    const proc = spawn(MLFLOW, args, { cwd: this.dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = proc;
    const capture = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-LOG_LIMIT);
    };
    proc.stdout?.on('data', capture);
    proc.stderr?.on('data', capture);
    // Never keep mocha alive on account of the server; the exit handler stops it.
    proc.unref();
    (proc.stdout as unknown as { unref?: () => void } | null)?.unref?.();
    (proc.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    let exited: string | undefined;
    proc.once('error', (error) => (exited = `could not spawn ${MLFLOW}: ${error.message} (${SETUP_HINT})`));
    proc.once('exit', (code, signal) => (exited = `mlflow server exited early (code ${code}, signal ${signal})`));
    while (!(await healthy(this.url))) {
      if (exited !== undefined) throw new Error(`${exited}\n--- server output ---\n${this.output}`);
      if (Date.now() - began > START_TIMEOUT_MS) {
        this.signal('SIGKILL');
        throw new Error(`mlflow server did not answer ${this.url}/health within ${START_TIMEOUT_MS / 1000} s\n--- server output ---\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    this.startupMs = Date.now() - began;
    process.stderr.write(`      [mlflow test server ${this.url} healthy after ${(this.startupMs / 1000).toFixed(1)} s]\n`);
  }

  /** Kills the server's process group at once (a crash); the database stays for `start()`. */
  async kill(): Promise<void> {
    const proc = this.child;
    if (proc === undefined) return;
    const exited = new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));
    this.signal('SIGKILL');
    await exited;
    this.child = undefined;
  }

  /** Stops the server (SIGTERM to its process group, SIGKILL after 10 s) and deletes its directory. */
  async stop(): Promise<void> {
    const proc = this.child;
    if (proc !== undefined) {
      const exited = new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));
      this.signal('SIGTERM');
      const timer = setTimeout(() => this.signal('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    this.killNow();
  }

  /** Kills whatever is left of the group and deletes the directory, synchronously (exit handler). */
  killNow(): void {
    this.signal('SIGKILL'); // stragglers in the group after the leader exited
    this.child = undefined;
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this);
    if (live.size === 0) {
      process.removeListener('exit', onExit);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
  }

  /** Signals the server's whole process group (uvicorn runs as a child of the `mlflow` CLI). */
  private signal(signal: NodeJS.Signals): void {
    if (this.child?.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // The group is gone already.
    }
  }
}

let shared: Promise<MlflowServerProcess> | undefined;

/** The shared server, started on first call (allow ~90 s for a cold start in `before`). */
export function mlflowServer(): Promise<MlflowTestServer> {
  shared ??= MlflowServerProcess.launch();
  return shared;
}

/** A server of the caller's own, to kill and restart; the caller stops it (the exit handler kills it otherwise). */
export function privateMlflowServer(): Promise<MlflowServerProcess> {
  return MlflowServerProcess.launch();
}

/** Stops the shared server, if one was started. */
export async function stopMlflowServer(): Promise<void> {
  const server = shared;
  shared = undefined;
  if (server === undefined) return;
  await (await server.catch(() => undefined))?.stop();
}
