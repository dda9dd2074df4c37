import type { ValidationIssue } from '../errors';
import { isPlainObject } from '../validation/json-value';
import { describeValue } from '../validation/messages';

/**
 * Reads an untrusted standard's document by path, recording every problem instead of throwing, so an
 * import reports all that is missing at once.
 */
export class DocumentReader {
  /** Problems found so far. */
  readonly issues: ValidationIssue[] = [];

  /** Records a problem at `path`. */
  problem(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** The object at `path`, or `undefined` (recorded unless `optional`). */
  object(value: unknown, path: string, optional = false): Record<string, unknown> | undefined {
    if (isPlainObject(value)) return value;
    if (value !== undefined || !optional) this.problem(path, value === undefined ? 'is required' : `must be an object, got ${describeValue(value)}`);
    return undefined;
  }

  /** The array at `path` (`[]` when absent and `optional`). */
  array(value: unknown, path: string, optional = false): unknown[] {
    if (Array.isArray(value)) return value;
    if (value !== undefined || !optional) this.problem(path, value === undefined ? 'is required' : `must be an array, got ${describeValue(value)}`);
    return [];
  }

  /** The string at `path`, or `undefined` (recorded unless `optional`). */
  string(value: unknown, path: string, optional = false): string | undefined {
    if (typeof value === 'string') return value;
    if (value !== undefined || !optional) this.problem(path, value === undefined ? 'is required' : `must be a string, got ${describeValue(value)}`);
    return undefined;
  }

  /** The values of the properties named `name` in a `properties[]` array, in order. */
  properties(list: unknown, path: string, name: string): string[] {
    const out: string[] = [];
    this.array(list, path, true).forEach((entry, i) => {
      const property = this.object(entry, `${path}.${i}`);
      if (property?.['name'] !== name) return;
      const value = this.string(property['value'], `${path}.${i}.value`);
      if (value !== undefined) out.push(value);
    });
    return out;
  }

  /** The value of the one property named `name`, if present; a repeated one is a problem. */
  property(list: unknown, path: string, name: string): string | undefined {
    const values = this.properties(list, path, name);
    if (values.length > 1) this.problem(path, `has ${values.length} properties named ${name}, expected at most one`);
    return values[0];
  }
}
