import type { ValidationIssue } from '../errors';

/** Finds where inside a value a rule fails, as issues with paths relative to the value. */
export type Locator = (value: unknown, object: object) => ValidationIssue[];

const locators = new Map<string, Locator>();

/** Most issues one rule reports for one property before summarising the rest. */
export const MAX_ISSUES_PER_RULE = 100;

/** Registers the locator of a custom rule, keyed by the rule's class-validator name. */
export function registerLocator(ruleName: string, locator: Locator): void {
  locators.set(ruleName, locator);
}

/** The locator registered for a rule, if any. */
export function locatorFor(ruleName: string): Locator | undefined {
  return locators.get(ruleName);
}

/** Collects issues up to {@link MAX_ISSUES_PER_RULE}, then one summary issue for the rest. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];
  private dropped = 0;

  add(path: string, message: string): void {
    if (this.issues.length < MAX_ISSUES_PER_RULE) this.issues.push({ path, message });
    else this.dropped++;
  }

  done(): ValidationIssue[] {
    if (this.dropped > 0) this.issues.push({ path: '', message: `… and ${this.dropped} more problems of the same kind` });
    return this.issues;
  }
}
