import type { MetricHistory } from '../tracker/metric-series';
import type { ReportRun } from '../report/report-run';
import { FileBomStore } from '../store/file-bom-store';
import { loadBom } from './load-bom';

type HistoryReader = { history?: (id: string) => Promise<MetricHistory[] | undefined> };

/**
 * A run to report on: the BOM `ref` names ({@link loadBom}) and, when the store holds one for its id, its
 * metric history.
 * @throws InputError when there is no such file or stored id; BomValidationError for an invalid BOM.
 */
export async function loadReportRun(ref: string, storeDir: string): Promise<ReportRun> {
  const { bom } = await loadBom(ref, storeDir);
  const store = new FileBomStore(storeDir) as FileBomStore & HistoryReader;
  const history = store.history === undefined ? undefined : await store.history(bom.id).catch(() => undefined);
  return history === undefined ? { bom } : { bom, history };
}
