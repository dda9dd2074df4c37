/** The feature selection rule: how much of the total importance the kept features must carry. */
export interface SelectionRule {
  /** Keep the fewest top-ranked features whose importances add up to at least this share (0–1]. */
  readonly cumulativeImportance: number;
  /** Never keep fewer than this many features. */
  readonly minFeatures: number;
}

/**
 * Ranks features by importance (highest first; equal importances keep the original order) and keeps the
 * shortest prefix of that ranking whose importances sum to at least `rule.cumulativeImportance` of the
 * total, and at least `rule.minFeatures` features. Returns the kept names in their original order.
 */
export function selectByImportance(names: readonly string[], importances: readonly number[], rule: SelectionRule): string[] {
  const total = importances.reduce((s, x) => s + x, 0);
  const ranked = names.map((name, i) => ({ name, i, share: total > 0 ? importances[i] / total : 0 }))
    .sort((a, b) => b.share - a.share || a.i - b.i);
  const kept: typeof ranked = [];
  let sum = 0;
  for (const feature of ranked) {
    if (kept.length >= rule.minFeatures && sum >= rule.cumulativeImportance) break;
    kept.push(feature);
    sum += feature.share;
  }
  return kept.sort((a, b) => a.i - b.i).map((f) => f.name);
}
