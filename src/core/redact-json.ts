import type { JsonValue } from './json-types';
import { REDACTED, redactText } from './redaction';
import { safeDict } from './safe-dict';

const never = (): boolean => false;

function clean(value: JsonValue, isSecret: (key: string) => boolean, depth: number): JsonValue {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null || depth > 128) return value;
  if (Array.isArray(value)) return value.map((v) => clean(v, isSecret, depth + 1));
  const out = safeDict() as Record<string, JsonValue>;
  for (const key of Object.keys(value)) {
    out[key] = isSecret(key) ? REDACTED : clean(value[key], isSecret, depth + 1);
  }
  return out;
}

/**
 * A copy of a JSON value with secrets removed at any depth: the value of a key `isSecret` accepts becomes
 * {@link REDACTED}, every other string goes through {@link redactText}; objects become null-prototype.
 * Without `isSecret` only the text rules apply.
 */
export function redactJson(value: JsonValue, isSecret: (key: string) => boolean = never): JsonValue {
  return clean(value, isSecret, 0);
}

/** {@link redactJson} of a parameter dictionary (what the tracker records and sends to its sinks). */
export function redactSecretParams(params: Record<string, JsonValue>, isSecret: (key: string) => boolean): Record<string, JsonValue> {
  return clean(params, isSecret, 0) as Record<string, JsonValue>;
}
