import { InvalidArgumentError } from '../errors';
import type { JsonValue } from '../core/json-types';
import { checkJsonValue } from '../validation/json-value';
import { IssueCollector } from '../validation/locators';

/**
 * Checks a seed before it is recorded.
 * @throws {@link InvalidArgumentError} for an empty name or a value that is not a finite number or a string.
 */
export function acceptSeed(name: string, value: number | string): void {
  if (typeof name !== 'string' || name === '') throw new InvalidArgumentError('seeds', 'seed names must be non-empty strings');
  if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
    throw new InvalidArgumentError(`seeds.${name}`, `must be a finite number or a string, got ${typeof value === 'number' ? String(value) : typeof value}`);
  }
}

/**
 * Checks a data-quality fact before it is recorded.
 * @throws {@link InvalidArgumentError} for an empty key or a value that is not JSON.
 */
export function acceptDataQuality(key: string, value: JsonValue): void {
  if (typeof key !== 'string' || key === '') throw new InvalidArgumentError('data_quality', 'data-quality keys must be non-empty strings');
  const problems = new IssueCollector();
  if (!checkJsonValue(value, 0, '', new Set(), problems)) {
    const first = problems.done()[0];
    throw new InvalidArgumentError(`data_quality.${key}${first.path === '' ? '' : `.${first.path}`}`, first.message);
  }
}
