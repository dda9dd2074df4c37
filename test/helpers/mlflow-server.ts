/**
 * A real MLflow tracking server for the integration tests: `mlflow server` from the project venv on
 * 127.0.0.1, a free port, sqlite in a temp dir and proxied artifacts (`--artifacts-destination`, so uploads
 * go through `mlflow-artifacts`). One server per mocha process, started on first use; the root hook in
 * mlflow-root-hooks.ts stops it, and an exit handler kills it if the hook is not registered.
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

let starting: Promise<MlflowTestServer> | undefined;
let child: ChildProcess | undefined;
let dir: string | undefined;
let output = '';

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

/** Signals the server's whole process group (uvicorn runs as a child of the `mlflow` CLI). */
function killGroup(signal: NodeJS.Signals): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already.
  }
}

function onExit(): void {
  killGroup('SIGKILL');
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}

function onSignal(signal: NodeJS.Signals): void {
  onExit();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
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

async function start(): Promise<MlflowTestServer> {
  if (!existsSync(MLFLOW)) throw new Error(`MLflow is not installed in the venv (${MLFLOW} missing): ${SETUP_HINT}`);
  const port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'training-bom-mlflow-'));
  const args = [
    'server', '--host', '127.0.0.1', '--port', String(port), '--workers', '1',
    '--backend-store-uri', `sqlite:///${join(dir, 'mlflow.db')}`, '--artifacts-destination', join(dir, 'artifacts'),
  ];
  // No background job runner: it forks a handful of huey workers the tests do not need.
  const env = { ...process.env, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false', PYTHONUNBUFFERED: '1' };
  const began = Date.now();
  const proc = spawn(MLFLOW, args, { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  output = '';
  const capture = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-LOG_LIMIT);
  };
  proc.stdout?.on('data', capture);
  proc.stderr?.on('data', capture);
  // Never keep mocha alive on account of the server; the exit handler stops it.
  proc.unref();
  (proc.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (proc.stderr as unknown as { unref?: () => void } | null)?.unref?.();
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let exited: string | undefined;
  proc.once('error', (error) => (exited = `could not spawn ${MLFLOW}: ${error.message} (${SETUP_HINT})`));
  proc.once('exit', (code, signal) => (exited = `mlflow server exited early (code ${code}, signal ${signal})`));
  const url = `http://127.0.0.1:${port}`;
  while (!(await healthy(url))) {
    if (exited !== undefined) throw new Error(`${exited}\n--- server output ---\n${output}`);
    if (Date.now() - began > START_TIMEOUT_MS) {
      killGroup('SIGKILL');
      throw new Error(`mlflow server did not answer ${url}/health within ${START_TIMEOUT_MS / 1000} s\n--- server output ---\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const startupMs = Date.now() - began;
  process.stderr.write(`      [mlflow test server ${url} healthy after ${(startupMs / 1000).toFixed(1)} s]\n`);
  return { url, port, dir, startupMs, log: () => output };
}

/** The shared server, started on first call (allow ~90 s for a cold start in `before`). */
export function mlflowServer(): Promise<MlflowTestServer> {
  starting ??= start();
  return starting;
}

/** Stops the shared server, if one was started: SIGTERM to its process group, SIGKILL after 10 s. */
export async function stopMlflowServer(): Promise<void> {
  const proc = child;
  if (starting === undefined || proc === undefined) return;
  await starting.catch(() => undefined);
  const exited = new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));
  killGroup('SIGTERM');
  const timer = setTimeout(() => killGroup('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
  killGroup('SIGKILL'); // stragglers in the group after the leader exited
  onExit();
  process.removeListener('exit', onExit);
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  child = undefined;
  starting = undefined;
  dir = undefined;
}
