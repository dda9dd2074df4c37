import { isPlainObject } from '../validation/json-value';
import { safeDict, setExtraFields, type SafeDict } from './extra-fields';
import { wireSchemaOf, type WireField } from './wire-schema';

/** `wire`: keys are snake_case wire names (parsing); `init`: keys are camelCase property names (constructors). */
export type InputNaming = 'wire' | 'init';

const NON_FINITE: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, number>, { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }),
);

function copyDict(source: Record<string, unknown>, decodeNonFinite: boolean): SafeDict {
  const out = safeDict();
  for (const key of Object.keys(source)) {
    const value = source[key];
    out[key] = decodeNonFinite && typeof value === 'string' && value in NON_FINITE ? NON_FINITE[value] : value;
  }
  return out;
}

function convert(field: WireField, value: unknown, naming: InputNaming): unknown {
  if (field.nested !== undefined) {
    if (naming === 'init' && value instanceof field.nested) return value;
    return isPlainObject(value) ? fromPlain(field.nested, value, naming) : value;
  }
  if (field.kind === 'dict') return isPlainObject(value) ? copyDict(value, field.nonFiniteAsString && naming === 'wire') : value;
  if (field.kind === 'list') return Array.isArray(value) ? value.slice() : value;
  return value;
}

/**
 * Builds an unvalidated model instance from a plain object, copying only declared fields (nested
 * sections become instances, dictionaries null-prototype copies) and keeping the rest as extra fields.
 * Defaults come from the class's own constructor; validation is the caller's next step.
 */
export function fromPlain<T extends object>(cls: new () => T, source: Record<string, unknown>, naming: InputNaming): T {
  return fillFromPlain(new cls(), source, naming);
}

/** Like {@link fromPlain}, filling an instance that already exists (a constructor's `this`). */
export function fillFromPlain<T extends object>(instance: T, source: Record<string, unknown>, naming: InputNaming): T {
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
      target[field.prop] = convert(field, value, naming);
    }
  }
  if (extras !== undefined) setExtraFields(instance, extras);
  return instance;
}
