/**
 * The one list of names whose values are secrets: parameter and data-quality keys, command-line options
 * and URL query parameters are all tested against it (docs/reliability.md#secrets has the list in words).
 * Names are compared as snake_case words (`apiKey` and `API-KEY` are `_api_key_`), so the list says whole
 * words and a look-alike (`keyboard`, `monkey`, `author`) is not a secret.
 */

/**
 * Parameter names that look secret, matched against the name in snake_case words (`apiKey` → `_api_key_`):
 * any word containing password, passwd or passphrase; pwd, secret(s), token (also accesstoken, authtoken,
 * refreshtoken, sessiontoken, idtoken), api key, access key, private key, secret key, credential(s),
 * auth, authorization, cookie. Tokenizer settings are not secrets: `max_tokens`, `tokenizer`,
 * `pad_token`/`eos_token` and friends, `token_ids`, `token_type`, `token_length` do not match.
 */
export const DEFAULT_SECRET_PARAM_PATTERN =
  /_(?:[a-z0-9]*(?:password|passwd|passphrase)[a-z0-9]*|pwd|secrets?|(?:access|auth|refresh|session|id)?token|api_?key|access_?key|private_?key|secret_?key|credentials?|auth|authorization|cookie)_/;

/**
 * Words that are credentials in a URL's query string only (`?key=`, Azure SAS `sig=`, `X-Amz-Signature=`,
 * `X-Goog-Signature=`), not in parameter names, where `signature` is a model's and `rng_key` a seed.
 */
const QUERY_ONLY = /_(?:sig|signature|key)_/;

const NOT_SECRET = /_(?:pad|eos|bos|unk|sep|cls|mask)_token|_token_(?:ids?|types?|len|length|limit|count|size)(?=_)/g;

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * `name` as `_snake_case_words_` (`apiKey`, `API-KEY`, `AWSAccessKeyId` → `_api_key_`, `_api_key_`,
 * `_aws_access_key_id_`), tokenizer look-alikes removed: one pass over the characters (a chain of regex
 * replaces cost microseconds a name), linear in the name's length.
 */
function words(name: string): string {
  const out: string[] = ['_'];   // joined once: `+=` one character at a time is superlinear on long names
  let open = false;   // the last character written is a letter or digit
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (isUpper(c)) {
      const before = name.charCodeAt(i - 1);
      // a word starts at `aB`, `2B` and the `B` of `ABc` (`AWSAccess` → `aws_access`)
      if (isLower(before) || isDigit(before) || (isUpper(before) && isLower(name.charCodeAt(i + 1)))) out.push('_');
      out.push(String.fromCharCode(c + 32));
      open = true;
    } else if (isLower(c) || isDigit(c)) {
      out.push(name[i]);
      open = true;
    } else if (open) {
      out.push('_');
      open = false;
    }
  }
  if (open) out.push('_');
  const snake = out.join('');
  return snake.includes('token') ? snake.replace(NOT_SECRET, '_') : snake;
}

/**
 * Which parameter names are secret: `undefined` for the default rule, a `RegExp` tested against the name
 * as given, a list of case-insensitive substrings, or `false` to redact nothing.
 */
export type SecretParamRule = RegExp | readonly string[] | false;

/** A name test from a {@link SecretParamRule} (`false` gives a test that is always false). */
export function secretKeyTest(rule: SecretParamRule | undefined): (key: string) => boolean {
  if (rule === false) return () => false;
  if (rule === undefined) return isSecretName;
  if (rule instanceof RegExp) {
    return (key) => {
      rule.lastIndex = 0;
      return rule.test(key);
    };
  }
  const needles = rule.map((s) => s.toLowerCase());
  return (key) => needles.some((n) => key.toLowerCase().includes(n));
}

/** The name test of a rule, or undefined for `false` (redaction off altogether). */
export function redactionTest(rule: SecretParamRule | undefined): ((key: string) => boolean) | undefined {
  return rule === false ? undefined : secretKeyTest(rule);
}

/** Whether a parameter, data-quality key or command-line option name is on the default list. */
export function isSecretName(name: string): boolean {
  return DEFAULT_SECRET_PARAM_PATTERN.test(words(name));
}

/** Whether a URL query parameter (already percent-decoded) carries a credential: the list, plus `key`, `sig` and `signature`. */
export function isSecretQueryName(name: string): boolean {
  const w = words(name);
  return DEFAULT_SECRET_PARAM_PATTERN.test(w) || QUERY_ONLY.test(w);
}
