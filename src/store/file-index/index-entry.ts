import type { BigIntStats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BomValidationError } from '../../errors';
import { paramText } from '../../mlflow/bom/conventions';
import type { TrainingBOM } from '../../models/training-bom';
import { sweepParentOf } from '../../mlflow/bom/query-index';
import { bomDatasetDigest, bomMetric } from '../bom-query-match';
import { bomTimeMs } from '../bom-time-ms';

/** What the index keeps of one BOM file: its identity on disk, and the queried fields when it is a valid BOM. */
export interface IndexEntry {
  readonly file: string;
  readonly size: number;
  readonly mtime: string;
  readonly ino: string;
  /** Undefined for a file that is not a valid BOM: then `problem` says why. */
  readonly bom?: TrainingBOM;
  /** JSON `{ issues }` (a BomValidationError) or `{ message }` (anything else). */
  readonly problem?: string;
}

/** The file's identity as the index compares it (size, modification time in ns, inode). */
export function fileIdentity(s: BigIntStats): { size: number; mtime: string; ino: string } {
  return { size: Number(s.size), mtime: s.mtimeNs.toString(), ino: s.ino.toString() };
}

/** The entry of `file` in `directory`, or undefined when it is gone. */
export async function readEntry(directory: string, file: string): Promise<IndexEntry | undefined> {
  const path = join(directory, file);
  try {
    const identity = fileIdentity(await stat(path, { bigint: true }));
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- only a resync or a write parses BOMs
      const { TrainingBOM: model } = require('../../models/training-bom') as typeof import('../../models/training-bom');
      return { file, ...identity, bom: model.parse(await readFile(path)) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      const problem = error instanceof BomValidationError ? { issues: error.issues } : { message: error instanceof Error ? error.message : String(error) };
      return { file, ...identity, problem: JSON.stringify(problem) };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The error `list` hands to `onSkip` for a file the index recorded as not a valid BOM. */
export function problemError(path: string, problem: string): Error {
  const parsed = JSON.parse(problem) as { issues?: BomValidationError['issues']; message?: string };
  if (parsed.issues !== undefined) return new BomValidationError(parsed.issues, `${path} is not a valid training BOM`);
  return new Error(parsed.message ?? 'unreadable');
}

/** The rows a valid BOM adds to the features, params and metrics tables. */
export function entryFacts(bom: TrainingBOM): { features: string[]; params: Array<[string, string]>; metrics: Array<[string, number]> } {
  const features = [...new Set([...bom.featureInfo.originalFeatures, ...bom.featureInfo.selectedFeatures])];
  const params = Object.keys(bom.mlflowParams).map((k): [string, string] => [k, paramText(bom.mlflowParams[k])]);
  const metrics: Array<[string, number]> = [];
  for (const k of Object.keys(bom.mlflowMetrics)) {
    const v = bomMetric(bom, k);
    if (v !== undefined) metrics.push([k, v]);
  }
  return { features, params, metrics };
}

/** The scalar columns of a valid BOM's row. */
export function entryColumns(bom: TrainingBOM): { startMs: number | undefined; digest: string | undefined; sweep: string | undefined } {
  return { startMs: bomTimeMs(bom.startTime), digest: bomDatasetDigest(bom), sweep: sweepParentOf(bom) };
}
