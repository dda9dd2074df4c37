/**
 * How a BOM id becomes a file name in a {@link FileBomStore} (documented in docs/store.md): ids that name a
 * path are refused, and the rest are percent-encoded so that no id can leave the directory.
 */
import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../errors';

const KEEP = /[A-Za-z0-9_.-]/;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;
const MAX_ENCODED = 180;

/** Why `id` cannot be a store id, or undefined when it can. */
function refusal(id: unknown): string | undefined {
  if (typeof id !== 'string' || id === '') return 'must be a non-empty string';
  if (id.includes('/') || id.includes('\\')) return `must not contain a path separator: ${JSON.stringify(id)}`;
  if (id.includes('..')) return `must not contain "..": ${JSON.stringify(id)}`;
  if (/^[A-Za-z]:/.test(id)) return `must not look like a drive path: ${JSON.stringify(id)}`;
  if (id.includes('\0')) return 'must not contain a NUL character';
  if (!id.isWellFormed()) return 'must be well-formed Unicode (no lone surrogates)';
  return undefined;
}

function percent(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * The file name (`<encoded id>.json`) a BOM id is stored under. Letters, digits, `_`, `-` and `.` stay as
 * they are; every other character becomes its UTF-8 bytes as `%XX`, as does a leading `.` (no hidden files)
 * and the first letter of a Windows device name (`CON`, `NUL`, `COM1`…). An encoding longer than 180
 * characters is cut and given `~` and 16 hex digits of the id's SHA-256. Distinct ids give distinct names.
 * @throws InvalidArgumentError for an empty id, one containing `/`, `\`, `..` or NUL, or starting like `C:`.
 */
export function storeFileName(id: string): string {
  const reason = refusal(id);
  if (reason !== undefined) throw new InvalidArgumentError('id', reason);
  const chars = [...id];
  let encoded = chars.map((c, i) => (KEEP.test(c) && !(i === 0 && c === '.') ? c : percent(c))).join('');
  if (RESERVED.test(id.split('.')[0])) encoded = percent(encoded[0]) + encoded.slice(1);
  if (encoded.length > MAX_ENCODED) {
    let cut = encoded.slice(0, MAX_ENCODED - 17);
    cut = cut.replace(/%[0-9A-F]?$/, '');
    encoded = `${cut}~${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 16)}`;
  }
  return `${encoded}.json`;
}
