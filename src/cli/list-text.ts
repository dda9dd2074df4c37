import type { BomSummary } from '../store/bom-summary';
import { printable } from './printable';

/** `text` padded or cut to `width`, never between the two halves of a surrogate pair. */
function clip(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  const end = /[\ud800-\udbff]/.test(text.charAt(width - 2)) ? width - 2 : width - 1;
  return `${text.slice(0, end)}…`;
}

/**
 * The `list` table for people: start, id, model type and dataset, one BOM a line, then a count; strings from
 * the BOMs are escaped ({@link printable}) before they are padded or cut.
 */
export function listText(summaries: readonly BomSummary[], directory: string): string {
  const rows = summaries.map((s) => ({ start: printable(s.startTime), id: printable(s.id), model: printable(s.modelType), dataset: printable(s.datasetOrigin) }));
  const idWidth = Math.min(48, Math.max(2, ...rows.map((r) => r.id.length)));
  const modelWidth = Math.min(32, Math.max(5, ...rows.map((r) => r.model.length)));
  const startWidth = Math.max(5, ...rows.map((r) => Math.min(30, r.start.length)));
  const lines = rows.length === 0 ? [] : [`${'START'.padEnd(startWidth)}  ${'ID'.padEnd(idWidth)}  ${'MODEL'.padEnd(modelWidth)}  DATASET`];
  for (const r of rows) lines.push(`${clip(r.start, startWidth)}  ${clip(r.id, idWidth)}  ${clip(r.model, modelWidth)}  ${r.dataset}`);
  lines.push(`${rows.length} BOM${rows.length === 1 ? '' : 's'} in ${printable(directory)}`);
  return `${lines.join('\n')}\n`;
}
