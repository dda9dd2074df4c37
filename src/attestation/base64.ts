import { AttestationError } from '../errors';

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;

/**
 * Decodes standard or URL-safe base64 (DSSE verifiers must accept both), padded or not. Only the canonical
 * encoding of the bytes is accepted: a string whose unused trailing bits are set, which `Buffer.from`
 * would silently read as the same bytes, is refused, so no two texts of one signature both verify.
 * @throws {@link AttestationError} (`envelope`) naming `what` when the text is not base64.
 */
export function decodeBase64(text: string, what: string): Buffer {
  if (!STANDARD.test(text) && !URL_SAFE.test(text)) throw new AttestationError('envelope', `${what} is not base64`);
  const bare = text.replace(/=+$/, '');
  const padded = text.length !== bare.length;
  if (bare.length % 4 === 1 || (padded && text.length % 4 !== 0)) throw new AttestationError('envelope', `${what} is not base64 (bad length or padding)`);
  const bytes = Buffer.from(bare.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== bare.replace(/-/g, '+').replace(/_/g, '/')) {
    throw new AttestationError('envelope', `${what} is not canonical base64 (trailing bits set)`);
  }
  return bytes;
}
