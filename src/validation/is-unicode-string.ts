import type { ValidationOptions } from 'class-validator';
import { defineRule } from './define-rule';
import { describeValue } from './messages';
import { isWellFormedString, NOT_WELL_FORMED } from './well-formed';
import { MAX_STRING_LENGTH, tooLongString } from './limits';

/** True for strings without unpaired surrogates, within the length limit. */
export function isUnicodeString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_STRING_LENGTH && isWellFormedString(value);
}

/** The property must be a string of well-formed Unicode (what the reference's `str` accepts from JSON). */
export function IsUnicodeString(options?: ValidationOptions): PropertyDecorator {
  return defineRule({
    name: 'isUnicodeString',
    validate: isUnicodeString,
    message: (args) => {
      const value: unknown = args?.value;
      if (typeof value !== 'string') return `must be a string, got ${describeValue(value)}`;
      return value.length > MAX_STRING_LENGTH ? tooLongString(value.length) : NOT_WELL_FORMED;
    },
  }, options);
}
