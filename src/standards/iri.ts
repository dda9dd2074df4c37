import type * as AjvFormats from 'ajv-formats';

let uriReference: RegExp | undefined;

/** ajv-formats' RFC 3986 `uri-reference` pattern, loaded on the first check (only exports check IRIs). */
function uriReferencePattern(): RegExp {
  if (uriReference === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const format = (require('ajv-formats') as typeof AjvFormats).default.get('uri-reference', 'full');
    if (!(format instanceof RegExp)) throw new Error('ajv-formats no longer exports uri-reference as a RegExp');
    uriReference = format;
  }
  return uriReference;
}
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** RFC 3987's mapping of an IRI to a URI: non-ASCII characters percent-encoded as UTF-8. */
function toUri(iri: string): string {
  // eslint-disable-next-line no-control-regex -- \x00 bounds the ASCII range, it matches nothing by itself
  return iri.replace(/[^\x00-\x7f]/gu, (c) => encodeURIComponent(c));
}

/** True when `text` is a non-empty IRI reference (RFC 3987), e.g. `s3://bucket/data.csv` or `data/train.csv`. */
export function isIriReference(text: string): boolean {
  return text !== '' && text.isWellFormed() && uriReferencePattern().test(toUri(text));
}

/** True when `text` is an absolute IRI (with a scheme), e.g. `s3://bucket/data.csv`. */
export function isAbsoluteIri(text: string): boolean {
  return SCHEME.test(text) && isIriReference(text);
}
