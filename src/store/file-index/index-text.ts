/**
 * How the file index keeps strings: as UTF-16BE blobs. The WASM SQLite binds and reads text up to the first
 * NUL, and BOM strings may hold NULs or lone surrogates; a blob keeps every code unit and
 * compares exactly. Ids are sorted by a second column, their code-point key (core/code-point-order.ts).
 */
export function blob(text: string): Uint8Array {
  return Buffer.from(text, 'utf16le').swap16();
}

/** The string of a blob written by {@link blob}; null stays undefined. */
export function unblob(value: unknown): string | undefined {
  if (!(value instanceof Uint8Array)) return undefined;
  return Buffer.from(value).swap16().toString('utf16le');
}

/** A TEXT or INTEGER column as a string ('' for anything else). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : '';
}
