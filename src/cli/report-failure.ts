import { BomValidationError } from '../errors';
import { printable } from './printable';
import { InputError } from './read-input';

/**
 * Prints an expected failure to read a BOM as `source: path: message` lines on standard error (the format
 * of `validate`, escaped the same way so a hostile key cannot forge a line) and sets the exit code; returns false, printing nothing, for any other error.
 */
export function reportFailure(source: string, error: unknown, exitCode: number): boolean {
  let problems: ReadonlyArray<{ path: string; message: string }>;
  if (error instanceof BomValidationError) problems = error.issues;
  else if (error instanceof InputError) problems = [{ path: '', message: error.message }];
  else return false;
  for (const p of problems) process.stderr.write(`${printable(source)}: ${p.path === '' ? '(document)' : printable(p.path)}: ${printable(p.message)}\n`);
  process.exitCode = exitCode;
  return true;
}
