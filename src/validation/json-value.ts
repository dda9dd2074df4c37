import { describeValue } from './messages';
import { IssueCollector } from './locators';
import type { ValidationIssue } from '../errors';
import { isWellFormedString, NOT_WELL_FORMED } from './well-formed';
import { MAX_KEY_LENGTH, MAX_STRING_LENGTH, tooLongKey, tooLongString } from './limits';

/** Deepest nesting accepted inside a free-form dict value (objects and arrays), counting the dict itself. */
export const MAX_JSON_DEPTH = 128;

/** True for objects whose prototype is `Object.prototype` or `null` (what JSON.parse builds). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

function isScalar(value: unknown): boolean {
  const t = typeof value;
  return (
    value === null || t === 'number' || t === 'boolean' ||
    (t === 'string' && (value as string).length <= MAX_STRING_LENGTH && isWellFormedString(value as string))
  );
}

/**
 * Walks a JSON value and reports every element that JSON cannot carry (undefined, functions,
 * class instances, cycles, unpaired surrogates, nesting deeper than {@link MAX_JSON_DEPTH}, keys and
 * strings over the limits of `limits.ts`); `sink`
 * receives relative paths.
 */
export function checkJsonValue(value: unknown, depth: number, path: string, ancestors: Set<object>, sink: IssueCollector | null): boolean {
  if (isScalar(value)) return true;
  const join = (key: string): string => (path === '' ? key : `${path}.${key}`);
  if (typeof value === 'string') {
    sink?.add(path, value.length > MAX_STRING_LENGTH ? tooLongString(value.length) : NOT_WELL_FORMED);
    return false;
  }
  if (typeof value !== 'object') {
    sink?.add(path, `must be a JSON value, got ${describeValue(value)}`);
    return false;
  }
  const obj = value as object;
  if (depth >= MAX_JSON_DEPTH) {
    sink?.add(path, `is nested deeper than ${MAX_JSON_DEPTH} levels`);
    return false;
  }
  if (ancestors.has(obj)) {
    sink?.add(path, 'contains a circular reference');
    return false;
  }
  let ok = true;
  if (Array.isArray(obj)) {
    ancestors.add(obj);
    for (let i = 0; i < obj.length; i++) {
      const v: unknown = obj[i];
      if (!isScalar(v) && !checkJsonValue(v, depth + 1, join(String(i)), ancestors, sink)) {
        ok = false;
        if (sink === null) break;
      }
    }
    ancestors.delete(obj);
    return ok;
  }
  if (!isPlainObject(obj)) {
    sink?.add(path, `must be a JSON value, got ${describeValue(obj)}`);
    return false;
  }
  ancestors.add(obj);
  for (const key of Object.keys(obj)) {
    const v: unknown = obj[key];
    if (key.length > MAX_KEY_LENGTH) {
      sink?.add(path, tooLongKey(key));
      ok = false;
      if (sink === null) break;
      continue;
    }
    if (!isWellFormedString(key)) {
      sink?.add(join(key), `key ${NOT_WELL_FORMED}`);
      ok = false;
      if (sink === null) break;
    }
    if (!isScalar(v) && !checkJsonValue(v, depth + 1, join(key), ancestors, sink)) {
      ok = false;
      if (sink === null) break;
    }
  }
  ancestors.delete(obj);
  return ok;
}

/** Every problem that keeps `value` from being a free-form JSON dict, with paths relative to it. */
export function locateJsonDictProblems(value: unknown): ValidationIssue[] {
  const out = new IssueCollector();
  if (!isPlainObject(value)) out.add('', `must be an object (a dictionary), got ${describeValue(value)}`);
  else checkJsonValue(value, 0, '', new Set(), out);
  return out.done();
}

const verified = new WeakSet<object>();

/**
 * Records that a dictionary just built from JSON.parse output is proved to hold only JSON values within
 * the limits, so the next {@link isJsonDict} on it may skip its scan. One use only: that check consumes the mark.
 */
export function markVerifiedJsonDict(dict: object): void {
  verified.add(dict);
}

/** True when `value` is a plain object holding only JSON values. */
export function isJsonDict(value: unknown): value is Record<string, unknown> {
  if (typeof value === 'object' && value !== null && verified.delete(value)) return true;
  return isPlainObject(value) && checkJsonValue(value, 0, '', new Set(), null);
}
