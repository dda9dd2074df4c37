/**
 * Runs a command to completion without blocking the event loop (spawnSync would stop this process from
 * draining the shared MLflow server's output pipes while the command talks to that server).
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** How a process ended and what it printed. */
export interface ProcessOutcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command args` in `cwd` with exactly `env`; killed after `timeoutMs`. */
export function runProcess(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ProcessOutcome> {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', fail);
    child.once('close', (status) => ok({ status, stdout, stderr }));
  });
}

/** `process.env` without the developer's own `MLFLOW_*` variables. */
export function envWithoutMlflow(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('MLFLOW_')));
}

/**
 * Watches a long-lived background process (a test server): every chunk of its stdout and stderr goes to
 * `onText` as text, and neither the process nor its pipes keep this one alive (whoever started it stops it).
 */
export function watchBackground(proc: ChildProcess, onText: (text: string) => void): void {
  const capture = (chunk: Buffer): void => onText(chunk.toString('utf8'));
  proc.stdout?.on('data', capture);
  proc.stderr?.on('data', capture);
  proc.unref();
  (proc.stdout as unknown as { unref?: () => void } | null)?.unref?.();
  (proc.stderr as unknown as { unref?: () => void } | null)?.unref?.();
}
