import type { MlflowClient } from '../mlflow/mlflow-client';
import type { MlflowPage, MlflowRun } from '../mlflow/types';
import { createLimiter } from './limiter';

const SEARCH_CHUNK = 100;
const SEARCHES_IN_FLIGHT = 3;
const SEARCHABLE = /^[A-Za-z0-9_-]+$/;

/**
 * The runs with these ids, fetched in bulk where that works: the first id still wanted is read with
 * `runs/get`, then its experiment is searched once for all the others (`attributes.run_id IN (…)`, 100 ids a
 * request, three requests in flight, deleted runs included as `runs/get` would). Ids the searches do not find, or all the rest once ids
 * turn out scattered over experiments (a search found almost none), come out as strings for the caller to
 * `runs/get` one by one; so does an id whose `runs/get` failed, to report the failure there.
 */
export async function* runsById(client: MlflowClient, ids: readonly string[]): AsyncGenerator<MlflowRun | string> {
  let remaining = [...new Set(ids)];
  while (remaining.length > 0) {
    const id = remaining.shift() as string;
    let run: MlflowRun;
    try {
      run = await client.getRun(id);
    } catch {
      yield id;
      continue;
    }
    yield run;
    const wanted = remaining.filter((r) => SEARCHABLE.test(r));
    const found = new Set<string>();
    const limit = createLimiter(SEARCHES_IN_FLIGHT);
    const pages: Array<Promise<MlflowPage<MlflowRun>>> = [];
    for (let i = 0; i < wanted.length; i += SEARCH_CHUNK) {
      const filter = `attributes.run_id IN (${wanted.slice(i, i + SEARCH_CHUNK).map((r) => `'${r}'`).join(', ')})`;
      const page = limit(() => client.searchRunsPage({ experimentIds: [run.info.experimentId], filter, runViewType: 'ALL', maxResults: SEARCH_CHUNK }));
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
