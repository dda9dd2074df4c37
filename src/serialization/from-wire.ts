import { isPlainObject, markVerifiedJsonDict } from '../validation/json-value';
import type { JsonTextFacts } from '../validation/json-text-facts';
import { MAX_FEATURES, MAX_KEY_LENGTH, MAX_STRING_LENGTH } from '../validation/limits';
import { safeDict, type SafeDict } from '../core/safe-dict';
import { setExtraFields } from '../core/extra-fields';
import { wireSchemaOf, type WireField } from '../validation/wire-schema';
import { decodeNonFinite, isNonFiniteName } from '../core/non-finite';

/** `wire`: keys are snake_case wire names (parsing); `init`: keys are camelCase property names (constructors). */
export type InputNaming = 'wire' | 'init';

/**
 * Who owns the source: `caller` (copy everything we keep), or the facts of the text our own JSON.parse
 * just built it from (adopt it: it is referenced nowhere else).
 */
export type Ownership = 'caller' | JsonTextFacts;

/** A null-prototype copy of a caller's dictionary (never aliasing it). */
function copyDict(source: Record<string, unknown>, decodeNames: boolean): SafeDict {
  const out = safeDict();
  for (const key of Object.keys(source)) out[key] = decodeNames ? decodeValue(source[key]) : source[key];
  return out;
}

/**
 * A copy of a caller's list, element by element: `slice()` would consult a hostile own `constructor`
 * (Symbol.species) and walk a sparse array of 2^32-1 holes; a list over the limit is left for validation to reject.
 */
function copyList(source: unknown[]): unknown[] {
  if (source.length > MAX_FEATURES) return source;
  const out = new Array<unknown>(source.length);
  for (let i = 0; i < source.length; i++) out[i] = source[i];
  return out;
}

function decodeValue(value: unknown): unknown {
  return isNonFiniteName(value) ? decodeNonFinite(value) : value;
}

/**
 * Adopts a dictionary fresh from our own JSON.parse (referenced nowhere else) by dropping its prototype
 * in place. When the text's facts prove it a valid JSON dict with nothing to decode, that is all, and
 * validation skips its scan too. Otherwise one pass decodes non-finite numbers and, once the text's
 * strings are known to be well-formed, proves the dictionary flat and within the key and string length
 * limits, which spares validation a second scan.
 */
function adoptDict(source: Record<string, unknown>, decodeNames: boolean, facts: JsonTextFacts): SafeDict {
  const out = Object.setPrototypeOf(source, null) as SafeDict;
  const decode = decodeNames && !facts.noNonFiniteNames;
  if (!facts.wellFormed) {
    if (decode) for (const key in out) out[key] = decodeValue(out[key]);
    return out;
  }
  if (!decode && facts.withinLimits) {
    markVerifiedJsonDict(out);
    return out;
  }
  let flat = true;
  for (const key in out) {
    const value = out[key];
    if (typeof value === 'string') {
      if (decode && isNonFiniteName(value)) out[key] = decodeNonFinite(value);
      else if (value.length > MAX_STRING_LENGTH) flat = false;
    } else if (typeof value === 'object' && value !== null) flat = false;
    if (key.length > MAX_KEY_LENGTH) flat = false;
  }
  if (flat || facts.withinLimits) markVerifiedJsonDict(out);
  return out;
}

function convert(field: WireField, value: unknown, naming: InputNaming, owned: Ownership): unknown {
  if (field.nested !== undefined) {
    if (naming === 'init' && value instanceof field.nested) return value;
    return isPlainObject(value) ? fillFromPlain(new field.nested(), value, naming, owned) : value;
  }
  if (field.kind === 'dict') {
    if (!isPlainObject(value)) return value;
    const decodeNames = field.nonFiniteAsString && naming === 'wire';
    return owned === 'caller' ? copyDict(value, decodeNames) : adoptDict(value, decodeNames, owned);
  }
  if (field.kind === 'list') return Array.isArray(value) && owned === 'caller' ? copyList(value) : value;
  return value;
}

/**
 * Builds an unvalidated model instance from a plain object, copying only declared fields (nested
 * sections become instances, dictionaries null-prototype copies) and keeping the rest as extra fields.
 * Defaults come from the class's own constructor; validation is the caller's next step.
 */
export function fromPlain<T extends object>(cls: new () => T, source: Record<string, unknown>, naming: InputNaming, owned: Ownership = 'caller'): T {
  return fillFromPlain(new cls(), source, naming, owned);
}

/** Like {@link fromPlain}, filling an instance that already exists (a constructor's `this`). */
export function fillFromPlain<T extends object>(instance: T, source: Record<string, unknown>, naming: InputNaming, owned: Ownership = 'caller'): T {
  const schema = wireSchemaOf(instance.constructor);
  const lookup = naming === 'wire' ? schema.byWire : schema.byProp;
  const target = instance as Record<string, unknown>;
  let extras: SafeDict | undefined;
  for (const key of Object.keys(source)) {
    const field = lookup.get(key);
    const value = source[key];
    if (field === undefined) {
      extras ??= safeDict();
      extras[key] = value;
    } else if (value !== undefined) {
      target[field.prop] = convert(field, value, naming, owned);
    }
  }
  if (extras !== undefined) setExtraFields(instance, extras);
  return instance;
}
