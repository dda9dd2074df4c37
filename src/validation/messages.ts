import { redactText } from '../core/redaction';

/** The start of a string for a message: redacted before it is cut, so a cut cannot keep half a credential. */
function excerpt(text: string): string {
  const shown = redactText(text.length > 4096 ? text.slice(0, 4096) : text);
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}

/** Short, human description of a value for error messages, e.g. `a number (1.5)` or `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(excerpt(value))})`;
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
