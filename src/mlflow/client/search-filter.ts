/** MLflow search filter strings (`search-runs`' `filter`), built from values MLflow's syntax cannot always quote. */

/**
 * An MLflow search filter for "`identifier` equals `value`" (an attribute such as `run_id`, or
 * ``tags.`key` ``) that no value can break: a value without quotes or backslashes is quoted as is; one with
 * a backslash or both quotes becomes a `LIKE` pattern with `_` for each of those characters (PostgreSQL reads
 * a backslash in a pattern as an escape), so `exact` is false and the caller must compare the value itself.
 */
export function equalsFilter(identifier: string, value: string): { readonly filter: string; readonly exact: boolean } {
  if (!value.includes('\\')) {
    if (!value.includes("'")) return { filter: `${identifier} = '${value}'`, exact: true };
    if (!value.includes('"')) return { filter: `${identifier} = "${value}"`, exact: true };
  }
  return { filter: `${identifier} LIKE '${value.replace(/['"\\]/g, '_')}'`, exact: false };
}

/** {@link equalsFilter} for "tag `key` equals `value`": MLflow's filter strings have no escapes. */
export function tagEqualsFilter(key: string, value: string): { readonly filter: string; readonly exact: boolean } {
  return equalsFilter(`tags.\`${key}\``, value);
}

/** Values MLflow's `IN (…)` lists take without quoting concerns (they are read as Python literals): letters, digits, `_` and `-`. */
export function isPlainFilterValue(value: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(value);
}

/** `identifier IN ('a', 'b', …)` for plain values ({@link isPlainFilterValue}), at most `batch` values per filter. */
export function inListFilters(identifier: string, values: readonly string[], batch: number): string[] {
  const filters: string[] = [];
  for (let i = 0; i < values.length; i += batch) {
    filters.push(`${identifier} IN (${values.slice(i, i + batch).map((v) => `'${v}'`).join(', ')})`);
  }
  return filters;
}
