import { BomValidationError, issueLocation, StandardsFormatError, type ValidationIssue } from '../errors';
import { printable } from './printable';
import { InputError } from './read-input';

/** The problems of an expected failure to read, validate or convert a BOM; undefined for any other error. */
export function problemsOf(error: unknown): readonly ValidationIssue[] | undefined {
  if (error instanceof BomValidationError || error instanceof StandardsFormatError) return error.issues;
  if (error instanceof InputError) return [{ path: '', message: error.message }];
  return undefined;
}

/** One `source: path: message` line, escaped so that a hostile key cannot forge a line. */
export function problemLine(source: string, problem: ValidationIssue): string {
  return `${printable(source)}: ${printable(issueLocation(problem.path))}: ${printable(problem.message)}\n`;
}

/**
 * Prints an expected failure as {@link problemLine}s on standard error (the format of `validate`) and sets
 * the exit code; returns false, printing nothing, for any other error.
 */
export function reportFailure(source: string, error: unknown, exitCode: number): boolean {
  const problems = problemsOf(error);
  if (problems === undefined) return false;
  for (const p of problems) process.stderr.write(problemLine(source, p));
  process.exitCode = exitCode;
  return true;
}
