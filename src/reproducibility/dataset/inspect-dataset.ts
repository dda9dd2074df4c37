import { checkRemote } from './check-remote';
import { redactText } from '../../core/redaction';
import { parseOrigin } from './dataset-origin';
import type { DatasetInspection } from '../../models/dataset-inspection';
import type { InspectDatasetOptions } from './inspect-dataset-options';
import { inspectLocal } from './inspect-local';

/**
 * Inspects a dataset before training: for a local path or `file://` URI, checks it can be read and, in
 * one streaming pass per file, computes its SHA-256 digest and counts its rows (CSV and TSV with a header
 * and quoted newlines, JSON Lines; Parquet from the footer only), with byte size, format and modification
 * time. A remote origin (`s3://`, `gs://`, `https://`…) is recorded by scheme, without network access
 * unless `checkRemote` asks for a HEAD request to an `http(s)` origin.
 * @throws {@link DatasetAccessError} when the dataset is missing, unreadable, not a file or directory,
 *   or (with `checkRemote`) unreachable or answering an error status.
 */
export async function inspectDataset(origin: string, options: InspectDatasetOptions = {}): Promise<DatasetInspection> {
  const parsed = parseOrigin(origin);
  const shown = redactText(origin);
  if (parsed.local) return inspectLocal(origin, shown, parsed.path, options);
  const warnings: string[] = [];
  let http;
  if (options.checkRemote === true) {
    if (parsed.scheme === 'http' || parsed.scheme === 'https') http = await checkRemote(origin, shown, options.timeoutMs ?? 10_000);
    else warnings.push(`not checked: ${parsed.scheme}:// origins cannot be checked without that store's client`);
  }
  return Object.freeze({
    origin,
    scheme: parsed.scheme,
    kind: 'remote' as const,
    ...(http === undefined ? {} : { http: Object.freeze(http) }),
    ...(warnings.length === 0 ? {} : { warnings: Object.freeze(warnings) }),
  });
}
