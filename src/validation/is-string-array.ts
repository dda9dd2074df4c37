import { registerDecorator, type ValidationOptions } from 'class-validator';
import { describeValue } from './messages';
import { IssueCollector, registerLocator } from './locators';

const NAME = 'isStringArray';

/** True when the value is an array whose every element is a string. */
export function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

registerLocator(NAME, (value) => {
  const out = new IssueCollector();
  if (!Array.isArray(value)) {
    out.add('', `must be an array of strings, got ${describeValue(value)}`);
    return out.done();
  }
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') out.add(String(i), `must be a string, got ${describeValue(value[i])}`);
  }
  return out.done();
});

/** The property must be an array of strings; issues name each bad index. */
export function IsStringArray(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: NAME,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: { validate: isStringArray, defaultMessage: () => 'must be an array of strings' },
    });
}
