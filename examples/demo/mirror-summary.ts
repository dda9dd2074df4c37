// What the demos print about mirroring to MLflow, apart from the training's own time: how long close() took
// to deliver, or that delivery is pending (the journal kept for `training-bom recover`).
import type { CloseReport } from 'training-bom';

/** The tracking URI without credentials, for printing. */
function shown(uri: string): string {
  try {
    const url = new URL(uri);
    url.username = '';
    url.password = '';
    url.search = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return '(an unusable tracking URI)';
  }
}

/** Lines about the mirror, given what `tracker.close()` reported and how long it took. */
export function mirrorSummary(report: CloseReport, closeMs: number, runId: string | undefined, uri: string): string[] {
  const run = `MLflow run: ${runId ?? '(not created)'} (${shown(uri)})`;
  if (report.complete) return [`${run}: mirrored, the last of it sent in ${closeMs} ms after training`];
  const why = report.sinks.map((s) => s.lastError).find((e) => e !== undefined) ?? 'not everything was delivered';
  return [
    `${run}: mirroring pending after ${closeMs} ms: ${why}`,
    report.journalPath === undefined
      ? 'The points MLflow lacks were not journaled and are lost.'
      : `Kept in ${report.journalPath}; when MLflow is back, run: npx training-bom recover ${report.journalPath}`,
  ];
}
