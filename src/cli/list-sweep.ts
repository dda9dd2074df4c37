/** `training-bom list --sweep <parent run id>`: a hyper-parameter sweep's trials from MLflow, the best marked. */
import { MlflowError } from '../errors';
import { sweepSummary, type SweepSummary } from '../mlflow/sweep';
import { formatDuration } from './format-value';
import { cliClientOptions, mlflowStop, reportStop } from './mlflow-failure';
import { printable } from './printable';

function sweepText(s: SweepSummary): string {
  const best = s.best === null ? 'no finished trial has a finite value yet' : `best ${printable(s.best.runName)} (run ${s.best.runId}) = ${String(s.best.value)}`;
  const lines = [`Sweep ${printable(s.name)} (MLflow run ${s.parentRunId}): ${s.trials.length} trial${s.trials.length === 1 ? '' : 's'}, ranked by ${printable(s.metric)} (${s.goal}); ${best}`];
  const rows = s.trials.map((t) => [t.runId === s.best?.runId ? '*' : ' ', t.runId, printable(t.runName), t.status, t.value === null ? '-' : String(t.value), printable(t.bomId ?? '-')]);
  const header = [' ', 'run id', 'name', 'status', printable(s.metric), 'bom id'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) lines.push(`  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')}`);
  return `${lines.join('\n')}\n`;
}

/** Prints the sweep (text or `--json`); the exit code: 0, 1 when there is no such run or it is not a sweep, 2-4 as `from-mlflow` when MLflow fails. */
export async function listSweep(parentRunId: string, metric: string | undefined, json: boolean): Promise<number> {
  const began = Date.now();
  try {
    const summary = await sweepSummary(parentRunId, { clientOptions: cliClientOptions({}), ...(metric === undefined ? {} : { metric }) });
    process.stdout.write(json ? `${JSON.stringify(summary, null, 2)}\n` : sweepText(summary));
    return 0;
  } catch (error) {
    const stop = mlflowStop(error, undefined);
    if (stop !== undefined) {
      reportStop('list', stop, error, Date.now() - began);
      return stop.exitCode;
    }
    if (error instanceof MlflowError || (error instanceof Error && error.name === 'InvalidArgumentError')) {
      process.stderr.write(`training-bom list: ${printable(error.message)} (after ${formatDuration(Date.now() - began)})\n`);
      return 1;
    }
    throw error;
  }
}
