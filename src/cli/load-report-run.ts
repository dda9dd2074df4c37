import { HistoryFormatError } from '../errors';
import type { ReportAttestation, ReportRun } from '../report/report-run';
import { bomAttestation } from './bom-attestation';
import type { MetricHistory } from '../tracker/metric-series';
import { loadBom } from './load-bom';
import { historyBeside } from './load-history';
import { printable } from './printable';

/** The report's words for an attestation status (`show`'s check: found beside the BOM, verified with `keyFiles`). */
async function signatureOf(bom: ReportRun['bom'], source: string, keyFiles: readonly string[]): Promise<ReportAttestation> {
  const status = await bomAttestation(bom, source, undefined, keyFiles);
  const keyId = status.keyid ?? status.signatureKeyids[0];
  const known = keyId === undefined ? {} : { keyId };
  if (!status.signed) return { status: 'unsigned' };
  if (status.verified === true) return { status: 'verified', ...known };
  if (status.verified === false) return { status: 'invalid', ...known, ...(status.problem === undefined ? {} : { detail: status.problem }) };
  return { status: 'unverified', ...known, detail: 'signed; pass --key <pub.pem> to verify it' };
}

/**
 * A run to report on: the BOM `ref` names ({@link loadBom}), the metric history stored beside it
 * ({@link historyBeside}: the store's `history(id)` when the file is its id's store file, whether named by id
 * or by path) and its signature status (the attestation stored beside it, as `show` finds it, verified with
 * `keyFiles` when given). A corrupt history is reported on standard error and left out (the report then shows
 * final values only).
 * @throws InputError when there is no such file or stored id; BomValidationError for an invalid BOM.
 */
export async function loadReportRun(ref: string, storeDir: string, keyFiles: readonly string[] = []): Promise<ReportRun> {
  const loaded = await loadBom(ref, storeDir);
  let history: MetricHistory[] | undefined;
  try {
    history = await historyBeside(loaded);
  } catch (error) {
    if (!(error instanceof HistoryFormatError)) throw error;
    process.stderr.write(`training-bom report: ${printable(ref)}: ${printable(error.message)}; the report shows final values only\n`);
  }
  const attestation = await signatureOf(loaded.bom, loaded.source, keyFiles);
  return history === undefined ? { bom: loaded.bom, attestation } : { bom: loaded.bom, history, attestation };
}
