/** Runs a demo script under examples/demo as `npm run demo` does (ts-node, importing the built package). */
import { join, resolve } from 'node:path';
import { runProcess, type ProcessOutcome } from './run-process';

const ROOT = resolve(__dirname, '../..');

/** Runs `examples/demo/<script>` in `cwd` with exactly `env` (plus ts-node's project). */
export function runDemo(script: 'main.ts' | 'tfjs-iris.ts', cwd: string, env: NodeJS.ProcessEnv): Promise<ProcessOutcome> {
  return runProcess(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), join(ROOT, 'examples/demo', script)], {
    cwd, env: { ...env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.test.json') }, timeoutMs: 120_000,
  });
}
