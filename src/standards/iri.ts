import ajvFormats from 'ajv-formats';

const format = ajvFormats.get('uri-reference', 'full');
if (!(format instanceof RegExp)) throw new Error('ajv-formats no longer exports uri-reference as a RegExp');
const URI_REFERENCE: RegExp = format;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** RFC 3987's mapping of an IRI to a URI: non-ASCII characters percent-encoded as UTF-8. */
function toUri(iri: string): string {
  return iri.replace(/[^\x00-\x7f]/gu, (c) => encodeURIComponent(c));
}

/** True when `text` is a non-empty IRI reference (RFC 3987), e.g. `s3://bucket/data.csv` or `data/train.csv`. */
export function isIriReference(text: string): boolean {
  return text !== '' && text.isWellFormed() && URI_REFERENCE.test(toUri(text));
}

/** True when `text` is an absolute IRI (with a scheme), e.g. `s3://bucket/data.csv`. */
export function isAbsoluteIri(text: string): boolean {
  return SCHEME.test(text) && isIriReference(text);
}
