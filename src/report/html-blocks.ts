import type { JsonDict, JsonValue } from '../core/json-types';
import { bdi, escapeHtml } from './html-escape';
import { displayValue } from './run-view';

/** Rows of a two-column table, both columns untrusted text; an empty list says `(none)`. */
export function keyValueTable(caption: string, rows: readonly (readonly [string, string])[]): string {
  if (rows.length === 0) return `<p class="none">${escapeHtml(caption)}: none recorded.</p>`;
  const body = rows.map(([k, v]) => `<tr><th scope="row">${bdi(k)}</th><td>${bdi(v)}</td></tr>`).join('');
  return `<table class="kv"><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">name</th><th scope="col">value</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** A dictionary's entries as rows, nested objects flattened to dotted paths (at most `limit` rows). */
export function flatRows(value: JsonValue | undefined, limit = 2000): [string, string][] {
  const rows: [string, string][] = [];
  const walk = (v: JsonValue, path: string, depth: number): void => {
    if (rows.length >= limit) return;
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && depth < 8 && Object.keys(v).length > 0) {
      for (const k of Object.keys(v)) walk(v[k], path === '' ? k : `${path}.${k}`, depth + 1);
    } else rows.push([path, displayValue(v)]);
  };
  if (value !== undefined) walk(value, '', 0);
  return rows;
}

/** A dictionary as a table of its entries, values for people. */
export function dictTable(caption: string, dict: JsonDict): string {
  return keyValueTable(caption, Object.keys(dict).map((k) => [k, displayValue(dict[k])]));
}

/** Names as a list, or `none`. */
export function nameList(names: readonly string[]): string {
  if (names.length === 0) return '<p class="none">none</p>';
  return `<ul class="names">${names.map((n) => `<li>${bdi(n)}</li>`).join('')}</ul>`;
}

/** A `<section>` with a heading. */
export function section(id: string, heading: string, body: string, level = 2): string {
  return `<section id="${id}" aria-labelledby="${id}-h"><h${level} id="${id}-h">${escapeHtml(heading)}</h${level}>${body}</section>`;
}
