import type { MetricHistory } from '../tracker/metric-series';
import { historyText } from './history-text';
import type { LoadedBom } from './load-bom';
import { historyBeside } from './load-history';
import { printable } from './printable';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from './sparkline';

/**
 * `show`'s history lines for a loaded BOM ('' when no history is stored with it): Unicode block sparklines, or
 * ASCII ones when `TERM=dumb`. A history that cannot be read is reported on standard error and left out.
 */
export async function sparklineSection(loaded: LoadedBom, all: boolean): Promise<string> {
  let history: MetricHistory[] | undefined;
  try {
    history = await historyBeside(loaded);
  } catch (error) {
    process.stderr.write(`training-bom: ${printable(loaded.source)}: metric history not shown: ${printable(error instanceof Error ? error.message : String(error))}\n`);
    return '';
  }
  if (history === undefined) return '';
  const glyphs = process.env.TERM === 'dumb' ? ASCII_GLYPHS : UNICODE_GLYPHS;
  return `${historyText(history, all, glyphs).join('\n')}\n`;
}
