/** Short, human description of a value for error messages, e.g. `a number (1.5)` or `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `a ${typeof value} (${String(value)})`;
    case 'object': {
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === null || proto === Object.prototype) return 'an object';
      const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
      return typeof ctor?.name === 'string' && ctor.name !== '' ? `an instance of ${ctor.name}` : 'an object';
    }
    default:
      return `a ${typeof value}`;
  }
}

/** A class-validator message function: `must be <what>, got <description of the value>`. */
export function expected(what: string): (args: { value: unknown }) => string {
  return (args) => `must be ${what}, got ${describeValue(args.value)}`;
}

/** Options object for rules that only run in strict mode. */
export const STRICT = Object.freeze({ groups: ['strict'] });
