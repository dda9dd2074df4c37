/**
 * Characters a terminal must not receive raw from untrusted text: C0 and C1 controls (newlines, carriage
 * returns and the ESC of ANSI sequences included), DEL, line and paragraph separators, the bidirectional
 * controls that reorder what is shown (U+061C, U+200E-F, U+202A-E, U+2066-9) and unpaired surrogates.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_OR_BACKSLASH = new RegExp(`\\\\|${UNSAFE.source}`, 'g');

const hex = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text safe to print as part of one output line: backslashes and every character of {@link UNSAFE} become
 * `\\`, `\n`, `\t`, `\r` or `\uXXXX` escapes, so a hostile key can neither forge another line, nor send
 * the terminal an escape sequence, nor reorder the line, nor be garbled by UTF-8 output.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE_OR_BACKSLASH, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return hex(c);
  });
}

/**
 * JSON text (possibly cut short) made safe to print the same way, with JSON's own `\uXXXX` escapes and its
 * backslashes left as they are, so the text still reads as the JSON it is.
 */
export function printableJson(json: string): string {
  return json.replace(UNSAFE, hex);
}
