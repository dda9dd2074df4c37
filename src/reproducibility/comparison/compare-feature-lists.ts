import type { FeatureListComparison } from './bom-comparison';

/** Added, removed and reordered features between two lists (duplicates count once, at their first place). */
export function compareFeatureLists(a: readonly string[], b: readonly string[]): FeatureListComparison {
  const inA = new Set(a);
  const inB = new Set(b);
  const added = [...inB].filter((f) => !inA.has(f));
  const removed = [...inA].filter((f) => !inB.has(f));
  const sharedA = [...inA].filter((f) => inB.has(f));
  const sharedB = [...inB].filter((f) => inA.has(f));
  const reordered = sharedA.some((f, i) => sharedB[i] !== f);
  const changed = a.length !== b.length || a.some((f, i) => b[i] !== f);
  return { added, removed, reordered, a: a.slice(), b: b.slice(), changed };
}
