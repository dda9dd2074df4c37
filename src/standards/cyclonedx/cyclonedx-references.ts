import type { ValidationIssue } from '../../errors';

/** BOM-Links (`urn:cdx:…`) point into other documents and are not checked here. */
const BOM_LINK = 'urn:cdx:';

interface Found {
  readonly defined: Map<string, string>;
  readonly used: Array<readonly [string, string]>;
  readonly issues: ValidationIssue[];
}

function walk(value: unknown, path: string, found: Found): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walk(value[i], path === '' ? String(i) : `${path}.${i}`, found);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = record[key];
    const at = path === '' ? key : `${path}.${key}`;
    if (key === 'bom-ref' && typeof child === 'string') {
      const first = found.defined.get(child);
      if (first === undefined) found.defined.set(child, at);
      else found.issues.push({ path: at, message: `bom-ref ${JSON.stringify(child)} is not unique: ${first} has it too` });
    } else if (key === 'ref' && typeof child === 'string') {
      found.used.push([at, child]);
    } else if ((key === 'dependsOn' || key === 'provides') && Array.isArray(child)) {
      child.forEach((ref, i) => typeof ref === 'string' && found.used.push([`${at}.${i}`, ref]));
    } else {
      walk(child, at, found);
    }
  }
}

/**
 * What the CycloneDX JSON Schema cannot check: every `bom-ref` is unique in the document, and every
 * reference (`ref`, `dependsOn`, `provides`) names a `bom-ref` of the document (BOM-Links excepted).
 */
export function checkCycloneDxReferences(document: unknown): ValidationIssue[] {
  const found: Found = { defined: new Map(), used: [], issues: [] };
  walk(document, '', found);
  for (const [path, ref] of found.used) {
    if (!ref.startsWith(BOM_LINK) && !found.defined.has(ref)) found.issues.push({ path, message: `refers to ${JSON.stringify(ref)}, which no bom-ref in the document has` });
  }
  return found.issues;
}
