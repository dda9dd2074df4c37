import { getMetadataStorage } from '../validation/class-validator-core';
import type { JsonDict, JsonValue } from '../core/json-types';
import { TrainingBOM } from '../models/training-bom';
import { wireSchemaOf, type ModelClass, type WireField } from '../validation/wire-schema';
import { MODEL_ARTIFACTS_JSON_SCHEMA } from '../validation/model-artifact-checks';

/** Strings without an unpaired UTF-16 surrogate (ECMA-262 `u` mode, as ajv compiles patterns; Python's `re` agrees). */
const WELL_FORMED = '^[^\\uD800-\\uDFFF]*$';
const STRICT_GROUP = 'strict';

/** The JSON Schema fragment of each lax-mode validation rule, by class-validator rule name. */
const RULES: Readonly<Record<string, (field: WireField) => JsonDict | undefined>> = {
  isUnicodeString: () => ({ $ref: '#/$defs/string' }),
  isSafeNonNegativeInt: () => ({ type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  isStringArray: () => ({ type: 'array', items: { $ref: '#/$defs/string' } }),
  isJsonDict: () => ({ $ref: '#/$defs/object' }),
  isInstance: (field) => ({ $ref: `#/$defs/${(field.nested as ModelClass).name}` }),
  nestedValidation: () => undefined,
  isOptional: () => undefined,
};

/** `@IsOptional()`: class-validator then accepts `null` and absence alike. */
const OPTIONAL = 'isOptional';

/** Unknown fields are kept and written back, so they must be JSON the reference can read. */
const OPEN: JsonDict = { propertyNames: { $ref: '#/$defs/string' }, additionalProperties: { $ref: '#/$defs/value' } };

/** The lax-mode rule names of a property, in declaration order. */
function ruleNames(cls: ModelClass, prop: string): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .filter((r) => r.propertyName === prop && !(r.groups ?? []).includes(STRICT_GROUP))
    .map((r) => r.name ?? r.type);
}

function fieldSchema(cls: ModelClass, field: WireField, names: readonly string[]): JsonDict {
  const parts: JsonDict[] = [];
  for (const name of names) {
    const toSchema = RULES[name];
    if (toSchema === undefined) throw new Error(`no JSON Schema for the validation rule ${name} of ${cls.name}.${field.prop}`);
    const part = toSchema(field);
    if (part !== undefined) parts.push(part);
  }
  const schema: JsonDict = parts.length === 1 ? parts[0] : { allOf: parts };
  return names.includes(OPTIONAL) ? { anyOf: [schema, { type: 'null' }] } : schema;
}

function sectionSchema(cls: ModelClass, title: string, defs: JsonDict): JsonDict {
  const defaults = new cls() as Record<string, unknown>;
  const properties: JsonDict = {};
  const required: string[] = [];
  for (const field of wireSchemaOf(cls).fields) {
    const names = ruleNames(cls, field.prop);
    const schema = fieldSchema(cls, field, names);
    const fallback = defaults[field.prop];
    if (fallback !== undefined) schema['default'] = fallback as JsonValue;
    else if (!names.includes(OPTIONAL)) required.push(field.wire);
    properties[field.wire] = schema;
    if (field.nested !== undefined && defs[field.nested.name] === undefined) defs[field.nested.name] = sectionSchema(field.nested, field.wire, defs);
  }
  return { title, type: 'object', properties, required, ...OPEN };
}

/**
 * The JSON Schema (draft 2020-12) of the BOM wire format under the reference's (lax) rules, generated from
 * the decorated model classes. Strict mode's extra rules (no unknown fields, ISO times in order, selected ⊆
 * original features, finite metrics, the types of the facts in `additional_values`, of which
 * `$defs.ModelArtifacts` documents `model_artifacts`) and the 128-level nesting limit of free-form values are not in it.
 */
export function trainingBomJsonSchema(): JsonDict {
  const defs: JsonDict = {
    string: { type: 'string', pattern: WELL_FORMED },
    value: {
      anyOf: [
        { type: 'number' },
        { type: 'boolean' },
        { type: 'null' },
        { $ref: '#/$defs/string' },
        { type: 'array', items: { $ref: '#/$defs/value' } },
        { $ref: '#/$defs/object' },
      ],
    },
    object: { type: 'object', ...OPEN },
  };
  const root = sectionSchema(TrainingBOM, 'Training BOM', defs);
  // Documented, not enforced: the reference reads additional_values as a free dictionary; strict mode and
  // modelArtifactsOf check model_artifacts against this definition.
  defs['ModelArtifacts'] = JSON.parse(JSON.stringify(MODEL_ARTIFACTS_JSON_SCHEMA)) as JsonDict;
  const additional = (root['properties'] as JsonDict)['additional_values'] as JsonDict;
  additional['description'] =
    'Extra facts; free-form under these (lax) rules. The SDK records model_artifacts here in the shape of #/$defs/ModelArtifacts, ' +
    'which strict parsing and modelArtifactsOf enforce (docs/wire-format.md).';
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: root['title'],
    description:
      'A training Bill of Materials in the wire format of training-bom and of the Python reference (pydantic TrainingBOM), ' +
      'as TrainingBOM.parse reads it by default. Non-finite metrics travel as the strings "NaN", "Infinity", "-Infinity".',
    ...root,
    $defs: defs,
  };
}
