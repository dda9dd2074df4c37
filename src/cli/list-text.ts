import type { BomSummary } from '../store/bom-summary';

const clip = (text: string, width: number): string => (text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`);

/** The `list` table for people: start, id, model type and dataset, one BOM a line, then a count. */
export function listText(summaries: readonly BomSummary[], directory: string): string {
  const idWidth = Math.min(48, Math.max(2, ...summaries.map((s) => s.id.length)));
  const modelWidth = Math.min(32, Math.max(5, ...summaries.map((s) => s.modelType.length)));
  const startWidth = Math.max(5, ...summaries.map((s) => Math.min(30, s.startTime.length)));
  const lines = summaries.length === 0 ? [] : [`${'START'.padEnd(startWidth)}  ${'ID'.padEnd(idWidth)}  ${'MODEL'.padEnd(modelWidth)}  DATASET`];
  for (const s of summaries) lines.push(`${clip(s.startTime, startWidth)}  ${clip(s.id, idWidth)}  ${clip(s.modelType, modelWidth)}  ${s.datasetOrigin}`);
  lines.push(`${summaries.length} BOM${summaries.length === 1 ? '' : 's'} in ${directory}`);
  return `${lines.join('\n')}\n`;
}
