import type { JsonValue } from '../core/json-types';

const JSON_START = new Set('{["-0123456789tfn');

/** True when `text` is itself a JSON text (`0.95`, `"x"`, `[1]`, `null`…). */
function isJsonText(text: string): boolean {
  const first = text.trimStart()[0];
  if (first === undefined || !JSON_START.has(first)) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The string form of a wire value in a standard's string-only slot (a CycloneDX property, an SPDX
 * `DictionaryEntry`): a string that is not itself JSON is written as it is (`adam`, `NaN`); every other
 * value as its JSON text (`0.1`, `true`, `[64,32]`, and `"0.95"` for the string 0.95).
 */
export function encodeValueText(value: JsonValue): string {
  return typeof value === 'string' && !isJsonText(value) ? value : JSON.stringify(value);
}

/** The inverse of {@link encodeValueText}: JSON text is parsed, anything else is the string itself. */
export function decodeValueText(text: string): JsonValue {
  return isJsonText(text) ? (JSON.parse(text) as JsonValue) : text;
}

/** The JSON type name of a wire value (`string`, `number`, `boolean`, `null`, `array`, `object`). */
export function jsonTypeOf(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
