import { validateSync } from './class-validator-core';
import type { ValidationError, ValidatorOptions } from 'class-validator';
import { BomValidationError, type ValidationIssue } from '../errors';
import { extraFieldsOf } from '../core/extra-fields';
import { wireSchemaOf } from './wire-schema';
import { quickCheck } from './compiled-validity';
import { IssueCollector, locatorFor } from './locators';
import { checkJsonValue } from './json-value';
import { hidingForeignSections } from './foreign-sections';

/** How strictly to validate. */
export interface ValidateOptions {
  /** Also apply the strict rules (timestamps, ordering, feature subset, finite metrics, no unknown fields). */
  readonly strict?: boolean;
  /** Treat unknown fields as errors even when not strict (constructors do: an unknown option is a typo). */
  readonly rejectUnknownFields?: boolean;
}

const BASE: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  always: true,
  strictGroups: true,
  validationError: { target: true, value: true },
};
const STRICT_GROUPS = ['strict'];
const STRICT: ValidatorOptions = { ...BASE, groups: STRICT_GROUPS };

function join(prefix: string, key: string): string {
  return prefix === '' ? key : key === '' ? prefix : `${prefix}.${key}`;
}

function collect(errors: readonly ValidationError[], prefix: string, out: ValidationIssue[]): void {
  for (const error of errors) {
    const owner = error.target?.constructor;
    const field = owner === undefined ? undefined : wireSchemaOf(owner).byProp.get(error.property);
    const path = join(prefix, field?.wire ?? error.property);
    if (error.value === undefined && field !== undefined && !field.optional) {
      out.push({ path, message: 'is required' });
      continue;
    }
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      const locate = locatorFor(rule);
      const located = locate === undefined || error.target === undefined ? [] : locate(error.value, error.target);
      if (located.length === 0) out.push({ path, message });
      else for (const issue of located) out.push({ path: join(path, issue.path), message: issue.message });
    }
    if (error.children !== undefined && error.children.length > 0) collect(error.children, path, out);
  }
}

/** Calls `visit` for each unknown field kept on the instance, then on its nested sections, with the path of its section. */
function forEachExtraField(instance: object, prefix: string, visit: (prefix: string, key: string, value: unknown) => void): void {
  const extras = extraFieldsOf(instance);
  if (extras !== undefined) for (const key of Object.keys(extras)) visit(prefix, key, extras[key]);
  const source = instance as Record<string, unknown>;
  for (const field of wireSchemaOf(instance.constructor).fields) {
    const value = source[field.prop];
    if (field.nested !== undefined && value instanceof field.nested) forEachExtraField(value, join(prefix, field.wire), visit);
  }
}

/** Unknown fields are re-emitted, so even when allowed they must be JSON that the reference can read. */
function collectBadExtras(instance: object, out: ValidationIssue[]): void {
  forEachExtraField(instance, '', (prefix, key, value) => {
    const problems = new IssueCollector();
    checkJsonValue({ [key]: value }, 0, '', new Set(), problems);
    for (const issue of problems.done()) out.push({ path: join(prefix, issue.path), message: issue.message });
  });
}

function collectUnknown(instance: object, out: ValidationIssue[]): void {
  forEachExtraField(instance, '', (prefix, key) => out.push({ path: join(prefix, key), message: 'is not a known field' }));
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every problem with a model instance (a BOM or one of its sections), as wire-path issues. */
export function findIssues(instance: object, options: ValidateOptions = {}): ValidationIssue[] {
  const strict = options.strict === true;
  let issues: ValidationIssue[] = [];
  if (!quickCheck(instance, strict ? STRICT_GROUPS : undefined)) {
    issues = hidingForeignSections(instance, () => {
      const found: ValidationIssue[] = [];
      collect(validateSync(instance, strict ? STRICT : BASE), '', found);
      return found;
    });
  }
  if (strict || options.rejectUnknownFields === true) collectUnknown(instance, issues);
  else collectBadExtras(instance, issues);
  return dedupe(issues);
}

/**
 * The single validation entry point: runs class-validator with the fixed options.
 * @throws {BomValidationError} listing every problem as `path: message` with wire paths.
 */
export function validateBom(instance: object, options: ValidateOptions = {}, context?: string): void {
  const issues = findIssues(instance, options);
  if (issues.length > 0) throw new BomValidationError(issues, context);
}
