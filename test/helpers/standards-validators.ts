import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The official SPDX 3.0.1 files (schema, context, SHACL model), copied into the repository; read by tests only. */
export const SPDX_DIR = resolve(__dirname, '../fixtures/spdx-3.0.1');

const cycloneDx = new Map<string, InstanceType<typeof Validation.JsonStrictValidator>>();

/** Validation errors of a document against the official CycloneDX schema (the library's strict validator), or null. */
export async function cycloneDxErrors(document: unknown, version: '1.6' | '1.7'): Promise<unknown> {
  let validator = cycloneDx.get(version);
  if (validator === undefined) {
    validator = new Validation.JsonStrictValidator(version === '1.6' ? Spec.Version.v1dot6 : Spec.Version.v1dot7);
    cycloneDx.set(version, validator);
  }
  return validator.validate(JSON.stringify(document));
}

let spdx: ValidateFunction | undefined;

/** Validation errors of a document against the official SPDX 3.0.1 JSON Schema (ajv, draft 2020-12), or null. */
export function spdxSchemaErrors(document: unknown): ErrorObject[] | null {
  if (spdx === undefined) {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    spdx = ajv.compile(JSON.parse(readFileSync(resolve(SPDX_DIR, 'spdx-3.0.1-schema.json'), 'utf8')) as object);
  }
  return spdx(JSON.parse(JSON.stringify(document))) ? null : (spdx.errors ?? []);
}
