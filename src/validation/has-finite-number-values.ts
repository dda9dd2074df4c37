import { registerDecorator } from './class-validator-core';
import type { ValidationOptions } from 'class-validator';
import { describeValue } from './messages';
import { isPlainObject } from './json-value';
import { IssueCollector, registerLocator } from './locators';

const NAME = 'hasFiniteNumberValues';

function isFiniteNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

registerLocator(NAME, (value) => {
  const out = new IssueCollector();
  if (!isPlainObject(value)) return out.done();
  for (const key of Object.keys(value)) {
    if (!isFiniteNumber(value[key])) out.add(key, `must be a finite number, got ${describeValue(value[key])}`);
  }
  return out.done();
});

/** Every value of the dictionary must be a finite number. Passes when it is not a dictionary. */
export function HasFiniteNumberValues(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: NAME,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate(value: unknown) {
          if (!isPlainObject(value)) return true;
          for (const key of Object.keys(value)) if (!isFiniteNumber(value[key])) return false;
          return true;
        },
        defaultMessage: () => 'must only hold finite numbers',
      },
    });
}
