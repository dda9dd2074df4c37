import { createHash } from 'node:crypto';

/** RFC 4122's namespace for URLs (`6ba7b811-…`). */
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** An RFC 4122 version 5 (SHA-1, name-based) UUID in lowercase: the same name always gives the same UUID. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The namespace of training BOM ids: `uuidV5('https://www.npmjs.com/package/training-bom', NAMESPACE_URL)`. */
export const BOM_ID_NAMESPACE = uuidV5('https://www.npmjs.com/package/training-bom', NAMESPACE_URL);

/** The UUID that stands for one training BOM in every document exported from it. */
export function bomUuid(bomId: string): string {
  return uuidV5(bomId, BOM_ID_NAMESPACE);
}
