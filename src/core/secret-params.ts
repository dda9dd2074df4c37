import type { JsonValue } from './json-types';
import { safeDict } from './safe-dict';

/** What a redacted parameter value becomes, in the BOM and in every sink (MLflow included). */
export const REDACTED = '***REDACTED***';

/**
 * Parameter names that look secret, matched against the name in snake_case words (`apiKey` →
 * `_api_key_`): password, passwd, passphrase, pwd, secret, token, api key, access key, private key,
 * credential(s), auth, authorization, cookie. Tokenizer settings are not secrets: `max_tokens`,
 * `tokenizer`, `pad_token`/`eos_token` and friends, `token_ids`, `token_type`, `token_length` do not match.
 */
export const DEFAULT_SECRET_PARAM_PATTERN =
  /_(password|passwd|passphrase|pwd|secrets?|token|api_?key|access_?key|private_?key|credentials?|auth|authorization|cookie)_/;

const NOT_SECRET = /_(pad|eos|bos|unk|sep|cls|mask)_token|_token_(ids?|types?|len|length|limit|count|size)(?=_)/g;

function words(key: string): string {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[^a-z0-9]+/g, '_');
  return `_${snake}_`.replace(NOT_SECRET, '_');
}

/**
 * Which parameter names are secret: `undefined` for the default rule, a `RegExp` tested against the name
 * as given, a list of case-insensitive substrings, or `false` to redact nothing.
 */
export type SecretParamRule = RegExp | readonly string[] | false;

/** A name test from a {@link SecretParamRule}. */
export function secretKeyTest(rule: SecretParamRule | undefined): (key: string) => boolean {
  if (rule === false) return () => false;
  if (rule === undefined) return (key) => DEFAULT_SECRET_PARAM_PATTERN.test(words(key));
  if (rule instanceof RegExp) return (key) => { rule.lastIndex = 0; return rule.test(key); };
  const needles = rule.map((s) => s.toLowerCase());
  return (key) => needles.some((n) => key.toLowerCase().includes(n));
}

const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/\s?#@]*@/gi;
const AUTH_HEADER = /^\s*(bearer|basic|token)\s+\S+\s*$/i;

/**
 * Credentials kept out of a string: `user:password@` in URLs becomes `***@`, and a whole value that is an
 * HTTP authorization (`Bearer …`, `Basic …`) becomes {@link REDACTED}.
 */
function cleanString(value: string): string {
  if (AUTH_HEADER.test(value)) return REDACTED;
  return value.includes('@') ? value.replace(URL_USERINFO, '$1***@') : value;
}

function clean(value: JsonValue, isSecret: (key: string) => boolean, depth: number): JsonValue {
  if (typeof value === 'string') return cleanString(value);
  if (typeof value !== 'object' || value === null || depth > 128) return value;
  if (Array.isArray(value)) return value.map((v) => clean(v, isSecret, depth + 1));
  const out = safeDict() as Record<string, JsonValue>;
  for (const key of Object.keys(value)) {
    out[key] = isSecret(key) ? REDACTED : clean(value[key] as JsonValue, isSecret, depth + 1);
  }
  return out;
}

/**
 * A null-prototype copy of parameters with secrets removed, at any depth: the value of a secret-looking
 * name becomes {@link REDACTED}, and credentials in other strings are removed (see `cleanString`).
 */
export function redactSecretParams(params: Record<string, JsonValue>, isSecret: (key: string) => boolean): Record<string, JsonValue> {
  return clean(params, isSecret, 0) as Record<string, JsonValue>;
}
