import type { ValidationOptions } from 'class-validator';
import { defineRule } from './define-rule';
import { IssueCollector } from './locators';

function missing(value: unknown, object: object, otherProperty: string): number[] {
  const other: unknown = (object as Record<string, unknown>)[otherProperty];
  if (!Array.isArray(value) || !Array.isArray(other)) return [];
  const known = new Set<unknown>(other);
  const out: number[] = [];
  // Only strings: other elements are the type rule's to report (and may be too deep or long to describe).
  for (let i = 0; i < value.length; i++) if (typeof value[i] === 'string' && !known.has(value[i])) out.push(i);
  return out;
}

/**
 * The property, an array, may only hold elements that also appear in the array `otherProperty`.
 * Passes when either side is not an array: the type rules report those.
 */
export function IsSubsetOf(otherProperty: string, otherWireName: string, options?: ValidationOptions): PropertyDecorator {
  return defineRule({
    name: `isSubsetOf:${otherProperty}`,
    constraints: [otherProperty],
    validate: (value, args) => args === undefined || missing(value, args.object, otherProperty).length === 0,
    message: () => `must only contain entries of ${otherWireName}`,
    locate: (value, object) => {
      const out = new IssueCollector();
      for (const i of missing(value, object, otherProperty)) {
        const item = (value as string[])[i];
        out.add(String(i), `${JSON.stringify(item.length > 40 ? `${item.slice(0, 40)}…` : item)} is not one of ${otherWireName}`);
      }
      return out.done();
    },
  }, options);
}
