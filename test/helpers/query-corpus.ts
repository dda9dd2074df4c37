/** A generated corpus of BOMs for the query tests, and the reference answer (filter + order) of a query. */
import { expect } from 'chai';
import { TrainingBOM, type BomQuery, type BomSummary } from '../../src';
import { bomMatchesQuery, bomMetric } from '../../src/store/bom-query-match';
import { normalizeBomQuery } from '../../src/store/bom-query';
import { bomTimeMs } from '../../src/store/bom-time-ms';

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

const byUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The ids `query` must return, in order, by the reference semantics (bomMatchesQuery; nulls last; ties by id). */
export function expectedIds(boms: readonly TrainingBOM[], query: BomQuery): string[] {
  const q = normalizeBomQuery(query);
  const key = (b: TrainingBOM): number | undefined => (q.orderMetric === undefined ? bomTimeMs(b.startTime) : bomMetric(b, q.orderMetric));
  return boms.filter((b) => bomMatchesQuery(b, q)).sort((a, b) => {
    const ka = key(a); const kb = key(b);
    if (ka === undefined || kb === undefined) return ka === kb ? byUnits(a.id, b.id) : ka === undefined ? 1 : -1;
    return (q.descending ? kb - ka : ka - kb) || byUnits(a.id, b.id);
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
