import { BomValidationError } from '../errors';
import { isPlainObject } from '../validation/json-value';
import { describeValue } from '../validation/messages';
import { validateBom } from '../validation/validate-bom';
import { fromPlain } from './from-wire';
import { assumingWellFormed, jsonTextIsWellFormed } from '../validation/well-formed';

/** Options of `TrainingBOM.parse`. */
export interface ParseOptions {
  /**
   * Strict mode: reject unknown fields, require ISO 8601 timestamps with end >= start, selected features
   * drawn from the original features, and finite numeric metrics. Default false (the reference's rules).
   */
  readonly strict?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function fail(message: string): never {
  throw new BomValidationError([{ path: '', message }]);
}

function decodeText(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return utf8.decode(input);
  } catch {
    return fail('is not valid UTF-8');
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Parses JSON text or a plain object into a validated model instance.
 * @throws {BomValidationError} with wire paths; path `''` for problems with the document as a whole.
 */
export function parseBom<T extends object>(cls: new () => T, input: unknown, options: ParseOptions = {}): T {
  const isText = typeof input === 'string' || input instanceof Uint8Array;
  const text = isText ? decodeText(input) : undefined;
  const plain = isText ? parseJson(text as string) : input;
  if (!isPlainObject(plain)) fail(`must be a JSON object, got ${describeValue(plain)}`);
  const wellFormed = text !== undefined && jsonTextIsWellFormed(text);
  const instance = fromPlain(cls, plain, 'wire', !isText ? 'caller' : wellFormed ? 'parsed-well-formed' : 'parsed');
  const validate = (): void => validateBom(instance, { strict: options.strict === true });
  if (wellFormed) assumingWellFormed(validate);
  else validate();
  return instance;
}
