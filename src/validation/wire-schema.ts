// A private path of class-transformer, on purpose: see src/serialization/class-transformer-storage.d.ts.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from './class-validator-core';

/** Any class with a no-argument constructor; the model classes qualify. */
export type ModelClass = new () => object;

/** How one property travels on the wire. */
export interface WireField {
  /** TypeScript property name (camelCase). */
  readonly prop: string;
  /** Wire key (snake_case) from `@Expose({ name })`. */
  readonly wire: string;
  /** Nested section class from `@Type`, if the property holds one. */
  readonly nested: ModelClass | undefined;
  /** `dict` for free-form dictionaries, `list` for string arrays, `value` otherwise. */
  readonly kind: 'dict' | 'list' | 'value';
  /** Whether the property may be absent (`@IsOptional`). */
  readonly optional: boolean;
  /** Whether non-finite numbers travel as the strings `NaN`, `Infinity`, `-Infinity` and are decoded back. */
  readonly nonFiniteAsString: boolean;
}

/** The wire layout of one model class, derived once from its decorators. */
export interface WireSchema {
  readonly fields: readonly WireField[];
  readonly byWire: ReadonlyMap<string, WireField>;
  readonly byProp: ReadonlyMap<string, WireField>;
}

/* eslint-disable @typescript-eslint/no-unsafe-function-type -- keyed by object.constructor, which TypeScript types as Function, as class-validator's and class-transformer's metadata APIs do */
const NON_FINITE_KEY = Symbol('training-bom:nonFiniteAsString');
const schemas = new Map<Function, WireSchema>();

/** Marks a dictionary whose non-finite numbers are written as strings and read back as numbers. */
export function NonFiniteAsString(): PropertyDecorator {
  return (target, propertyName) => Reflect.defineMetadata(NON_FINITE_KEY, true, target, propertyName);
}

function build(cls: ModelClass): WireSchema {
  const rules = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const names = (prop: string): Set<string> =>
    new Set(rules.filter((r) => r.propertyName === prop).flatMap((r) => [r.type, r.name ?? r.type]));
  const fields = defaultMetadataStorage.getExposedMetadatas(cls).map((expose): WireField => {
    const prop = expose.propertyName as string;
    const ruleNames = names(prop);
    const typeFn = defaultMetadataStorage.findTypeMetadata(cls, prop)?.typeFunction;
    return {
      prop,
      wire: expose.options.name ?? prop,
      nested: typeFn === undefined ? undefined : (typeFn() as ModelClass),
      kind: ruleNames.has('isJsonDict') ? 'dict' : ruleNames.has('isStringArray') ? 'list' : 'value',
      optional: ruleNames.has('conditionalValidation'),
      nonFiniteAsString: Reflect.getMetadata(NON_FINITE_KEY, cls.prototype as object, prop) === true,
    };
  });
  return {
    fields,
    byWire: new Map(fields.map((f) => [f.wire, f])),
    byProp: new Map(fields.map((f) => [f.prop, f])),
  };
}

/** The wire schema of a model class (cached). */
export function wireSchemaOf(cls: Function): WireSchema {
  let schema = schemas.get(cls);
  if (schema === undefined) {
    schema = build(cls as ModelClass);
    schemas.set(cls, schema);
  }
  return schema;
}
