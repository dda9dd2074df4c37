import { registerDecorator } from './class-validator-core';
import type { ValidationOptions } from 'class-validator';
import { registerLocator } from './locators';
import { isJsonDict, locateJsonDictProblems } from './json-value';

const NAME = 'isJsonDict';

registerLocator(NAME, (value) => locateJsonDictProblems(value));

/** The property must be a free-form dictionary of JSON values (keys are any strings). */
export function IsJsonDict(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: NAME,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: isJsonDict, defaultMessage: () => 'must be an object (a dictionary) of JSON values' },
    });
}
