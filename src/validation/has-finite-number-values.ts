import type { ValidationOptions } from 'class-validator';
import { defineRule } from './define-rule';
import { describeValue } from './messages';
import { isPlainObject } from './json-value';
import { IssueCollector } from './locators';

function isFiniteNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Every value of the dictionary must be a finite number. Passes when it is not a dictionary. */
export function HasFiniteNumberValues(options?: ValidationOptions): PropertyDecorator {
  return defineRule({
    name: 'hasFiniteNumberValues',
    validate(value) {
      if (!isPlainObject(value)) return true;
      for (const key of Object.keys(value)) if (!isFiniteNumber(value[key])) return false;
      return true;
    },
    message: () => 'must only hold finite numbers',
    locate(value) {
      const out = new IssueCollector();
      if (isPlainObject(value)) {
        for (const key of Object.keys(value)) if (!isFiniteNumber(value[key])) out.add(key, `must be a finite number, got ${describeValue(value[key])}`);
      }
      return out.done();
    },
  }, options);
}
