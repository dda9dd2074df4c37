/**
 * Facts about every value JSON.parse builds from a text, established from the text itself by a few
 * substring searches (memchr-fast) instead of a walk over the parsed values. Each fact is conservative:
 * `false` only means "not proved", and callers then check the values one by one.
 */
import { MAX_JSON_DEPTH } from './json-value';
import { MAX_KEY_LENGTH, MAX_STRING_LENGTH } from './limits';

/** What a JSON text proves about the values parsed from it. */
export interface JsonTextFacts {
  /** No string (key or value) holds an unpaired surrogate. */
  readonly wellFormed: boolean;
  /** Every key and string is within the limits of `limits.ts`, and nothing nests deeper than {@link MAX_JSON_DEPTH}. */
  readonly withinLimits: boolean;
  /** No string is `NaN`, `Infinity` or `-Infinity` (the wire spelling of non-finite metrics). */
  readonly noNonFiniteNames: boolean;
}

/** Facts for values that did not come from our own parse of a text: nothing is proved. */
export const NO_TEXT_FACTS: JsonTextFacts = Object.freeze({ wellFormed: false, withinLimits: false, noNonFiniteNames: false });

/** Whether `text` holds at most `limit` occurrences of `a` and `b` together (stops counting past it). */
function atMostOccurrences(text: string, a: string, b: string, limit: number): boolean {
  let count = 0;
  for (let i = text.indexOf(a); i !== -1 && count <= limit; i = text.indexOf(a, i + 1)) count++;
  for (let i = text.indexOf(b); i !== -1 && count <= limit; i = text.indexOf(b, i + 1)) count++;
  return count <= limit;
}

/**
 * Whether no string in `text` (key or value) can be longer than `limit`. Escapes only shorten, so a
 * text no longer than the limit proves it. Without any backslash, a string is a run of characters
 * without a `"`; every run of `limit + 1` characters holds a whole aligned block of half the limit, so
 * a quote in every such block proves it too, with one short search per block.
 */
function stringsAtMost(text: string, limit: number, backslash: boolean): boolean {
  if (text.length <= limit) return true;
  if (backslash) return false;
  const block = Math.floor((limit + 1) / 2);
  for (let start = 0; start + block <= text.length; start += block) {
    const quote = text.indexOf('"', start);
    if (quote === -1 || quote >= start + block) return false;
  }
  return true;
}

/** The facts `text` proves; only a `\u` escape can spell a surrogate or a letter, so none means strings are literal. */
export function jsonTextFacts(text: string): JsonTextFacts {
  // A search for a lone backslash is a plain memchr, several times faster than one for `\u`.
  const backslash = text.indexOf('\\') !== -1;
  const escapes = backslash && text.indexOf('\\u') !== -1;
  return {
    wellFormed: text.isWellFormed() && (!escapes || !/\\u[dD][89a-fA-F]/.test(text)),
    // Every object or array opens with a `{` or `[` somewhere in the text, so no value nests deeper than their count.
    withinLimits:
      stringsAtMost(text, Math.min(MAX_KEY_LENGTH, MAX_STRING_LENGTH), backslash) && atMostOccurrences(text, '{', '[', MAX_JSON_DEPTH),
    // `"NaN"`, `"Infinity"` and `"-Infinity"` all end in one of these unless spelled with escapes.
    noNonFiniteNames: !escapes && text.indexOf('NaN"') === -1 && text.indexOf('Infinity"') === -1,
  };
}

/** Texts at least this long are checked for nesting before `JSON.parse`, which spends about a second on 10 MB of brackets. */
export const NESTING_PRESCAN_CHARS = 1 << 20;

/**
 * Where `text` first opens a value deeper than `limit` levels (an index), or -1. Strings are skipped, so
 * brackets inside them do not count; a text with at most `limit` brackets is answered by a count alone.
 * Meant for large texts before `JSON.parse`: linear, and it stops at the first level too deep.
 */
export function nestingOverflow(text: string, limit: number): number {
  if (atMostOccurrences(text, '{', '[', limit)) return -1;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}

const SURROGATE_ESCAPE = /(\\+)u[dD]([89a-fA-F])[0-9a-fA-F]{2}/g;
const LOW_ESCAPE_AHEAD = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/;

/**
 * Where a well-formed `text` first spells an unpaired surrogate as a `\uXXXX` escape (the index of its
 * backslash), or -1. A `\u` after an odd run of backslashes is an escape; after an even run it is escaped
 * backslashes and text. A text that is not well-formed itself gets -1 (no verdict): a raw surrogate may
 * pair with an escaped one, which only a parse can tell. Meant for large texts before `JSON.parse`, which
 * is slow on hundreds of thousands of such escapes.
 */
export function loneSurrogateEscapeAt(text: string): number {
  if (text.indexOf('\\u') === -1 || !text.isWellFormed()) return -1;
  SURROGATE_ESCAPE.lastIndex = 0;
  for (let m = SURROGATE_ESCAPE.exec(text); m !== null; m = SURROGATE_ESCAPE.exec(text)) {
    const slashes = m[1].length;
    if (slashes % 2 === 0) continue;
    const at = m.index + slashes - 1;
    if (m[2].toLowerCase() >= 'c') return at;
    const end = m.index + m[0].length;
    if (!LOW_ESCAPE_AHEAD.test(text.slice(end, end + 6))) return at;
    SURROGATE_ESCAPE.lastIndex = end + 6;
  }
  return -1;
}
