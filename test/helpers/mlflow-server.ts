/**
 * A real MLflow tracking server for the integration tests: `mlflow server` from the project venv on
 * 127.0.0.1, on a port the server itself picks (`--port 0`; no probe-then-bind race), proxied artifacts in a
 * temp dir (`--artifacts-destination`, so uploads go through `mlflow-artifacts`), and one of two backends,
 * chosen by `TRAINING_BOM_TEST_MLFLOW_BACKEND`: `sqlite` (the default: one worker on a SQLite file in the temp
 * dir) or `postgresql` (MLflow's production topology: four workers on a database of its own in the shared
 * PostgreSQL test cluster, postgres-server.ts; `npm run test:postgresql`). `TRAINING_BOM_TEST_MLFLOW_WORKERS`
 * overrides the worker count. One shared server per mocha process, started on first use; the root hook
 * in mlflow-root-hooks.ts stops it, and an exit handler kills it if the hook is not registered. Outage
 * tests start a private one (`privateMlflowServer`) that they can kill and restart on the same port and
 * database; a restart whose port another process took meanwhile waits and tries again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { postgresServer } from './postgres-server';
import { watchBackground } from './run-process';

const ROOT = resolve(__dirname, '../..');
const VENV = process.env.VENV_DIR ?? join(ROOT, '.venv');
const MLFLOW = join(VENV, 'bin', 'mlflow');
const SETUP_HINT = 'run scripts/python-venv.sh test/interop/requirements.txt test/mlflow/requirements.txt';
const START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;
const LOG_LIMIT = 64 * 1024;
/** Uvicorn's start-up line, with the port it bound (the real one when asked for port 0). */
const RUNNING = /Uvicorn running on https?:\/\/127\.0\.0\.1:(\d+)/;
/** Uvicorn's message when the port is taken (`[Errno 98] … address already in use`). */
const PORT_TAKEN = /address already in use/i;
const RETRY_BIND_MS = 500;

/** Where a test server keeps its runs. */
export type MlflowTestBackend = 'sqlite' | 'postgresql';

/** The backend the tests run against (`TRAINING_BOM_TEST_MLFLOW_BACKEND`, default sqlite). */
export function mlflowTestBackend(): MlflowTestBackend {
  const value = process.env.TRAINING_BOM_TEST_MLFLOW_BACKEND ?? 'sqlite';
  if (value !== 'sqlite' && value !== 'postgresql') {
    throw new Error(`TRAINING_BOM_TEST_MLFLOW_BACKEND must be sqlite or postgresql, not ${JSON.stringify(value)}`);
  }
  return value;
}

function workerCount(backend: MlflowTestBackend): number {
  const value = process.env.TRAINING_BOM_TEST_MLFLOW_WORKERS;
  if (value === undefined || value === '') return backend === 'postgresql' ? 4 : 1;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`TRAINING_BOM_TEST_MLFLOW_WORKERS must be a positive integer, not ${JSON.stringify(value)}`);
  return n;
}

/** A running test server. */
export interface MlflowTestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Temp dir holding `artifacts/` (and `mlflow.db` on SQLite). */
  readonly dir: string;
  /** Where the runs are kept. */
  readonly backend: MlflowTestBackend;
  /** The server's `--backend-store-uri`. */
  readonly backendStoreUri: string;
  /** How many server worker processes answer requests. */
  readonly workers: number;
  /** Milliseconds from spawn to the first healthy `/health`. */
  readonly startupMs: number;
  /** The last 64 KiB of the server's stdout and stderr. */
  log(): string;
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

/** How one spawn of the server ended its start-up. */
type SpawnOutcome = 'healthy' | 'port-taken';

/** One `mlflow server` on one directory; the port is the server's pick at launch, kept for every restart. */
export class MlflowServerProcess implements MlflowTestServer {
  private child: ChildProcess | undefined;
  private output = '';
  private boundPort: number | undefined;
  startupMs = 0;

  private constructor(
    readonly dir: string,
    readonly backend: MlflowTestBackend,
    readonly backendStoreUri: string,
    readonly workers: number,
  ) {}

  /** The port the server bound at launch. */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('the MLflow test server has not started yet');
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts a server on a port of its own choosing with a new temp directory (and, on PostgreSQL, a new database). */
  static async launch(backend: MlflowTestBackend = mlflowTestBackend()): Promise<MlflowServerProcess> {
    if (!existsSync(MLFLOW)) throw new Error(`MLflow is not installed in the venv (${MLFLOW} missing): ${SETUP_HINT}`);
    const dir = mkdtempSync(join(tmpdir(), 'training-bom-mlflow-'));
    const storeUri = backend === 'postgresql' ? (await postgresServer()).createDatabase() : `sqlite:///${join(dir, 'mlflow.db')}`;
    const server = new MlflowServerProcess(dir, backend, storeUri, workerCount(backend));
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

  /**
   * Spawns the server and waits until `/health` answers: the first time on port 0, reading the port the
   * server bound from its start-up line; later on that same port, spawning again (until the start-up
   * deadline) while another process holds it.
   */
  async start(): Promise<void> {
    const began = Date.now();
    while ((await this.spawnOnce(began)) === 'port-taken') {
      if (Date.now() - began > START_TIMEOUT_MS) {
        throw new Error(`port ${this.port} stayed taken for ${START_TIMEOUT_MS / 1000} s: cannot restart the MLflow test server on it\n--- server output ---\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, RETRY_BIND_MS));
    }
    this.startupMs = Date.now() - began;
    process.stderr.write(`      [mlflow test server ${this.url} (${this.backend}, ${this.workers} worker${this.workers === 1 ? '' : 's'}) healthy after ${(this.startupMs / 1000).toFixed(1)} s]\n`);
  }

  private async spawnOnce(began: number): Promise<SpawnOutcome> {
    const args = [
      'server', '--host', '127.0.0.1', '--port', String(this.boundPort ?? 0), '--workers', String(this.workers),
      '--backend-store-uri', this.backendStoreUri, '--artifacts-destination', join(this.dir, 'artifacts'),
    ];
    // No background job runner: it forks a handful of huey workers the tests do not need.
    const env = { ...process.env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false', PYTHONUNBUFFERED: '1' };
    const proc = spawn(MLFLOW, args, { cwd: this.dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = proc;
    let fresh = ''; // this spawn's output until it is healthy, for the start-up line and a bind failure
    // Never keeps mocha alive on account of the server; the exit handler stops it.
    watchBackground(proc, (text) => {
      this.output = (this.output + text).slice(-LOG_LIMIT);
      if (fresh.length < LOG_LIMIT) fresh += text;
    });
    let exited: string | undefined;
    const closed = new Promise<void>((r) => proc.once('close', () => r()));
    proc.once('error', (error) => (exited = `could not spawn ${MLFLOW}: ${error.message} (${SETUP_HINT})`));
    proc.once('exit', (code, signal) => (exited = `mlflow server exited early (code ${code}, signal ${signal})`));
    for (;;) {
      // Only this spawn's own start-up line makes the port ours: on a restart, whoever took the port meanwhile may answer /health too.
      const running = RUNNING.exec(fresh);
      if (running !== null) {
        this.boundPort ??= Number(running[1]);
        if (await healthy(this.url)) return 'healthy';
      }
      if (exited !== undefined) {
        await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]); // the last output may trail the exit
        this.child = undefined;
        if (this.boundPort !== undefined && PORT_TAKEN.test(fresh)) return 'port-taken';
        throw new Error(`${exited}\n--- server output ---\n${this.output}`);
      }
      if (Date.now() - began > START_TIMEOUT_MS) {
        this.signal('SIGKILL');
        const where = this.boundPort === undefined ? 'report the port it bound' : `answer ${this.url}/health`;
        throw new Error(`mlflow server did not ${where} within ${START_TIMEOUT_MS / 1000} s\n--- server output ---\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 150));
    }
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
export function privateMlflowServer(backend?: MlflowTestBackend): Promise<MlflowServerProcess> {
  return MlflowServerProcess.launch(backend);
}

/** Stops the shared server, if one was started. */
export async function stopMlflowServer(): Promise<void> {
  const server = shared;
  shared = undefined;
  if (server === undefined) return;
  await (await server.catch(() => undefined))?.stop();
}
