/** `training-bom evidence`: load the BOM with its attestation and history (file store or MLflow), assess it, print it. */
import type { AttestationStatus } from '../attestation/attestation-status';
import { attestationStatus } from '../attestation/attestation-status';
import { AttestationError, BomValidationError, HistoryFormatError, InvalidArgumentError, MlflowError } from '../errors';
import { assessEvidence } from '../governance/assess-evidence';
import { readMlflowEvidence } from '../governance/mlflow-evidence';
import type { TrainingBOM } from '../models/training-bom';
import type { MetricHistory } from '../tracker/metric-series';
import { findAttestation } from './bom-attestation';
import type { EvidenceOptions } from './evidence-command';
import { evidenceText } from './evidence-text';
import { readPublicKeys } from './from-mlflow-attestation';
import { loadBom } from './load-bom';
import { historyBeside } from './load-history';
import { cliClientOptions, mlflowStop, reportStop } from './mlflow-failure';
import { printable, printableJson } from './printable';
import { InputError } from './read-input';
import { storeDirectory } from './store-option';

/** Exit code when there is nothing to assess: a usage error, no such BOM, an invalid one, an unreadable key. */
const EXIT_CANNOT_ASSESS = 2;

interface Subject {
  readonly bom: TrainingBOM;
  readonly source: string;
  readonly attestation: AttestationStatus | undefined;
  readonly history: readonly MetricHistory[] | undefined;
}

async function fromFile(ref: string, options: EvidenceOptions, keys: readonly Buffer[]): Promise<Subject> {
  const loaded = await loadBom(ref, storeDirectory(options.store));
  let attestation: AttestationStatus | undefined;
  try {
    const found = await findAttestation(loaded.source, options.attestation);
    attestation = found === undefined ? undefined : await attestationStatus(loaded.bom, found.envelope, keys);
  } catch (error) {
    if (!(error instanceof AttestationError)) throw error;
    attestation = { signed: true, verified: false, signatureKeyids: [], problem: error.message };   // there, but not an envelope
  }
  return { ...loaded, attestation, history: await historyBeside(loaded) };
}

async function fromMlflow(ref: string, options: EvidenceOptions, keys: readonly Buffer[]): Promise<Subject | undefined> {
  const clientOptions = cliClientOptions({ trackingUri: options.trackingUri, retryFor: options.retryFor });
  const found = await readMlflowEvidence(ref, { clientOptions, keys, ...(options.experiment === undefined ? {} : { experimentName: options.experiment }) });
  if (found === undefined) return undefined;
  return { bom: found.bom, source: `MLflow run ${found.runId}`, attestation: found.attestation.signed ? found.attestation : undefined, history: found.history };
}

function cannot(ref: string, message: string): number {
  process.stderr.write(`training-bom evidence: ${printable(ref)}: ${printable(message)}\n`);
  return EXIT_CANNOT_ASSESS;
}

/** Runs the command; resolves with its exit code (docs/governance.md, "Exit codes"). */
export async function evidence(ref: string, options: EvidenceOptions): Promise<number> {
  const began = Date.now();
  let subject: Subject | undefined;
  try {
    const keys = await readPublicKeys(options.key ?? []);
    subject = options.mlflow ? await fromMlflow(ref, options, keys) : await fromFile(ref, options, keys);
  } catch (error) {
    if (options.mlflow) {
      const stop = mlflowStop(error, options.trackingUri);
      if (stop !== undefined) {
        reportStop('evidence', stop, error, Date.now() - began);
        return stop.exitCode;
      }
    }
    if (error instanceof BomValidationError) return cannot(ref, `not a valid BOM: ${error.issues.map((i) => `${i.path}: ${i.message}`).slice(0, 5).join('; ')}`);
    if (error instanceof InputError || error instanceof InvalidArgumentError || error instanceof MlflowError || error instanceof AttestationError || error instanceof HistoryFormatError) return cannot(ref, error.message);
    throw error;
  }
  if (subject === undefined) return cannot(ref, `no BOM with this id in MLflow experiment ${options.experiment ?? process.env.MLFLOW_EXPERIMENT_NAME ?? 'Default'}, and no run with this id`);
  const assessment = await assessEvidence(subject.bom, {
    framework: options.framework, strict: options.strict,
    ...(subject.attestation === undefined ? {} : { attestationStatus: subject.attestation }),
    ...(subject.history === undefined ? {} : { history: subject.history }),
  });
  // JSON.stringify escapes C0 controls in strings, so every raw line feed is layout: escape the rest line by line.
  const json = (): string => JSON.stringify({ source: subject.source, ...assessment }, null, 2).split('\n').map(printableJson).join('\n');
  process.stdout.write(options.json ? `${json()}\n` : evidenceText(assessment, subject.source));
  return assessment.passed ? 0 : 1;
}
