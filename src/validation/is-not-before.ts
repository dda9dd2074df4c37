import { registerDecorator } from './class-validator-core';
import type { ValidationOptions } from 'class-validator';
import { parseIsoTimestamp } from './iso-timestamp';

/**
 * The property, an ISO 8601 timestamp, must not be earlier than the timestamp in `otherProperty`.
 * Passes when either side is not a timestamp: the timestamp rule reports those.
 */
export function IsNotBefore(otherProperty: string, otherWireName: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [otherProperty],
      options,
      validator: {
        validate(value: unknown, args) {
          const other: unknown = (args?.object as Record<string, unknown> | undefined)?.[otherProperty];
          if (typeof value !== 'string' || typeof other !== 'string') return true;
          const end = parseIsoTimestamp(value);
          const start = parseIsoTimestamp(other);
          return end === undefined || start === undefined || end >= start;
        },
        defaultMessage: () => `must not be earlier than ${otherWireName}`,
      },
    });
}
