/**
 * Unicode well-formedness of strings. A lone UTF-16 surrogate (say, an emoji cut in half by `slice`)
 * survives JavaScript's JSON but makes the Python reference reject the whole document, so every
 * string a BOM carries must be well-formed.
 */

let verifiedScopes = 0;

/** True inside {@link assumingWellFormed}: every string being validated is known to be well-formed. */
export function wellFormedProved(): boolean {
  return verifiedScopes > 0;
}

/** True when `text` has no unpaired surrogate (or the caller proved that for the whole document). */
export function isWellFormedString(text: string): boolean {
  return verifiedScopes > 0 || text.isWellFormed();
}

/** Runs `fn` (synchronously) with string well-formedness already established for everything it validates. */
export function assumingWellFormed<T>(fn: () => T): T {
  verifiedScopes++;
  try {
    return fn();
  } finally {
    verifiedScopes--;
  }
}

/** The message for a string with an unpaired surrogate. */
export const NOT_WELL_FORMED = 'must be well-formed Unicode, but contains an unpaired UTF-16 surrogate';
