import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { JournalError } from '../errors';
import { readJournal } from '../journal/read-journal';
import { MlflowRunSink } from '../mlflow/sink/mlflow-run-sink';
import { FileBomStore } from '../store/file-bom-store';
import type { Logger } from '../core/logger';
import { TrainingWorkflowTracker } from '../tracker/training-workflow-tracker';
import type { TrackerSink } from '../events/tracker-sink';
import { printable } from './printable';
import type { RecoverOptions } from './recover-command';
import { storeDirectory } from './store-option';
import { cliClientOptions } from './mlflow-failure';
import { deliverAttestation } from './recover-attestation';

/** What recovering one journal gave, as `--json` prints it. */
interface Outcome {
  journal: string;
  id?: string;
  bom?: string;
  recovered?: boolean;
  points?: number;
  mlflow?: { run_id: string | null; complete: boolean; undelivered_points: number; undelivered: readonly string[]; error?: string; attestation_uploaded?: boolean };
  /** A rank of a distributed run that does not own it: its share was delivered, and it has no BOM of its own. */
  rank_delivered?: boolean;
  attestation?: string;
  journal_kept: boolean;
  warnings: string[];
  problems: string[];
}

function journalsIn(store: string): string[] {
  const dir = join(store, 'journals');
  try {
    return readdirSync(dir).filter((f) => /\.journal(\.\d+)?$/.test(f)).sort().map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Recovers each journal in turn; the exit code: 0 all stored and delivered, 1 otherwise. */
export async function recoverJournals(paths: readonly string[], options: RecoverOptions): Promise<number> {
  const store = storeDirectory(options.store);
  const journals = paths.length > 0 ? paths : journalsIn(store);
  if (journals.length === 0) {
    if (options.json !== true) process.stderr.write(`training-bom: no journals in ${printable(join(store, 'journals'))}: nothing to recover\n`);
    return 0;
  }
  let failed = false;
  const signKey = options.signKey === undefined ? undefined : readFileSync(options.signKey);
  for (const journal of journals) {
    const outcome = await recoverOne(journal, options, new FileBomStore(options.out ?? store), signKey);
    failed ||= outcome.problems.length > 0 || (outcome.journal_kept && options.keepJournal !== true);
    process.stdout.write(options.json === true ? `${JSON.stringify(outcome)}\n` : describe(outcome));
  }
  return failed ? 1 : 0;
}

async function recoverOne(journal: string, options: RecoverOptions, store: FileBomStore, signKey: Buffer | undefined): Promise<Outcome> {
  const outcome: Outcome = { journal, journal_kept: true, warnings: [], problems: [] };
  const logger: Logger = { info: () => undefined, warn: (m) => outcome.warnings.push(m) };
  let sink: MlflowRunSink | undefined;
  try {
    const mirrored = [...readJournal(journal).sinks].find(([name]) => name === 'MlflowRunSink#0')?.[1].state;
    const uri = process.env.MLFLOW_TRACKING_URI;
    const where = typeof mirrored?.['tracking_uri'] === 'string' ? ` (${mirrored['tracking_uri']})` : '';
    if (options.mlflow && mirrored !== undefined && (uri === undefined || uri === '')) outcome.problems.push(`the run was mirrored to MLflow${where}: set MLFLOW_TRACKING_URI to send MLflow what it lacks, or pass --no-mlflow`);
    else if (options.mlflow && mirrored !== undefined) {
      const experimentName = typeof mirrored['experiment_name'] === 'string' ? mirrored['experiment_name'] : undefined;
      // A short grace on first contact, a line per retry; --retry-for waits that long for MLflow instead.
      const wait = options.retryFor === undefined ? {} : { closeTimeoutMillis: options.retryFor * 1000 };
      sink = new MlflowRunSink({ onError: () => undefined, clientOptions: cliClientOptions({ retryFor: options.retryFor }), ...wait, ...(experimentName === undefined ? {} : { experimentName }) });
    }
    const sinks: TrackerSink[] = sink === undefined ? [] : [sink];
    const sign = signKey === undefined ? {} : { sign: { key: signKey, ...(options.passphraseEnv === undefined ? {} : { passphraseEnv: options.passphraseEnv }) } };
    const result = await TrainingWorkflowTracker.recover(journal, { sinks, logger, captureEnvironment: false, anomalies: false, ...sign });
    if (result.signingError !== undefined) outcome.problems.push(`not signed: ${result.signingError.message}`);
    outcome.recovered = result.recovered;
    outcome.points = result.points;
    const report = result.delivery.sinks[0];
    if (sink !== undefined && report !== undefined) {
      outcome.mlflow = { run_id: sink.runId ?? null, complete: report.complete, undelivered_points: report.undeliveredPoints, undelivered: report.undelivered, ...(report.lastError === undefined ? {} : { error: report.lastError }) };
      if (!report.complete) outcome.problems.push(`MLflow: ${report.undeliveredPoints} points and ${report.undelivered.join(', ') || 'nothing else'} not delivered${report.lastError === undefined ? '' : `: ${report.lastError}`}`);
    }
    if (result.bom === undefined && report?.contributionEnded === true) {
      // A rank that does not own its distributed run: it never has a BOM; the owner's BOM counts it as recovered.
      outcome.id = result.id;
      outcome.rank_delivered = true;
      if (outcome.problems.length === 0 && options.keepJournal !== true) {
        rmSync(journal, { force: true });
        outcome.journal_kept = false;
      }
      return outcome;
    }
    if (result.bom === undefined) {
      for (const issue of result.issues) outcome.problems.push(`no BOM: ${issue.path}: ${issue.message}`);
      return outcome;
    }
    outcome.id = result.bom.id;
    outcome.bom = await store.put(result.bom, { history: result.history, attestation: result.attestation });
    if (result.attestation !== undefined) {
      outcome.attestation = store.attestationPathOf(result.bom.id);
      if (mirrored !== undefined) await deliverAttestation(outcome, result.attestation, { sink, recovered: result.recovered, journalRunId: mirrored['run_id'], retryFor: options.retryFor, notContacted: options.mlflow ? 'MLFLOW_TRACKING_URI is not set' : '--no-mlflow' });
    }
    if (outcome.problems.length === 0 && options.keepJournal !== true) {
      rmSync(journal, { force: true });
      outcome.journal_kept = false;
    }
  } catch (error) {
    if (!(error instanceof JournalError) && !(error instanceof Error && 'code' in error)) throw error;
    outcome.problems.push(error.message);
  }
  return outcome;
}

function describe(o: Outcome): string {
  const what = o.rank_delivered === true ? 'recovered rank of distributed run' : o.recovered === true ? 'recovered' : 'finalized before the crash:';
  const lines = [`${printable(o.journal)}: ${o.id === undefined ? 'not recovered' : `${what} ${printable(o.id)}, ${o.points ?? 0} points`}`];
  if (o.bom !== undefined) lines.push(`  BOM: ${printable(o.bom)}`);
  if (o.attestation !== undefined) lines.push(`  attestation: ${printable(o.attestation)}`);
  if (o.mlflow !== undefined) lines.push(`  MLflow run ${printable(o.mlflow.run_id ?? '(not created)')}: ${o.mlflow.complete ? 'everything delivered' : `${o.mlflow.undelivered_points} points not delivered`}`);
  if (o.mlflow?.attestation_uploaded === true) lines.push(`  attestation uploaded to MLflow run ${printable(o.mlflow.run_id ?? '?')}`);
  for (const w of o.warnings) lines.push(`  warning: ${printable(w)}`);
  for (const p of o.problems) lines.push(`  problem: ${printable(p)}`);
  lines.push(`  journal ${o.journal_kept ? 'kept' : 'deleted'}`);
  return `${lines.join('\n')}\n`;
}
