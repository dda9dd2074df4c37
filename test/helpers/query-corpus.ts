/** A corpus of BOMs for store queries (both stores): every condition kind, hostile names and values, and the reference answer (filter + order). */
import { expect } from 'chai';
import { TrainingBOM, type BomQuery, type BomSummary, type JsonDict } from '../../src';
import { normalizeBomQuery } from '../../src/store/bom-query';
import { bomMatchesQuery, bomMetric } from '../../src/store/bom-query-match';
import { bomTimeMs } from '../../src/store/bom-time-ms';

/** Names MLflow's filter syntax cannot quote or hold: quotes, backticks, wildcards, unicode, over-long. */
export const HOSTILE_NAMES = [
  "it's", '"dq"', `both'"`, '`tick`', '100%', 'a_b', '%', '_', 'ünïcødé', '日本語', '🙂 emoji', 'x'.repeat(300), 'sp ace:/', '.', '..',
];

const ORIGINS = ['s3://bucket/train.csv', "file:///data/it's.csv", `both'"%_`, 'o'.repeat(9000), 'pkg:npm/iris@1'];
const TYPES = ['RandomForestClassifier', "it's a type", 'XGB', '%_'];
const MLQ_DIGESTS = [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`, `sha256:${'0123456789abcdef'.repeat(4)}`];

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
    if (i % 3 !== 2) additional['dataset'] = { digest: MLQ_DIGESTS[i % MLQ_DIGESTS.length] };
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
    { dataset: MLQ_DIGESTS[0] },
    { dataset: MLQ_DIGESTS[1].slice('sha256:'.length).toUpperCase() },
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
    { dataset: MLQ_DIGESTS[0], modelType: TYPES[0], metrics: [{ key: 'accuracy', op: '>=', value: 0.9 }] },
    { orderBy: 'start_time', descending: true },
    { orderBy: 'metric:accuracy' }, { orderBy: 'metric:accuracy', descending: true },
    { orderBy: `metric:${HOSTILE_NAMES[0]}`, descending: true, features: [HOSTILE_NAMES[0]] },
    { orderBy: 'metric:no-bom-has-it' }, { orderBy: 'metric:no-bom-has-it', descending: true },
  ];
}

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DIGESTS = ['a', 'b', 'c'].map((c) => `sha256:${c.repeat(64)}`);
/** Strings that SQL LIKE, quoting or a NUL-terminated binding would get wrong. */
export const NASTY = ["it's", 'say "hi"', '100%', 'a_b', 'ab', 'é', 'e\u0301', '😀', 'x\u0000y', 'x', '\uffff', '𝒳'];

/** `count` BOMs covering every condition kind, with ties in start time and metric values. */
export function corpus(count: number, seed = 7): TrainingBOM[] {
  const r = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(r() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    const features = NASTY.filter(() => r() < 0.3);
    const digest = r() < 0.8 ? pick(DIGESTS) : undefined;
    const sweep = r() < 0.4 ? pick(['p1', "p'2", 'p%3']) : undefined;
    const metrics: Record<string, number> = {};
    if (r() < 0.85) metrics.accuracy = pick([0.5, 0.8, 0.9, 0.9, 0.95, 1, -0]);
    if (r() < 0.5) metrics[pick(NASTY)] = Math.round(r() * 10);
    const start = pick(['2024-09-01T10:00:00Z', '2024-09-02T10:00:00.000Z', '2024-09-03T00:00:00', '1725300000000', 'yesterday', `2024-09-0${1 + (i % 9)}T12:00:00Z`]);
    const id = i % 11 === 0 ? `${pick(NASTY.filter((s) => !s.includes('\u0000')))}-${i}` : `run-${String(i).padStart(3, '0')}`;
    return new TrainingBOM({
      id, startTime: start, endTime: start,
      datasetInfo: { origin: pick(['iris', "it's", '100%', 'a_b', 'é']), size: i },
      featureInfo: { originalFeatures: features, selectedFeatures: r() < 0.5 ? [pick(NASTY)] : [] },
      modelInfo: { type: pick(['RF', 'MLP', 'r%f']), architecture: pick(['trees', 'dense']) },
      mlflowParams: { seed: i % 3, lr: pick([0.1, '0.1', true, 'true', { a: 1 }]), [pick(NASTY)]: pick(['v', 'w']) },
      mlflowMetrics: metrics,
      additionalValues: { ...(digest === undefined ? {} : { dataset: { digest } }), ...(sweep === undefined ? {} : { sweep: { parent_run_id: sweep } }) },
    });
  });
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

/** Every id of every page of `query`, following the tokens. */
export async function allPages(run: (q: BomQuery) => Promise<{ items: BomSummary[]; nextPageToken?: string }>, query: BomQuery): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await run({ ...query, ...(token === undefined ? {} : { pageToken: token }) });
    expect(page.items.length).to.be.at.most(query.limit ?? 1000);
    ids.push(...page.items.map((s) => s.id));
    if (page.nextPageToken === undefined) return ids;
    expect(page.items.length).to.equal(query.limit ?? 1000);
    token = page.nextPageToken;
  }
  throw new Error('more than 1000 pages');
}
