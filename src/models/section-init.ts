import { BomValidationError } from '../errors';
import { fillFromPlain } from '../serialization/from-wire';
import { isPlainObject } from '../validation/json-value';
import { describeValue } from '../validation/messages';
import { validateBom } from '../validation/validate-bom';

/**
 * Fills a freshly constructed model from its init object and validates it, as pydantic's constructor does.
 * @throws {BomValidationError} when the init object is not an object or any field is invalid.
 */
export function initSection<T extends object>(self: T, cls: new () => T, init: unknown): void {
  if (!isPlainObject(init)) {
    throw new BomValidationError([{ path: '', message: `must be an object, got ${describeValue(init)}` }], `Invalid ${cls.name}`);
  }
  fillFromPlain(self, init, 'init');
  validateBom(self, { rejectUnknownFields: true }, `Invalid ${cls.name}`);
}
