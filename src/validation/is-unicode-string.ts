import { registerDecorator } from './class-validator-core';
import type { ValidationOptions } from 'class-validator';
import { describeValue } from './messages';
import { isWellFormedString, NOT_WELL_FORMED } from './well-formed';

/** True for strings without unpaired surrogates. */
export function isUnicodeString(value: unknown): value is string {
  return typeof value === 'string' && isWellFormedString(value);
}

/** The property must be a string of well-formed Unicode (what the reference's `str` accepts from JSON). */
export function IsUnicodeString(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUnicodeString',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: isUnicodeString,
        defaultMessage: (args) => (typeof args?.value === 'string' ? NOT_WELL_FORMED : `must be a string, got ${describeValue(args?.value)}`),
      },
    });
}
