import type { JsonValue } from '../../core/json-types';
import type { TrainingBOM } from '../../models/training-bom';
import type { BomComparison, CompareBomsOptions, FieldChange, KeyedValue, MetricChange, MetricComparison } from './bom-comparison';
import { compareDicts } from './compare-dicts';
import { compareFeatureLists } from './compare-feature-lists';
import { factsOf, flattenFacts } from './facts-of';
import { jsonEqual } from './json-equal';

/** Environment paths compared by default: what decides how the code ran, not which machine ran it. */
const SOFTWARE = ['producer', 'node', 'v8', 'os.platform', 'os.arch', 'git', 'lockfile', 'packages'];

function isSoftware(path: string): boolean {
  return SOFTWARE.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));
}

function fieldChanges(fields: ReadonlyArray<readonly [string, JsonValue | undefined, JsonValue | undefined]>): FieldChange[] {
  return fields.filter(([, a, b]) => !jsonEqual(a ?? null, b ?? null)).map(([field, a, b]) => ({ field, a: a ?? null, b: b ?? null }));
}

function environmentChanges(a: TrainingBOM, b: TrainingBOM, which: CompareBomsOptions['environment']): FieldChange[] {
  if (which === 'none') return [];
  const left = flattenFacts(factsOf(a, 'environment'));
  const right = flattenFacts(factsOf(b, 'environment'));
  const paths = [...new Set([...left.keys(), ...right.keys()])].filter((p) => which === 'all' || isSoftware(p));
  return fieldChanges(paths.map((p) => [p, left.get(p), right.get(p)] as const));
}

function metricChanges(a: TrainingBOM, b: TrainingBOM): MetricComparison {
  const dict = compareDicts(a.mlflowMetrics, b.mlflowMetrics);
  const changed = dict.changed.map((c): MetricChange => {
    const finite = typeof c.a === 'number' && typeof c.b === 'number' && Number.isFinite(c.a) && Number.isFinite(c.b);
    const delta = finite ? c.b - c.a : null;
    const relativeDelta = delta === null || c.a === 0 ? null : delta / Math.abs(c.a as number);
    return { key: c.key, a: c.a, b: c.b, delta, relativeDelta };
  });
  return { added: dict.added, removed: dict.removed, changed };
}

function datasetChanges(a: TrainingBOM, b: TrainingBOM): FieldChange[] {
  const da = factsOf(a, 'dataset') ?? {};
  const db = factsOf(b, 'dataset') ?? {};
  return fieldChanges([
    ['origin', a.datasetInfo.origin, b.datasetInfo.origin],
    ['size', a.datasetInfo.size, b.datasetInfo.size],
    ...(['digest', 'bytes', 'format'] as const).map((f) => [f, da[f], db[f]] as const),
  ]);
}

const anyOf = (...lists: ReadonlyArray<readonly unknown[]>): boolean => lists.some((l) => l.length > 0);
const dictDiffers = (d: { added: readonly KeyedValue[]; removed: readonly KeyedValue[]; changed: readonly unknown[] }): boolean =>
  anyOf(d.added, d.removed, d.changed);

/**
 * What differs between two training BOMs: parameters added, removed and changed; metric deltas; feature
 * lists (added, removed, reordered); dataset origin, size and digest; model; seeds; data quality; and the
 * software environment. Ids and timestamps are not compared. Used by the CLI's `diff`.
 */
export function compareBoms(a: TrainingBOM, b: TrainingBOM, options: CompareBomsOptions = {}): BomComparison {
  const params = compareDicts(a.mlflowParams, b.mlflowParams);
  const metrics = metricChanges(a, b);
  const features = {
    original: compareFeatureLists(a.featureInfo.originalFeatures, b.featureInfo.originalFeatures),
    selected: compareFeatureLists(a.featureInfo.selectedFeatures, b.featureInfo.selectedFeatures),
  };
  const dataset = datasetChanges(a, b);
  const model = fieldChanges([
    ['type', a.modelInfo.type, b.modelInfo.type],
    ['architecture', a.modelInfo.architecture, b.modelInfo.architecture],
  ]);
  const seeds = compareDicts(factsOf(a, 'seeds'), factsOf(b, 'seeds'));
  const dataQuality = compareDicts(factsOf(a, 'data_quality'), factsOf(b, 'data_quality'));
  const environment = environmentChanges(a, b, options.environment ?? 'software');
  const differs =
    dictDiffers(params) || dictDiffers(metrics) || features.original.changed || features.selected.changed ||
    anyOf(dataset, model, environment) || dictDiffers(seeds) || dictDiffers(dataQuality);
  return { differs, ids: { a: a.id, b: b.id }, params, metrics, features, dataset, model, seeds, dataQuality, environment };
}
