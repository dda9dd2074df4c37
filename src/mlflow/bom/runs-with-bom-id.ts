import type { MlflowClient } from '../client/mlflow-client';
import { tagEqualsFilter } from '../client/search-filter';
import type { MlflowRun } from '../client/types';
import { BOM_TAGS } from './conventions';

/**
 * The experiment's FINISHED runs tagged with exactly this BOM id (`training_bom.id`), newest first: a value
 * MLflow's filter syntax cannot quote is searched by pattern and compared here (search-filter.ts).
 */
export async function runsWithBomId(client: MlflowClient, experimentId: string, id: string): Promise<MlflowRun[]> {
  const { filter, exact } = tagEqualsFilter(BOM_TAGS.bomId, id);
  const request = { experimentIds: [experimentId], filter: `attributes.status = 'FINISHED' and ${filter}`, orderBy: ['attributes.start_time DESC'] };
  const runs: MlflowRun[] = [];
  for await (const run of client.searchRuns(request)) if (exact || run.tags[BOM_TAGS.bomId] === id) runs.push(run);
  return runs;
}
