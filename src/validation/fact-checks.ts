import { describeValue } from './messages';
import { isPlainObject } from './json-value';
import { parseIsoTimestamp } from './iso-timestamp';
import type { IssueCollector } from './locators';
import { isNonFiniteName } from '../core/non-finite';

/** Checks one value and reports what is wrong with it at `path` (relative to the rule's property). */
export type FactCheck = (value: unknown, path: string, out: IssueCollector) => void;

const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function simple(what: string, ok: (value: unknown) => boolean): FactCheck {
  return (value, path, out) => {
    if (!ok(value)) out.add(path, `must be ${what}, got ${describeValue(value)}`);
  };
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const CREDENTIALS = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/;

/**
 * Combinators describing the types of the facts the SDK records in `additional_values` (dataset,
 * environment, seeds, anomalies), for the strict-mode rule. One object: a small vocabulary, not a concern.
 */
export const F = Object.freeze({
  string: simple('a string', (v) => typeof v === 'string'),
  boolean: simple('a boolean', (v) => typeof v === 'boolean'),
  integer: simple('an integer', (v) => Number.isSafeInteger(v)),
  count: simple('a non-negative integer', (v) => Number.isSafeInteger(v) && (v as number) >= 0),
  timestamp: simple('an ISO 8601 date-time', (v) => typeof v === 'string' && parseIsoTimestamp(v) !== undefined),
  digest: simple("a digest: 'sha256:' and 64 lower-case hex digits", (v) => typeof v === 'string' && DIGEST.test(v)),
  commit: simple('a commit id of 40 or 64 hex digits', (v) => typeof v === 'string' && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(v)),
  seed: simple('a finite number or a string', (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))),
  metricValue: simple("a number or 'NaN', 'Infinity', '-Infinity'", (v) => typeof v === 'number' || isNonFiniteName(v)),
  object: simple('an object', isPlainObject),
  /** A URL without `user:password@` (recorded remotes must carry no credentials). */
  urlWithoutCredentials: simple('a URL without credentials', (v) => typeof v === 'string' && !CREDENTIALS.test(v)),
  oneOf: (...allowed: readonly string[]): FactCheck => simple(`one of ${allowed.map((a) => `'${a}'`).join(', ')}`, (v) => allowed.includes(v as string)),
  nullable:
    (check: FactCheck): FactCheck =>
    (value, path, out) => {
      if (value !== null) check(value, path, out);
    },
  arrayOf:
    (check: FactCheck): FactCheck =>
    (value, path, out) => {
      if (!Array.isArray(value)) out.add(path, `must be an array, got ${describeValue(value)}`);
      else value.forEach((item: unknown, i) => check(item, join(path, String(i)), out));
    },
  dictOf:
    (check: FactCheck): FactCheck =>
    (value, path, out) => {
      if (!isPlainObject(value)) out.add(path, `must be an object, got ${describeValue(value)}`);
      else for (const key of Object.keys(value)) check(value[key], join(path, key), out);
    },
  /** An object whose listed fields, when present, pass their checks; `required` ones must be present. Other keys are free. */
  shape:
    (fields: Readonly<Record<string, FactCheck>>, required: readonly string[] = []): FactCheck =>
    (value, path, out) => {
      if (!isPlainObject(value)) {
        out.add(path, `must be an object, got ${describeValue(value)}`);
        return;
      }
      for (const key of required) if (!Object.prototype.hasOwnProperty.call(value, key)) out.add(join(path, key), 'is required');
      for (const key of Object.keys(fields)) {
        if (Object.prototype.hasOwnProperty.call(value, key)) fields[key](value[key], join(path, key), out);
      }
    },
});
