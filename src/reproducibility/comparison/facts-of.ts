import type { JsonDict, JsonValue } from '../../core/json-types';
import type { TrainingBOM } from '../../models/training-bom';

function isDict(value: JsonValue | undefined): value is JsonDict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One section of a BOM's `additional_values` (`dataset`, `environment`, `seeds`…) when it is an object. */
export function factsOf(bom: TrainingBOM, section: string): JsonDict | undefined {
  const all = bom.additionalValues;
  if (!isDict(all) || !Object.prototype.hasOwnProperty.call(all, section)) return undefined;
  const facts = all[section];
  return isDict(facts) ? facts : undefined;
}

/** Every leaf of a nested object as `dotted.path -> value`; arrays and null are leaves. */
export function flattenFacts(facts: JsonDict | undefined, prefix = '', out = new Map<string, JsonValue>()): Map<string, JsonValue> {
  if (facts === undefined) return out;
  for (const key of Object.keys(facts)) {
    const value = facts[key];
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isDict(value) && Object.keys(value).length > 0) flattenFacts(value, path, out);
    else out.set(path, value);
  }
  return out;
}
