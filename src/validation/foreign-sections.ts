import type { ValidationIssue } from '../errors';
import { wireSchemaOf } from './wire-schema';
import { describeValue } from './messages';

/**
 * Runs `validate` with every section property that holds something other than an instance of its class
 * (an array, a Map, a Date…) set to undefined, then reports those properties itself. class-validator's
 * `@ValidateNested` walks arrays, Sets and Maps element by element, recursively, so 10,000 nested arrays
 * in `dataset_info` overflowed the stack, and shallower ones produced issues about "nested property" noise.
 */
export function hidingForeignSections(instance: object, validate: () => ValidationIssue[]): ValidationIssue[] {
  const record = instance as Record<string, unknown>;
  const hidden: Array<{ prop: string; wire: string; value: unknown; message: string }> = [];
  for (const field of wireSchemaOf(instance.constructor).fields) {
    const value = record[field.prop];
    if (field.nested === undefined || value === undefined || value instanceof field.nested) continue;
    const names = wireSchemaOf(field.nested).fields.map((f) => f.wire).join(' and ');
    hidden.push({ prop: field.prop, wire: field.wire, value, message: `must be an object with ${names}, got ${describeValue(value)}` });
  }
  if (hidden.length === 0) return validate();
  for (const h of hidden) record[h.prop] = undefined;
  let issues: ValidationIssue[];
  try {
    issues = validate();
  } finally {
    for (const h of hidden) record[h.prop] = h.value;
  }
  for (const h of hidden) {
    const at = issues.findIndex((i) => i.path === h.wire || i.path.startsWith(`${h.wire}.`));
    issues = issues.filter((i) => i.path !== h.wire && !i.path.startsWith(`${h.wire}.`));
    issues.splice(at === -1 ? issues.length : at, 0, { path: h.wire, message: h.message });
  }
  return issues;
}
