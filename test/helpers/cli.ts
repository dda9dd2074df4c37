import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The built CLI, as npm's bin link runs it. */
export const CLI = resolve(__dirname, '../../dist/cli/main.js');

/** What a spawned CLI process did. */
export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a separate process with `args` and optional standard input. */
export function cli(args: readonly string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, timeout: 20000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
