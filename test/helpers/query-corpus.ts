/** A corpus of BOMs for store queries: every condition kind, hostile names and values, and the reference order. */
import { TrainingBOM, type JsonDict } from '../../src';
import type { BomQuery } from '../../src/store/bom-query';
import { normalizeBomQuery } from '../../src/store/bom-query';
import { bomMatchesQuery, bomMetric } from '../../src/store/bom-query-match';
import { bomTimeMs } from '../../src/store/bom-time-ms';

/** Names MLflow's filter syntax cannot quote or hold: quotes, backticks, wildcards, unicode, over-long. */
export const HOSTILE_NAMES = [
  "it's", '"dq"', `both'"`, '`tick`', '100%', 'a_b', '%', '_', 'ünïcødé', '日本語', '🙂 emoji', 'x'.repeat(300), 'sp ace:/', '.', '..',
];

const ORIGINS = ['s3://bucket/train.csv', "file:///data/it's.csv", `both'"%_`, 'o'.repeat(9000), 'pkg:npm/iris@1'];
const TYPES = ['RandomForestClassifier', "it's a type", 'XGB', '%_'];
const DIGESTS = [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`, `sha256:${'0123456789abcdef'.repeat(4)}`];

/** The corpus: `n` BOMs, deterministic, with ids that sort differently by code unit, code point and collation. */
export function queryCorpus(n: number, prefix = 'q'): TrainingBOM[] {
  const boms: TrainingBOM[] = [];
  const idTails = ['a', 'B', 'é', '\uFF21', '😀', "'", '`', 'z'];
  for (let i = 0; i < n; i++) {
    const features = HOSTILE_NAMES.filter((_, j) => (i + j) % 3 === 0);
    const metrics: Record<string, number> = { loss: (i % 7) / 10 };
    if (i % 5 !== 4) metrics['accuracy'] = [0.9, 0.95, 0.5, -0, 1e-7, 0.9000001, 0.89][i % 7];
    if (i % 4 === 0) metrics[HOSTILE_NAMES[i % HOSTILE_NAMES.length]] = i;
    const start = i % 9 === 8 ? `not-a-date-${i}` : new Date(Date.UTC(2025, 0, 1) + (i % 6) * 3_600_000).toISOString();
    const additional: JsonDict = {};
    if (i % 3 !== 2) additional['dataset'] = { digest: DIGESTS[i % DIGESTS.length] };
    if (i % 4 === 1) additional['sweep'] = { parent_run_id: i % 8 === 1 ? 'f'.repeat(32) : "par'ent`" };
    boms.push(new TrainingBOM({
      id: `${prefix}-${idTails[i % idTails.length]}-${i}`,
      startTime: start, endTime: start,
      datasetInfo: { origin: ORIGINS[i % ORIGINS.length], size: 10 + i },
      featureInfo: { originalFeatures: features, selectedFeatures: features.slice(0, 1) },
      modelInfo: { type: TYPES[i % TYPES.length], architecture: i % 2 === 0 ? 'trees' : '`arch`' },
      mlflowParams: { lr: [0.1, 0.01, '0.1'][i % 3], depth: i % 4, flag: i % 2 === 0, [HOSTILE_NAMES[i % HOSTILE_NAMES.length]]: `v'${i % 2}"`, nested: { a: i % 2 } },
      mlflowMetrics: metrics,
      ...(Object.keys(additional).length === 0 ? {} : { additionalValues: additional }),
    }));
  }
  return boms;
}

/** Queries covering every condition kind, AND, both orders and metric orders. */
export function corpusQueries(): BomQuery[] {
  return [
    {},
    { dataset: DIGESTS[0] },
    { dataset: DIGESTS[1].slice('sha256:'.length).toUpperCase() },
    { dataset: ORIGINS[1] }, { dataset: ORIGINS[2] }, { dataset: ORIGINS[3] },
    ...HOSTILE_NAMES.map((f) => ({ features: [f] })),
    { features: [HOSTILE_NAMES[0], HOSTILE_NAMES[3]] },
    { features: ['never-used'] },
    { modelType: TYPES[1] }, { modelType: TYPES[3] }, { modelArchitecture: '`arch`' },
    { params: { lr: 0.1 } }, { params: { lr: '0.01' } }, { params: { flag: true, depth: 2 } }, { params: { nested: '{"a":1}' } },
    { params: { [HOSTILE_NAMES[2]]: `v'0"` } }, { params: { [HOSTILE_NAMES[11]]: `v'1"` } },
    { metrics: [{ key: 'accuracy', op: '>=', value: 0.9 }] },
    { metrics: [{ key: 'accuracy', op: '>', value: 0.9 }] },
    { metrics: [{ key: 'accuracy', op: '=', value: 0 }] },
    { metrics: [{ key: 'accuracy', op: '!=', value: 0.5 }] },
    { metrics: [{ key: 'accuracy', op: '<', value: 1e-6 }, { key: 'loss', op: '<=', value: 0.3 }] },
    { metrics: [{ key: HOSTILE_NAMES[0], op: '>=', value: 0 }] },
    { metrics: [{ key: 'accuracy', op: '>', value: -1 }] }, { metrics: [{ key: 'accuracy', op: '<', value: 1e21 }] },
    { metrics: [{ key: 'accuracy', op: '>=', value: 5e-324 }] }, { metrics: [{ key: 'accuracy', op: '<=', value: -0 }] },
    { metrics: [{ key: 'accuracy', op: '=', value: 0.9000001 }] }, { since: -8.64e15, until: 8.64e15 },
    { since: Date.UTC(2025, 0, 1, 2) }, { until: new Date(Date.UTC(2025, 0, 1, 3)) },
    { since: Date.UTC(2025, 0, 1, 1), until: Date.UTC(2025, 0, 1, 4), modelArchitecture: 'trees' },
    { sweep: 'f'.repeat(32) }, { sweep: "par'ent`" },
    { dataset: DIGESTS[0], modelType: TYPES[0], metrics: [{ key: 'accuracy', op: '>=', value: 0.9 }] },
    { orderBy: 'start_time', descending: true },
    { orderBy: 'metric:accuracy' }, { orderBy: 'metric:accuracy', descending: true },
    { orderBy: `metric:${HOSTILE_NAMES[0]}`, descending: true, features: [HOSTILE_NAMES[0]] },
    { orderBy: 'metric:no-bom-has-it' }, { orderBy: 'metric:no-bom-has-it', descending: true },
  ];
}

/** Ids compare by code point (UTF-8 byte order), as a SQLite index and `LC_ALL=C sort` compare them. */
const byId = (a: TrainingBOM, b: TrainingBOM): number => Buffer.compare(Buffer.from(a.id), Buffer.from(b.id));

/** The reference answer: the BOMs `bomMatchesQuery` keeps, by the sort key (those without it last, either way), then id ascending. */
export function expectedIds(corpus: readonly TrainingBOM[], query: BomQuery): string[] {
  const q = normalizeBomQuery(query);
  const key = (b: TrainingBOM): number | undefined => (q.orderMetric === undefined ? bomTimeMs(b.startTime) : bomMetric(b, q.orderMetric));
  return corpus.filter((b) => bomMatchesQuery(b, q)).sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) return ka === kb ? byId(a, b) : ka === undefined ? 1 : -1;
    return (q.descending ? kb - ka : ka - kb) || byId(a, b);
  }).map((b) => b.id);
}
