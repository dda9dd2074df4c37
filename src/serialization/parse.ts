import { BomValidationError, InvalidArgumentError } from '../errors';
import { DEFAULT_MAX_INPUT_BYTES } from '../validation/limits';
import { isPlainObject } from '../validation/json-value';
import { describeValue } from '../validation/messages';
import { validateBom } from '../validation/validate-bom';
import { fromPlain } from './from-wire';
import { assumingWellFormed } from '../validation/well-formed';
import { jsonTextFacts, loneSurrogateEscapeAt, NESTING_PRESCAN_CHARS, nestingOverflow, NO_TEXT_FACTS, type JsonTextFacts } from '../validation/json-text-facts';
import { MAX_JSON_DEPTH } from '../validation/json-value';

/** Options of `TrainingBOM.parse`. */
export interface ParseOptions {
  /**
   * Strict mode: reject unknown fields, require ISO 8601 timestamps with end >= start, selected features
   * drawn from the original features, and finite numeric metrics. Default false (the reference's rules).
   */
  readonly strict?: boolean;
  /**
   * Largest text accepted, in UTF-8 bytes (default 256 MiB); a larger one is a `BomValidationError` at
   * the document, before any JSON is parsed. Objects are not measured.
   */
  readonly maxInputBytes?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function fail(message: string): never {
  throw new BomValidationError([{ path: '', message }]);
}

function checkSize(input: string | Uint8Array, max: number): void {
  // A UTF-16 code unit takes 1 to 3 UTF-8 bytes: count bytes only when the text could be too large.
  const bytes = typeof input !== 'string' ? input.byteLength : input.length * 3 <= max ? 0 : Buffer.byteLength(input, 'utf8');
  if (bytes > max) fail(`is ${bytes} bytes, larger than the limit of ${max} (ParseOptions.maxInputBytes)`);
}

function maxInputBytes(options: ParseOptions): number {
  const max = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (!Number.isSafeInteger(max) || max <= 0) throw new InvalidArgumentError('maxInputBytes', `must be a positive integer, got ${String(max)}`);
  return max;
}

function decodeText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return utf8.decode(input);
  } catch {
    return fail('is not valid UTF-8');
  }
}

/**
 * JSON.parse of the text. A text of a MiB or more whose facts do not already rule them out is first checked
 * for deep nesting and unpaired surrogate escapes, on which JSON.parse spends up to seconds.
 */
function parseJson(text: string, facts: JsonTextFacts): unknown {
  if (text.length >= NESTING_PRESCAN_CHARS) {
    const at = facts.withinLimits ? -1 : nestingOverflow(text, MAX_JSON_DEPTH);
    if (at !== -1) fail(`is nested deeper than ${MAX_JSON_DEPTH} levels (at character ${at}); a text of a MiB or more is checked before it is parsed`);
    const lone = facts.wellFormed ? -1 : loneSurrogateEscapeAt(text);
    if (lone !== -1) fail(`holds an unpaired surrogate escape ${JSON.stringify(text.slice(lone, lone + 6)).slice(1, -1)} at character ${lone}, which the reference rejects; a text of a MiB or more is checked before it is parsed`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Parses JSON text or a plain object into a validated model instance.
 * @throws {BomValidationError} with wire paths; path `''` for problems with the document as a whole.
 * @throws {InvalidArgumentError} when `maxInputBytes` is not a positive integer.
 */
export function parseBom<T extends object>(cls: new () => T, input: unknown, options: ParseOptions = {}): T {
  const max = maxInputBytes(options);
  const isText = typeof input === 'string' || input instanceof Uint8Array;
  if (isText) checkSize(input, max);
  const text = isText ? decodeText(input) : undefined;
  const facts = text === undefined ? NO_TEXT_FACTS : jsonTextFacts(text);
  const plain = text !== undefined ? parseJson(text, facts) : input;
  if (!isPlainObject(plain)) fail(`must be a JSON object, got ${describeValue(plain)}`);
  const instance = fromPlain(cls, plain, 'wire', text === undefined ? 'caller' : facts);
  const validate = (): void => validateBom(instance, { strict: options.strict === true });
  if (facts.wellFormed) assumingWellFormed(validate);
  else validate();
  return instance;
}
