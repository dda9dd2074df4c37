/**
 * DSSE's pre-authentication encoding (protocol.md): what is signed is
 * `"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, LEN the decimal byte length without leading zeros.
 */
export function preAuthEncoding(payloadType: string, body: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'latin1'), type, Buffer.from(` ${body.length} `, 'latin1'), body]);
}
