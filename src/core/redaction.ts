/**
 * The one redaction policy for text: every string the SDK records or prints (dataset origins, parameter
 * and data-quality values, the command line, log lines, error messages, CLI output) goes through
 * {@link redactText}. Rules, each written here once (docs/reliability.md#secrets):
 * - `scheme://user:password@` becomes `scheme://***@`;
 * - the value of a query (or fragment) parameter whose name is on the secret list ({@link isSecretQueryName}:
 *   `X-Amz-Signature`, `X-Amz-Credential`, `X-Amz-Security-Token`, `X-Goog-Signature`, `X-Goog-Credential`,
 *   Azure SAS `sig`, `token`, `access_token`, `api_key`, `apikey`, `key`, `signature`, `password`…, any
 *   case, percent-encoded names too) becomes {@link REDACTED}; the name and every other parameter stay;
 * - the credential after `Bearer`, `Basic` (Base64 of `user:password`) or `Token` becomes {@link REDACTED}.
 * Every pattern is one pass whose repetitions cannot match the same text two ways, run by an `exec` loop:
 * linear in the text's length (test/unit/core/redaction.test.ts times hostile shapes).
 */
import { isSecretQueryName } from './secret-names';

/** What a redacted value becomes, in the BOM and in every sink (MLflow included), logs and errors. */
export const REDACTED = '***REDACTED***';

/** `://`, then user info up to the last `@` of the authority (a password may hold an unencoded `@`, `?` or `#`). */
const USERINFO = /:\/\/[^/\s"'<>`]*@/g;
/**
 * `name=value` after `?`, `&`, `#`, `;` or at the start: a query string, a fragment, `a=1;b=2` settings. A
 * value stops at the next delimiter, so a pair inside another's value (`--data=https://h/x?sig=…`) is seen.
 */
const PAIR = /(^|[?&#;])([^=&#;?/:\s"'<>]+)=([^&#;?\s"'<>]*)/g;
/** The same, percent-encoded once, as in a URL carried inside another URL's query (`?next=https%3A…%3Fsig%3D…`). */
const ENCODED_PAIR = /(%3[Ff]|%26|%23|%3[Bb])((?:[A-Za-z0-9_.~+-]|%(?!3[DdBbFf]|2[36])[0-9A-Fa-f]{2})+)%3[Dd]((?:[^%&#;?\s"'<>]|%(?!26|23|3[BbFf]))*)/g;
const AUTH = /\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/-]+=*)/gi;

function decodedName(name: string): string {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/**
 * `text` with each match of the global `pattern` replaced by `replace(match)`. A loop over `exec` rather than
 * `String.prototype.replace` with a function, which V8 makes superlinear in the number of matches (about 16×
 * the time for 4× the matches at a million of them).
 */
function replaceEach(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => string): string {
  let out = '';
  let done = -1;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const replacement = replace(m);
    if (replacement !== m[0]) {
      out += text.slice(Math.max(done, 0), m.index) + replacement;
      done = m.index + m[0].length;
    }
    if (m[0].length === 0) pattern.lastIndex++;
  }
  return done === -1 ? text : out + text.slice(done);
}

function isSecretValue(name: string, value: string): boolean {
  return value !== '' && value !== REDACTED && isSecretQueryName(decodedName(name));
}

const pair = ([match, delimiter, name, value]: RegExpExecArray): string =>
  isSecretValue(name, value) ? `${delimiter}${name}=${REDACTED}` : match;

const encodedPair = ([match, delimiter, name, value]: RegExpExecArray): string =>
  isSecretValue(name, value) ? `${delimiter}${name}%3D${REDACTED}` : match;

/** Whether `value` after an authorization scheme looks like that scheme's credential rather than a word. */
function isCredential(scheme: string, value: string): boolean {
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return value.length >= 6;
    case 'basic':
      return value.length % 4 === 0 && Buffer.from(value, 'base64').includes(0x3a);
    default:
      return value.length >= 16 && /[0-9]/.test(value) && /[A-Za-z]/.test(value);
  }
}

const auth = ([match, scheme, space, value]: RegExpExecArray): string =>
  isCredential(scheme, value) ? `${scheme}${space}${REDACTED}` : match;

/** `text` with every credential the policy knows replaced (see the module's rules); idempotent. */
export function redactText(text: string): string {
  let out = text;
  if (out.includes('://')) out = out.replace(USERINFO, '://***@');
  if (out.includes('=')) out = replaceEach(out, PAIR, pair);
  if (out.includes('%3')) out = replaceEach(out, ENCODED_PAIR, encodedPair);
  return replaceEach(out, AUTH, auth);
}

/** `text` with the user info of every URL removed (`https://token@host/x` → `https://host/x`), for URLs that name a place, like a git remote. */
export function withoutUserinfo(text: string): string {
  return text.includes('://') ? text.replace(USERINFO, '://') : text;
}

/** {@link redactText}, after replacing every occurrence of each known secret (a configured token or password). */
export function redactKnown(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join(REDACTED);
  return redactText(out);
}
