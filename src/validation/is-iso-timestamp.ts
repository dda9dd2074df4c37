import { registerDecorator } from './class-validator-core';
import type { ValidationOptions } from 'class-validator';
import { describeValue } from './messages';
import { parseIsoTimestamp } from './iso-timestamp';

/** The property must be an ISO 8601 date-time string (offset optional; naive means UTC). */
export function IsIsoTimestamp(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIsoTimestamp',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseIsoTimestamp(value) !== undefined,
        defaultMessage: (args) => `must be an ISO 8601 date-time such as 2024-09-05T10:00:00Z, got ${describeValue(args?.value)}`,
      },
    });
}
