import type { ValidationOptions } from 'class-validator';
import { defineRule } from './define-rule';
import { parseIsoTimestamp } from './iso-timestamp';

/**
 * The property, an ISO 8601 timestamp, must not be earlier than the timestamp in `otherProperty`.
 * Passes when either side is not a timestamp: the timestamp rule reports those.
 */
export function IsNotBefore(otherProperty: string, otherWireName: string, options?: ValidationOptions): PropertyDecorator {
  return defineRule({
    name: 'isNotBefore',
    constraints: [otherProperty],
    validate(value, args) {
      const other: unknown = (args?.object as Record<string, unknown> | undefined)?.[otherProperty];
      if (typeof value !== 'string' || typeof other !== 'string') return true;
      const end = parseIsoTimestamp(value);
      const start = parseIsoTimestamp(other);
      return end === undefined || start === undefined || end >= start;
    },
    message: () => `must not be earlier than ${otherWireName}`,
  }, options);
}
