// The one place that loads the Reflect metadata polyfill; every model imports this module first.
import 'reflect-metadata';

/** Any value JSON can carry. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A free-form dictionary of JSON values, as the reference's untyped `Dict`. */
export type JsonDict = Record<string, JsonValue>;
