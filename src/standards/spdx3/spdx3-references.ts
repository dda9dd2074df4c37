import type { ValidationIssue } from '../../errors';
import type { Spdx3Document } from './spdx3-types';

/** Properties whose values name other objects of the document. */
const REFERENCES = ['creationInfo', 'createdBy', 'createdUsing', 'suppliedBy', 'originatedBy', 'from', 'to', 'rootElement', 'element', 'dataLicense'];
/** SPDX's own individuals, defined by the model rather than by the document. */
const INDIVIDUAL = /^(expandedlicensing_NoAssertionLicense|expandedlicensing_NoneLicense|NoAssertionElement|NoneElement|SpdxOrganization)$/;

/**
 * What the SPDX JSON Schema cannot check: every `spdxId` and `@id` is unique, and every reference names an
 * object of the document or one of SPDX's individuals (`expandedlicensing_NoAssertionLicense`, …).
 */
export function checkSpdx3References(document: Spdx3Document): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const ids = new Map<string, number>();
  document['@graph'].forEach((object, i) => {
    const id = object.spdxId ?? object['@id'];
    if (typeof id !== 'string') return;
    const first = ids.get(id);
    if (first === undefined) ids.set(id, i);
    else issues.push({ path: `@graph.${i}`, message: `id ${JSON.stringify(id)} is not unique: @graph.${first} has it too` });
  });
  document['@graph'].forEach((object, i) => {
    for (const key of REFERENCES) {
      const value = object[key];
      const refs = Array.isArray(value) ? value : value === undefined ? [] : [value];
      refs.forEach((ref: unknown, j) => {
        if (typeof ref === 'string' && (ids.has(ref) || INDIVIDUAL.test(ref))) return;
        const path = Array.isArray(value) ? `@graph.${i}.${key}.${j}` : `@graph.${i}.${key}`;
        issues.push({ path, message: `refers to ${JSON.stringify(ref)}, which is not an object of the document` });
      });
    }
  });
  return issues;
}
