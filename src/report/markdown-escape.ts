import { printable } from '../core/printable';

const MARKDOWN_SPECIAL = /[\\`*_[\]()!|<>&~$]/g;

/**
 * Untrusted text for Markdown (a paragraph or a table cell): controls and bidi overrides become visible
 * `\uXXXX` escapes (the CLI's {@link printable} rule), then every character Markdown or GitHub's renderer reads as inline
 * syntax (emphasis, code, links, images, raw HTML, entities, strike-through, math, table borders) is backslash-escaped.
 * Line-start syntax (`#`, `-`, `1.`) needs no escape: these strings never start a line.
 */
export function escapeMarkdown(text: string): string {
  return printable(text).replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/** A Markdown table of untrusted cells (header cells are ours). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map((r) => line(r.map(escapeMarkdown)))].join('\n');
}
