import type { ValidationOptions } from 'class-validator';
import { defineRule } from './define-rule';
import { isJsonDict, locateJsonDictProblems } from './json-value';

/** The property must be a free-form dictionary of JSON values (keys are any strings). */
export function IsJsonDict(options?: ValidationOptions): PropertyDecorator {
  return defineRule({
    name: 'isJsonDict',
    validate: isJsonDict,
    message: () => 'must be an object (a dictionary) of JSON values',
    locate: (value) => locateJsonDictProblems(value),
  }, options);
}
