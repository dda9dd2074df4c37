/**
 * fast-check arbitraries of hostile BOM documents, shared by the parse and CLI property tests and by
 * bench/hostile-parse.ts: valid documents mutated at random paths with hostile values (prototype keys,
 * non-JSON values, deep nesting, unpaired surrogates), random values, and JSON text cut, spliced and
 * salted with hostile snippets.
 */
import fc from 'fast-check';
import { specExample } from './vectors';

/** Key names that reach an object's prototype machinery when handled carelessly. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'polluted'] as const;

/** `depth` levels of arrays, as JSON text. */
export function deepArrayText(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** `depth` levels of objects `{"a": ...}`, as JSON text. */
export function deepObjectText(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** `depth` levels of nested objects, built directly (no JSON.parse). */
export function deepObject(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** A fresh object whose own `__proto__` property (not its prototype) is `{ polluted: true }`. */
export function protoPayload(): unknown {
  return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
}

function cyclic(): unknown {
  const c: Record<string, unknown> = { x: 1 };
  c['self'] = c;
  return c;
}

/** Values a careless parser would choke on or let through. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom<unknown>(undefined, null, NaN, Infinity, -0, 2 ** 53, -1, 1.5, '', 'NaN', '\uD800', 'a\uDC00b', [], {}, [[[]]]),
  fc.constant(null).map(() => deepObject(10_000)),
  fc.constant(null).map(() => JSON.parse(deepArrayText(10_000)) as unknown),
  fc.constant(null).map(protoPayload),
  fc.constant(null).map(cyclic),
  fc.constant(null).map(() => Object.create(null) as unknown),
  fc.constantFrom<unknown>(1n, Symbol('s'), () => 1, new Date(0), new Map([[1, 2]]), new Uint8Array(2), /re/),
  fc.dictionary(fc.constantFrom(...PROTO_KEYS, 'a', ''), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

const FIELD_PATHS: ReadonlyArray<readonly string[]> = [
  [], ['id'], ['start_time'], ['end_time'], ['dataset_info'], ['dataset_info', 'origin'], ['dataset_info', 'size'],
  ['feature_info'], ['feature_info', 'original_features'], ['feature_info', 'selected_features'], ['feature_info', 'original_features', '0'],
  ['model_info'], ['model_info', 'type'], ['model_info', 'architecture'], ['mlflow_params'], ['mlflow_metrics'], ['additional_values'],
];

/** One change to a document: set (or delete, for `undefined`) `key` under the object at `at`. */
interface Mutation {
  readonly at: readonly string[];
  readonly key: string;
  readonly value: unknown;
  readonly remove: boolean;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.constantFrom(...FIELD_PATHS),
  key: fc.oneof(fc.constantFrom('id', 'size', 'origin', 'type', 'original_features', 'mlflow_params', 'additional_values', 'x', '0', ...PROTO_KEYS), fc.string({ maxLength: 8 })),
  value: hostileValue,
  remove: fc.boolean(),
});

function apply(doc: Record<string, unknown>, m: Mutation): void {
  let target: unknown = doc;
  for (const step of m.at) {
    if (typeof target !== 'object' || target === null) return;
    target = (target as Record<string, unknown>)[step];
  }
  if (typeof target !== 'object' || target === null) return;
  try {
    if (m.remove) delete (target as Record<string, unknown>)[m.key];
    else Object.defineProperty(target, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  } catch {
    // an array's `length` cannot take such a value: no mutation
  }
}

/** The spec's example with one to four hostile mutations, as a plain object. */
export const mutatedDocument: fc.Arbitrary<unknown> = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => {
  const doc = specExample();
  for (const m of ms) apply(doc, m);
  return doc;
});

/** Anything at all, fast-check's richest value generator, as a whole document or as the fields of one. */
export const randomDocument: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }),
  fc.dictionary(fc.constantFrom(...Object.keys(specExample()), ...PROTO_KEYS), hostileValue).map((d) => ({ ...specExample(), ...d })),
);

const SNIPPETS = [
  '{"__proto__":{"polluted":1}}', '"__proto__"', '"constructor":{"prototype":{"polluted":1}}', '"\\ud800"', '"\\udfff\\ud800"',
  '1e999', '-0', 'NaN', 'Infinity', '[', ']', '{', '}', ',', ':', '"', '\\', '\u0000', '\uFEFF', '\uD800', 'null', '9007199254740993',
  deepArrayText(200), '"a":1,"a":2',
];

/** JSON text of a valid or mutated document, then cut, spliced and salted with hostile snippets. */
export const mutatedText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constant(null).map(() => JSON.stringify(specExample(), null, 1)), mutatedDocument.map((d) => safeStringify(d))),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ unit: 'binary', maxLength: 4 }))), { maxLength: 4 }),
  )
  .map(([text, edits]) => {
    let out = text;
    for (const [at, cut, insert] of edits) {
      const i = at % (out.length + 1);
      out = out.slice(0, i) + insert + out.slice(i + cut);
    }
    return out;
  });

/** JSON.stringify that survives cycles and bigints (they become strings), for generating text. */
export function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? 'undefined';
  } catch {
    return '{"cyclic":true}';
  }
}

/** UTF-8 bytes of mutated text with some bytes flipped (often no longer valid UTF-8). */
export const mutatedBytes: fc.Arbitrary<Uint8Array> = fc
  .tuple(mutatedText, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }))
  .map(([text, flips]) => {
    const bytes = new TextEncoder().encode(text);
    for (const [at, byte] of flips) if (bytes.length > 0) bytes[at % bytes.length] = byte;
    return bytes;
  });
