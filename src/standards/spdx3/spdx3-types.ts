/** The shape of the SPDX 3.0.1 JSON-LD documents that `toSpdx3` writes; the official JSON Schema is the authority. */

/** One object of `@graph`: an element (with `spdxId`) or a `CreationInfo` (with `@id`). */
export interface Spdx3GraphObject {
  /** The class, as the SPDX context names it (`ai_AIPackage`, `Relationship`, …). */
  type: string;
  /** The element's IRI. */
  spdxId?: string;
  /** A blank node id (`_:creationinfo`), for objects that are not elements. */
  '@id'?: string;
  /** The object's other properties, as the SPDX 3.0.1 context names them. */
  [property: string]: unknown;
}

/** An SPDX 3.0.1 JSON-LD document. */
export interface Spdx3Document {
  /** Always `https://spdx.org/rdf/3.0.1/spdx-context.jsonld`. */
  '@context': string;
  /** Every object of the document. */
  '@graph': Spdx3GraphObject[];
}
