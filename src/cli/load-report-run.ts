import { HistoryFormatError } from '../errors';
import type { ReportRun } from '../report/report-run';
import type { MetricHistory } from '../tracker/metric-series';
import { loadBom } from './load-bom';
import { historyBeside } from './load-history';
import { printable } from './printable';

/**
 * A run to report on: the BOM `ref` names ({@link loadBom}) and the metric history stored beside it
 * ({@link historyBeside}: the store's `history(id)` when the file is its id's store file, whether named by id
 * or by path). A corrupt history is reported on standard error and left out (the report then shows final
 * values only).
 * @throws InputError when there is no such file or stored id; BomValidationError for an invalid BOM.
 */
export async function loadReportRun(ref: string, storeDir: string): Promise<ReportRun> {
  const loaded = await loadBom(ref, storeDir);
  let history: MetricHistory[] | undefined;
  try {
    history = await historyBeside(loaded);
  } catch (error) {
    if (!(error instanceof HistoryFormatError)) throw error;
    process.stderr.write(`training-bom report: ${printable(ref)}: ${printable(error.message)}; the report shows final values only\n`);
  }
  return history === undefined ? { bom: loaded.bom } : { bom: loaded.bom, history };
}
