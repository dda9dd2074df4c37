/** MLflow search filter strings (`search-runs`' `filter`), built from values MLflow's syntax cannot always quote. */

/**
 * An MLflow search filter for "tag `key` equals `value`". MLflow's filter strings have no escapes: a value
 * is quoted with `'` or `"` and may not contain that quote. A value holding both becomes a `LIKE` pattern
 * with `_` for each quote (and its own `%` and `_` match more than themselves), so `exact` is false and the
 * caller must compare the tag itself.
 */
export function tagEqualsFilter(key: string, value: string): { readonly filter: string; readonly exact: boolean } {
  const tag = `tags.\`${key}\``;
  if (!value.includes("'")) return { filter: `${tag} = '${value}'`, exact: true };
  if (!value.includes('"')) return { filter: `${tag} = "${value}"`, exact: true };
  return { filter: `${tag} LIKE '${value.replace(/['"]/g, '_')}'`, exact: false };
}
