import { printable } from '../core/printable';

const HTML_SPECIAL = /[&<>"']/g;
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Untrusted text for HTML text or a quoted attribute value: controls, bidi overrides, separators and lone
 * surrogates become visible `\uXXXX` escapes (the CLI's {@link printable} rule), then `& < > " '` become entities.
 */
export function escapeHtml(text: string): string {
  return printable(text).replace(HTML_SPECIAL, (c) => ENTITY[c]);
}

/** Untrusted text as HTML text isolated from its surroundings' direction (`<bdi>`), escaped by {@link escapeHtml}. */
export function bdi(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON text safe inside `<script type="application/json">`: `<`, `>`, `&`, U+2028 and U+2029 become `\u` escapes,
 * so no `</script>` or `<!--` can end or change the element, and the text still parses to the same value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
