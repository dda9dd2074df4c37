import type { ValidationOptions } from 'class-validator';
import { defineRule } from './define-rule';
import { describeValue } from './messages';
import { parseIsoTimestamp } from './iso-timestamp';

/** The property must be an ISO 8601 date-time string (offset optional; naive means UTC). */
export function IsIsoTimestamp(options?: ValidationOptions): PropertyDecorator {
  return defineRule({
    name: 'isIsoTimestamp',
    validate: (value) => typeof value === 'string' && parseIsoTimestamp(value) !== undefined,
    message: (args) => `must be an ISO 8601 date-time such as 2024-09-05T10:00:00Z, got ${describeValue(args?.value)}`,
  }, options);
}
