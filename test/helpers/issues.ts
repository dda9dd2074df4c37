import { expect } from 'chai';
import { BomValidationError, type ValidationIssue } from '../../src';

/** Runs `fn`, expects a BomValidationError, and returns its issues. */
export function issuesOf(fn: () => unknown): ValidationIssue[] {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(BomValidationError);
    return [...(error as BomValidationError).issues];
  }
  throw new Error('expected a BomValidationError');
}

/** Runs `fn`, expects a BomValidationError, and returns the paths of its issues. */
export function pathsOf(fn: () => unknown): string[] {
  return issuesOf(fn).map((i) => i.path);
}
