import type { ValidationOptions } from 'class-validator';
import { defineRule } from './define-rule';
import { describeValue } from './messages';

/** True for integers in 0 … Number.MAX_SAFE_INTEGER (the reference's `int`, minus negatives by design). */
export function isSafeNonNegativeInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The property must be a non-negative safe integer. */
export function IsSafeNonNegativeInt(options?: ValidationOptions): PropertyDecorator {
  return defineRule({
    name: 'isSafeNonNegativeInt',
    validate: isSafeNonNegativeInt,
    message: (args) => `must be a non-negative integer no larger than ${Number.MAX_SAFE_INTEGER}, got ${describeValue(args?.value)}`,
  }, options);
}
