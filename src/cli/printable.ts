/**
 * Text safe to print as part of one output line: backslashes, control characters (newlines
 * included), line and paragraph separators and unpaired surrogates become `\\`, `\n`, `\uXXXX`
 * escapes, so a hostile key can neither forge another line nor be garbled by UTF-8 output.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
