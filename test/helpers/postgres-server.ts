/**
 * A real PostgreSQL server for the MLflow tests on MLflow's production topology (docs/contributing.md):
 * Debian's PostgreSQL 15 (`/usr/lib/postgresql/<n>/bin`, or `PG_BIN`), a fresh cluster in a temp directory,
 * reachable only through a Unix socket in that directory (`listen_addresses = ''`: no TCP port to race for,
 * nothing off the machine), trust authentication for the role `mlflow`, durability switched off (a test
 * cluster is thrown away). PostgreSQL refuses to run as root: under root the cluster belongs to, and the
 * server runs as, the `postgres` system user (or `PG_TEST_USER`). One cluster per mocha process, started on
 * first use; every MLflow test server gets a database of its own in it. The root hook stops it.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchBackground } from './run-process';

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const LOG_LIMIT = 64 * 1024;
/** The socket file is `.s.PGSQL.<port>` in the socket directory; no TCP port is opened. */
const SOCKET_PORT = 5432;
/** The superuser role the cluster is initialised with; MLflow connects as it. */
export const POSTGRES_ROLE = 'mlflow';

/** Where the server binaries are: `PG_BIN`, else the newest Debian install. */
function postgresBin(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(base, v, 'bin')).find((dir) => existsSync(join(dir, 'postgres')));
  if (found === undefined) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (Debian: apt-get install postgresql), or set PG_BIN');
  return found;
}

/** The uid/gid to run the server as: ourselves, or under root an unprivileged system user. */
function serverIdentity(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const user = process.env.PG_TEST_USER ?? 'postgres';
  const id = (flag: string): number => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(`PostgreSQL refuses to run as root and there is no user "${user}" to run it as (create one, or set PG_TEST_USER)`);
  }
}

/** A running test cluster. */
export class PostgresTestServer {
  private child: ChildProcess | undefined;
  private output = '';
  private databases = 0;
  startupMs = 0;

  private constructor(
    readonly dir: string,
    private readonly bin: string,
    private readonly identity: { uid: number; gid: number } | undefined,
  ) {}

  /** The directory holding the server's socket (libpq's `host` for a Unix socket). */
  get socketDir(): string {
    return this.dir;
  }

  /** Initialises a cluster in a new temp directory and starts the server on it. */
  static async launch(): Promise<PostgresTestServer> {
    const bin = postgresBin();
    const identity = serverIdentity();
    const dir = mkdtempSync(join(tmpdir(), 'training-bom-pg-'));
    if (identity !== undefined) chownSync(dir, identity.uid, identity.gid);
    const server = new PostgresTestServer(dir, bin, identity);
    live.add(server);
    if (live.size === 1) process.once('exit', onExit);
    try {
      server.run('initdb', ['-D', server.dataDir, '-U', POSTGRES_ROLE, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
      await server.start();
    } catch (error) {
      server.killNow();
      throw error;
    }
    return server;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  log(): string {
    return this.output;
  }

  /** A new, empty database; returns its SQLAlchemy URI (what `mlflow server --backend-store-uri` takes). */
  createDatabase(prefix = 'mlflow'): string {
    const name = `${prefix}_${++this.databases}`;
    this.run('createdb', ['-h', this.socketDir, '-p', String(SOCKET_PORT), '-U', POSTGRES_ROLE, name]);
    return `postgresql+psycopg2://${POSTGRES_ROLE}@/${name}?host=${encodeURIComponent(this.socketDir)}&port=${SOCKET_PORT}`;
  }

  /** Runs one SQL statement with psql and returns its unaligned, tuples-only output. */
  query(database: string, sql: string): string {
    return this.run('psql', ['-h', this.socketDir, '-p', String(SOCKET_PORT), '-U', POSTGRES_ROLE, '-d', database, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  }

  private run(tool: string, args: string[]): string {
    const result = spawnSync(join(this.bin, tool), args, { encoding: 'utf8', cwd: this.dir, ...this.identity, timeout: START_TIMEOUT_MS });
    if (result.status !== 0) {
      throw new Error(`${tool} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}${result.stdout}`);
    }
    return result.stdout;
  }

  private async start(): Promise<void> {
    const began = Date.now();
    const settings = {
      listen_addresses: '',
      unix_socket_directories: this.socketDir,
      port: String(SOCKET_PORT),
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      // MLflow with four workers, each with a connection pool (SQLAlchemy's default 5 + 10 overflow).
      max_connections: '200',
    };
    const args = ['-D', this.dataDir, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
    const proc = spawn(join(this.bin, 'postgres'), args, { cwd: this.dir, ...this.identity, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = proc;
    watchBackground(proc, (text) => {
      this.output = (this.output + text).slice(-LOG_LIMIT);
    });
    let exited: string | undefined;
    proc.once('error', (error) => (exited = `could not spawn postgres: ${error.message}`));
    proc.once('exit', (code, signal) => (exited = `postgres exited early (code ${code}, signal ${signal})`));
    for (;;) {
      const ready = spawnSync(join(this.bin, 'pg_isready'), ['-q', '-h', this.socketDir, '-p', String(SOCKET_PORT)], { timeout: 5000 });
      if (ready.status === 0) break;
      if (exited !== undefined) throw new Error(`${exited}\n--- server output ---\n${this.output}`);
      if (Date.now() - began > START_TIMEOUT_MS) throw new Error(`postgres did not accept connections within ${START_TIMEOUT_MS / 1000} s\n--- server output ---\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    this.startupMs = Date.now() - began;
  }

  /** Stops the server (a fast shutdown, SIGKILL after 10 s) and deletes the cluster. */
  async stop(): Promise<void> {
    const proc = this.child;
    if (proc !== undefined && proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      this.signal('SIGINT'); // PostgreSQL's "fast" shutdown: roll back, disconnect, stop
      const timer = setTimeout(() => this.signal('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    this.killNow();
  }

  /** Kills what is left and deletes the directory, synchronously (exit handler). */
  killNow(): void {
    this.signal('SIGKILL');
    this.child = undefined;
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this);
    if (live.size === 0) process.removeListener('exit', onExit);
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.child?.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal);
    } catch {
      // The group is gone already.
    }
  }
}

const live = new Set<PostgresTestServer>();

function onExit(): void {
  for (const server of live) server.killNow();
}

let shared: Promise<PostgresTestServer> | undefined;

/** The shared cluster, started on first call. */
export function postgresServer(): Promise<PostgresTestServer> {
  shared ??= PostgresTestServer.launch();
  return shared;
}

/** Stops the shared cluster, if one was started. */
export async function stopPostgresServer(): Promise<void> {
  const server = shared;
  shared = undefined;
  if (server === undefined) return;
  await (await server.catch(() => undefined))?.stop();
}
