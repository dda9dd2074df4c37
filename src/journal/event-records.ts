/**
 * Run events as journal records and back: the journal stores each event the tracker publishes as one
 * JSON record (journal-record.ts keeps the on-disk names), and replay turns the records back into the
 * same events for the tracker's reducer.
 */
import type { JsonDict, JsonValue } from '../core/json-types';
import { toIsoUtc } from '../core/clock';
import { DatasetInfo } from '../models/dataset-info';
import type { DatasetInspection } from '../models/dataset-inspection';
import type { EnvironmentInfo } from '../models/environment-info';
import { FeatureInfo } from '../models/feature-info';
import { ModelInfo } from '../models/model-info';
import { TrainingBOM } from '../models/training-bom';
import type { RunEvent } from '../events/run-event';
import { distributedReportOf } from '../models/distributed-run';
import { BomValidationError } from '../errors';
import type { ModelArtifact } from '../models/model-artifact';
import { IssueCollector } from '../validation/locators';
import { MODEL_ARTIFACTS } from '../validation/model-artifact-checks';
import type { JournalRecord } from './journal-record';

/** A record's artifacts, checked as the BOM's are (a journal is a file anyone may have edited). */
function artifactsOfRecord(value: unknown): ModelArtifact[] {
  const out = new IssueCollector();
  MODEL_ARTIFACTS(value, 'artifacts', out);
  const issues = out.done();
  if (issues.length > 0) throw new BomValidationError(issues, 'Invalid artifact record in the journal');
  return (value as ModelArtifact[]).map((a) => Object.freeze({ name: a.name, digest: a.digest, bytes: a.bytes }));
}

/** A record's sweep parent, checked as `registerSweep` checks it. */
function sweepParentOf(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new BomValidationError([{ path: 'sweep.parent_run_id', message: 'must be a non-empty string' }], 'Invalid sweep record in the journal');
  return value;
}

/** The record of an event. */
export function recordOf(event: RunEvent): JournalRecord {
  switch (event.type) {
    case 'start':
      return { type: 'start', id: event.id, start_ms: event.startTimeMs };
    case 'environment':
      return { type: 'environment', environment: event.environment as unknown as JsonValue };
    case 'dataset':
      return { type: 'dataset', dataset: { origin: event.dataset.origin, size: event.dataset.size }, inspection: (event.inspection ?? null) as JsonValue, size_given: event.sizeGiven };
    case 'features':
      return { type: 'features', original: event.features.originalFeatures, selected: event.features.selectedFeatures };
    case 'model':
      return { type: 'model', model_type: event.model.type, architecture: event.model.architecture };
    case 'params':
      return { type: 'params', params: event.params };
    case 'seed':
      return { type: 'seed', name: event.name, value: event.value };
    case 'data_quality':
      return { type: 'quality', key: event.key, value: event.value };
    case 'ranks':
      return { type: 'ranks', report: event.report as unknown as JsonDict };
    case 'sweep':
      return { type: 'sweep', parent_run_id: event.parentRunId };
    case 'artifact':
      return { type: 'artifact', artifacts: event.artifacts.map((a) => ({ name: a.name, digest: a.digest, bytes: a.bytes })) };
    case 'finalize':
      return { type: 'finalize', bom: event.bom.toJSON() as JsonDict };
  }
}

/**
 * The event a record holds; undefined for the journal's own records (header, resume, key, sink, ack).
 * @throws {@link BomValidationError} when a section record does not hold a valid section.
 */
export function eventOf(record: JournalRecord): RunEvent | undefined {
  switch (record.type) {
    case 'start':
      return { type: 'start', id: record.id, startTimeMs: record.start_ms, startTime: toIsoUtc(record.start_ms) };
    case 'environment':
      return { type: 'environment', environment: record.environment as unknown as EnvironmentInfo };
    case 'dataset': {
      const inspection = record.inspection === null ? undefined : (record.inspection as unknown as DatasetInspection);
      const dataset = new DatasetInfo({ origin: record.dataset['origin'] as string, size: record.dataset['size'] as number });
      return { type: 'dataset', dataset, inspection, sizeGiven: record.size_given };
    }
    case 'features':
      return { type: 'features', features: new FeatureInfo({ originalFeatures: [...record.original], selectedFeatures: [...record.selected] }) };
    case 'model':
      return { type: 'model', model: new ModelInfo({ type: record.model_type, architecture: record.architecture }) };
    case 'params':
      return { type: 'params', params: record.params };
    case 'seed':
      return { type: 'seed', name: record.name, value: record.value };
    case 'quality':
      return { type: 'data_quality', key: record.key, value: record.value };
    case 'ranks':
      return { type: 'ranks', report: distributedReportOf(record.report, 'ranks.report') };
    case 'sweep':
      return { type: 'sweep', parentRunId: sweepParentOf(record.parent_run_id) };
    case 'artifact':
      return { type: 'artifact', artifacts: artifactsOfRecord(record.artifacts) };
    case 'finalize':
      return { type: 'finalize', bom: TrainingBOM.parse(record.bom) };
    default:
      return undefined;
  }
}
