/**
 * One line of `sha256sum`'s output for a file: `<hex>  <name>\n`, escaped as GNU coreutils 9 escapes
 * names holding `\`, `\n` or `\r` (a leading `\`, then `\\`, `\n`, `\r`).
 */
export function manifestLine(hex: string, name: string): string {
  if (!/[\\\n\r]/.test(name)) return `${hex}  ${name}\n`;
  const escaped = name.replace(/[\\\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : '\\r'));
  return `\\${hex}  ${escaped}\n`;
}
