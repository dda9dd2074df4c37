/** Any value JSON can carry. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A free-form dictionary of JSON values, as the reference's untyped `Dict`. */
export type JsonDict = Record<string, JsonValue>;
