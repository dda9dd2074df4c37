import { BomValidationError } from '../errors';
import { InputError } from './read-input';

/**
 * Prints an expected failure to read a BOM as `source: path: message` lines on standard error (the format
 * of `validate`) and sets the exit code; returns false, printing nothing, for any other error.
 */
export function reportFailure(source: string, error: unknown, exitCode: number): boolean {
  let problems: ReadonlyArray<{ path: string; message: string }>;
  if (error instanceof BomValidationError) problems = error.issues;
  else if (error instanceof InputError) problems = [{ path: '', message: error.message }];
  else return false;
  for (const p of problems) process.stderr.write(`${source}: ${p.path === '' ? '(document)' : p.path}: ${p.message}\n`);
  process.exitCode = exitCode;
  return true;
}
