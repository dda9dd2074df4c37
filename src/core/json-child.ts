/**
 * Reading into JSON values of unknown shape (`additional_values`, hostile BOMs): one rule for "is this a JSON
 * object" and "its own property", so that no reader follows an inherited key such as `constructor`.
 */

/** Whether a value is a JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when `value` is a JSON object with `key` as its own property, else undefined. */
export function ownChild(value: unknown, key: string): unknown {
  return isJsonObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}
