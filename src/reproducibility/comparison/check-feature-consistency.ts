import { InvalidArgumentError } from '../../errors';
import type { JsonValue } from '../../core/json-types';
import type { TrainingBOM } from '../../models/training-bom';
import type { DictComparison, FeatureListComparison } from './bom-comparison';
import { compareDicts } from './compare-dicts';
import { compareFeatureLists } from './compare-feature-lists';
import { factsOf } from './facts-of';
import type { CheckFeatureConsistencyOptions, DigestComparison, FeatureConsistencyReport, RunConsistency } from './feature-consistency';

const show = (value: JsonValue): string => JSON.stringify(value) ?? 'undefined'; // JSON.stringify gives undefined only for a missing value
const list = (names: readonly string[]): string => names.map((n) => JSON.stringify(n)).join(', ');

function digestOf(bom: TrainingBOM): string | null {
  const digest = factsOf(bom, 'dataset')?.['digest'];
  return typeof digest === 'string' ? digest : null;
}

function featureProblem(id: string, ref: string, f: FeatureListComparison): string | undefined {
  if (!f.changed) return undefined;
  const parts = [
    ...(f.added.length > 0 ? [`added ${list(f.added)}`] : []),
    ...(f.removed.length > 0 ? [`removed ${list(f.removed)}`] : []),
    ...(f.reordered ? [`order [${list(f.b)}] instead of [${list(f.a)}]`] : []),
  ];
  return `${id}: selected features differ from ${ref}: ${parts.length > 0 ? parts.join('; ') : `[${list(f.b)}] instead of [${list(f.a)}] (duplicates)`}`;
}

function paramNote(id: string, ref: string, p: DictComparison): string | undefined {
  const parts = [
    ...p.changed.map((c) => `${c.key} ${show(c.a)} -> ${show(c.b)}`),
    ...p.added.map((c) => `added ${c.key}=${show(c.value)}`),
    ...p.removed.map((c) => `removed ${c.key}`),
  ];
  return parts.length === 0 ? undefined : `${id}: params changed from ${ref}: ${parts.join(', ')}`;
}

/**
 * Checks that runs used the same features on the same data: every BOM is compared with the first (the
 * reference) for its selected features (same names in the same order), its dataset digest
 * (`additional_values.dataset.digest`, recorded by dataset inspection) and its parameters (which may
 * change between runs and are reported as notes). Returns a report with one line per problem.
 * @throws {@link InvalidArgumentError} when `boms` is empty.
 */
export function checkFeatureConsistency(boms: readonly TrainingBOM[], options: CheckFeatureConsistencyOptions = {}): FeatureConsistencyReport {
  const reference = boms[0];
  if (reference === undefined) throw new InvalidArgumentError('boms', 'needs at least one BOM');
  const refDigest = digestOf(reference);
  const problems: string[] = [];
  const notes: string[] = [];
  const runs = boms.slice(1).map((bom, i): RunConsistency => {
    const selectedFeatures = compareFeatureLists(reference.featureInfo.selectedFeatures, bom.featureInfo.selectedFeatures);
    const digest = digestOf(bom);
    const status = refDigest === null || digest === null ? 'unknown' : refDigest === digest ? 'same' : 'different';
    const datasetDigest: DigestComparison = { status, reference: refDigest, run: digest };
    const params = compareDicts(reference.mlflowParams, bom.mlflowParams);
    const featureIssue = featureProblem(bom.id, reference.id, selectedFeatures);
    if (featureIssue !== undefined) problems.push(featureIssue);
    if (status === 'different') problems.push(`${bom.id}: dataset digest ${digest as string} differs from ${reference.id}'s ${refDigest as string}`);
    if (status === 'unknown') {
      const line = `${bom.id}: dataset digest not comparable (${reference.id}: ${refDigest ?? 'none'}, ${bom.id}: ${digest ?? 'none'})`;
      (options.requireDigest === true ? problems : notes).push(line);
    }
    const paramLine = paramNote(bom.id, reference.id, params);
    if (paramLine !== undefined) notes.push(paramLine);
    const consistent = featureIssue === undefined && status !== 'different' && !(status === 'unknown' && options.requireDigest === true);
    return { id: bom.id, index: i + 1, selectedFeatures, datasetDigest, params, consistent };
  });
  return {
    consistent: runs.every((r) => r.consistent),
    reference: reference.id,
    selectedFeatures: reference.featureInfo.selectedFeatures.slice(),
    runs,
    problems,
    notes,
  };
}
