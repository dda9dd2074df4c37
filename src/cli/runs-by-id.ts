import type { MlflowClient } from '../mlflow/client/mlflow-client';
import type { MlflowPage, MlflowRun } from '../mlflow/client/types';
import { createLimiter } from './limiter';
import { mlflowStop } from './mlflow-failure';

/**
 * Ids a search asks for: few in the first, so that building and writing start while the server answers the
 * next (it costs the server the same per run found, whatever the size); then 100.
 */
const FIRST_CHUNK = 25;
const SEARCH_CHUNK = 100;
/**
 * One search at a time, the next sent as soon as one answers: MLflow's server (one worker) answers
 * concurrent searches together, no sooner in all, so each later; measured on 1,000 runs (docs/benchmarks.md).
 */
const SEARCHES_IN_FLIGHT = 1;
const SEARCHABLE = /^[A-Za-z0-9_-]+$/;

/**
 * The runs with these ids, fetched in bulk where that works: the first id still wanted is read with
 * `runs/get`, then its experiment is searched once for all the others (`attributes.run_id IN (…)`, 25 ids in
 * the first request and 100 in each next, one request in flight, deleted runs included as `runs/get` would). Ids the searches do not find, or all the rest once ids
 * turn out scattered over experiments (a search found almost none), come out as strings for the caller to
 * `runs/get` one by one; so does an id whose `runs/get` failed for that run alone, to report the failure there
 * (a failure about the server is thrown: asking again would only repeat the wait).
 */
export async function* runsById(client: MlflowClient, ids: readonly string[]): AsyncGenerator<MlflowRun | string> {
  let remaining = [...new Set(ids)];
  while (remaining.length > 0) {
    const id = remaining.shift() as string;
    let run: MlflowRun;
    try {
      run = await client.getRun(id);
    } catch (error) {
      // A failure about the server (unreachable, wrong, credentials) would only repeat for the caller: stop here.
      if (mlflowStop(error, undefined) !== undefined) throw error;
      yield id;
      continue;
    }
    yield run;
    const wanted = remaining.filter((r) => SEARCHABLE.test(r));
    const found = new Set<string>();
    const limit = createLimiter(SEARCHES_IN_FLIGHT);
    const pages: Array<Promise<MlflowPage<MlflowRun>>> = [];
    for (let i = 0, size = FIRST_CHUNK; i < wanted.length; i += size, size = SEARCH_CHUNK) {
      const filter = `attributes.run_id IN (${wanted.slice(i, i + size).map((r) => `'${r}'`).join(', ')})`;
      const page = limit(() => client.searchRunsPage({ experimentIds: [run.info.experimentId], filter, runViewType: 'ALL', maxResults: size }));
      page.catch(() => undefined);   // awaited in order below; this only stops a later page's failure counting as unhandled
      pages.push(page);
    }
    for (const page of pages) {
      for (const hit of (await page).items) {
        found.add(hit.info.runId);
        yield hit;
      }
    }
    remaining = remaining.filter((r) => !found.has(r));
    if (found.size < 2) {
      yield* remaining;
      return;
    }
  }
}
