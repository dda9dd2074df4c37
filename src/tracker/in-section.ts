import { BomValidationError } from '../errors';

/** Runs `build`, prefixing the issues of a {@link BomValidationError} it throws with the section's wire name. */
export function inSection<T>(prefix: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof BomValidationError)) throw error;
    const issues = error.issues.map((i) => ({ path: i.path === '' ? prefix : `${prefix}.${i.path}`, message: i.message }));
    throw new BomValidationError(issues, `Invalid ${prefix}`);
  }
}
