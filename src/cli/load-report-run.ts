import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { HistoryFormatError } from '../errors';
import type { ReportRun } from '../report/report-run';
import { FileBomStore } from '../store/file-bom-store';
import { decodeMetricHistories } from '../store/history/decode-history';
import type { MetricHistory } from '../tracker/metric-series';
import { loadBom } from './load-bom';
import { printable } from './printable';

async function readIfThere(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/** The history file beside a BOM file (`run.json` → `run.history`, docs/history-format.md), when it belongs to that file's bytes. */
async function historyBeside(file: string, id: string): Promise<MetricHistory[] | undefined> {
  if (!file.endsWith('.json')) return undefined;
  const bytes = await readIfThere(`${file.slice(0, -'.json'.length)}.history`);
  if (bytes === undefined) return undefined;
  const decoded = decodeMetricHistories(bytes);
  const bom = await readIfThere(file);
  if (bom === undefined || decoded.bomId !== id || !createHash('sha256').update(bom).digest().equals(decoded.bomSha256)) return undefined;
  return decoded.histories;
}

/**
 * A run to report on: the BOM `ref` names ({@link loadBom}) and its metric history, from the store for an id,
 * from the `.history` file beside it for a BOM file. A corrupt history is reported on standard error and left
 * out (the report then shows final values only).
 * @throws InputError when there is no such file or stored id; BomValidationError for an invalid BOM.
 */
export async function loadReportRun(ref: string, storeDir: string): Promise<ReportRun> {
  const { bom, source } = await loadBom(ref, storeDir);
  let history: MetricHistory[] | undefined;
  try {
    if (ref === '-') history = undefined;
    else if (source === ref) history = await historyBeside(ref, bom.id);
    else history = await new FileBomStore(storeDir).history(bom.id);
  } catch (error) {
    if (!(error instanceof HistoryFormatError)) throw error;
    process.stderr.write(`training-bom report: ${printable(ref)}: ${printable(error.message)}; the report shows final values only\n`);
  }
  return history === undefined ? { bom } : { bom, history };
}
