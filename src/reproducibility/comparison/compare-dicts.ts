import type { JsonValue } from '../../core/json-types';
import type { DictComparison, KeyedChange, KeyedValue } from './bom-comparison';
import { jsonEqual } from './json-equal';

type Dict = Readonly<Record<string, JsonValue>>;

const has = (dict: Dict, key: string): boolean => Object.prototype.hasOwnProperty.call(dict, key);

/** Added, removed and changed keys between two dictionaries (`undefined` counts as empty). */
export function compareDicts(a: Dict | undefined, b: Dict | undefined): DictComparison {
  const left = a ?? {};
  const right = b ?? {};
  const removed: KeyedValue[] = [];
  const changed: KeyedChange[] = [];
  const added: KeyedValue[] = [];
  for (const key of Object.keys(left)) {
    const value = left[key];
    if (!has(right, key)) removed.push({ key, value });
    else if (!jsonEqual(value, right[key])) changed.push({ key, a: value, b: right[key] });
  }
  for (const key of Object.keys(right)) if (!has(left, key)) added.push({ key, value: right[key] });
  return { added, removed, changed };
}
