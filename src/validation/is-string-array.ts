import type { ValidationOptions } from 'class-validator';
import type { ValidationIssue } from '../errors';
import { defineRule } from './define-rule';
import { describeValue } from './messages';
import { IssueCollector } from './locators';
import { isWellFormedString, NOT_WELL_FORMED, wellFormedProved } from './well-formed';
import { MAX_FEATURES, MAX_STRING_LENGTH, tooLongString } from './limits';

/**
 * True when the value is an array of at most {@link MAX_FEATURES} well-formed strings within the length limit.
 * Types and lengths come first in a loop of their own, with the limit in a local: per item, a call to
 * {@link isWellFormedString} cost three times the rest, and a parse of a well-formed text needs none.
 */
export function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value) || value.length > MAX_FEATURES) return false;
  const maxLength = MAX_STRING_LENGTH;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string' || item.length > maxLength) return false;
  }
  if (wellFormedProved()) return true;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string' || !item.isWellFormed()) return false;
  }
  return true;
}

function locate(value: unknown): ValidationIssue[] {
  const out = new IssueCollector();
  if (!Array.isArray(value)) {
    out.add('', `must be an array of strings, got ${describeValue(value)}`);
    return out.done();
  }
  if (value.length > MAX_FEATURES) {
    out.add('', `has ${value.length} elements, more than the limit of ${MAX_FEATURES}`);
    return out.done();
  }
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string') out.add(String(i), `must be a string, got ${describeValue(item)}`);
    else if (item.length > MAX_STRING_LENGTH) out.add(String(i), tooLongString(item.length));
    else if (!isWellFormedString(item)) out.add(String(i), NOT_WELL_FORMED);
  }
  return out.done();
}

/** The property must be an array of strings; issues name each bad index. */
export function IsStringArray(options?: ValidationOptions): PropertyDecorator {
  return defineRule({ name: 'isStringArray', validate: isStringArray, message: () => 'must be an array of strings', locate }, options);
}
