import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetAccessError } from '../../errors';
import { redactText } from '../../core/redaction';

/** Where a dataset origin points: a local path, or a remote URI recorded as given. */
export type ParsedOrigin =
  | { readonly local: true; readonly scheme: 'file'; readonly path: string }
  | { readonly local: false; readonly scheme: string };

/** `scheme://…` with a scheme of two or more characters (so `C:\data` stays a local path). */
const REMOTE = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//;

/**
 * Splits a dataset origin into a local path (plain paths, relative to the working directory, and
 * `file://` URIs) or a remote scheme (`s3`, `gs`, `https`…).
 * @throws {@link DatasetAccessError} (`invalid-origin`) for an empty origin or a `file://` URI naming another host.
 */
export function parseOrigin(origin: string): ParsedOrigin {
  if (typeof origin !== 'string' || origin === '') throw new DatasetAccessError(String(origin), 'invalid-origin', 'Dataset origin must be a non-empty string');
  const match = REMOTE.exec(origin);
  if (match === null) return { local: true, scheme: 'file', path: resolve(origin) };
  const scheme = match[1].toLowerCase();
  if (scheme !== 'file') return { local: false, scheme };
  try {
    return { local: true, scheme: 'file', path: fileURLToPath(origin) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const shown = redactText(origin);
    throw new DatasetAccessError(shown, 'invalid-origin', `Dataset origin '${shown}' is not a local file URI: ${why}`, { cause: error });
  }
}
