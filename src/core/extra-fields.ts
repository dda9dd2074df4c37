import type { SafeDict } from './safe-dict';

/** Where a model instance keeps wire fields the model does not declare, so they round-trip unchanged. */
export const EXTRA_FIELDS = Symbol('training-bom:extraFields');

/** The unknown fields kept on an instance, if any. */
export function extraFieldsOf(instance: object): SafeDict | undefined {
  return (instance as { [EXTRA_FIELDS]?: SafeDict })[EXTRA_FIELDS];
}

/** Attaches unknown fields to an instance (non-enumerable, so validators and spreads ignore them). */
export function setExtraFields(instance: object, extras: SafeDict): void {
  Object.defineProperty(instance, EXTRA_FIELDS, { value: extras, enumerable: false, writable: true, configurable: true });
}
