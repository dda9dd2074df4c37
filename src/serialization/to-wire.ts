import { safeDict, type SafeDict } from '../core/safe-dict';
import { extraFieldsOf } from '../core/extra-fields';
import { wireSchemaOf } from '../validation/wire-schema';
import { encodeNonFinite } from '../core/non-finite';

function encodeValue(value: unknown): unknown {
  if (typeof value === 'number') return encodeNonFinite(value);
  if (typeof value !== 'object' || value === null) return value;
  return Array.isArray(value) ? encodeArray(value) : encodeDict(value as Record<string, unknown>);
}

function needsEncoding(value: unknown): boolean {
  return (typeof value === 'number' && !Number.isFinite(value)) || (typeof value === 'object' && value !== null);
}

function encodeArray(source: readonly unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < source.length; i++) {
    const v = source[i];
    if (!needsEncoding(v)) continue;
    const e = encodeValue(v);
    if (e !== v) (out ??= source.slice())[i] = e;
  }
  return out ?? (source as unknown[]);
}

/** Returns the dictionary itself when nothing needs encoding, otherwise a copy with non-finite numbers as strings. */
function encodeDict(source: Record<string, unknown>): Record<string, unknown> {
  let out: SafeDict | undefined;
  for (const key in source) {
    const v = source[key];
    if (!needsEncoding(v) || !Object.prototype.hasOwnProperty.call(source, key)) continue;
    const e = encodeValue(v);
    if (e !== v) {
      out ??= Object.assign(safeDict(), source);
      out[key] = e;
    }
  }
  return out ?? source;
}

/**
 * The wire form of a model instance: snake_case keys in declaration order, nested sections converted,
 * non-finite numbers as strings (unless `encode` is false), then any extra fields kept from parsing.
 * Never copies a dictionary that needs no encoding.
 */
export function toWire(instance: object, encode = true): SafeDict {
  const out = safeDict();
  const source = instance as Record<string, unknown>;
  for (const field of wireSchemaOf(instance.constructor).fields) {
    const value = source[field.prop];
    if (value === undefined) continue;
    if (field.nested !== undefined && value instanceof field.nested) out[field.wire] = toWire(value, encode);
    else if (encode && field.kind === 'dict' && typeof value === 'object' && value !== null) out[field.wire] = encodeDict(value as Record<string, unknown>);
    else out[field.wire] = value;
  }
  const extras = extraFieldsOf(instance);
  if (extras !== undefined) for (const key of Object.keys(extras)) if (!(key in out)) out[key] = extras[key];
  return out;
}

/**
 * The wire JSON text. Encoding non-finite numbers needs a scan of every dictionary, so the text is
 * first written without it: JSON writes a non-finite number as `null`, so text without `null`
 * anywhere proves there was none, and only text that has one is written again with encoding.
 */
export function toWireText(instance: object, indent?: number): string {
  const text = JSON.stringify(toWire(instance, false), null, indent);
  return text.includes('null') ? JSON.stringify(toWire(instance, true), null, indent) : text;
}
