import { randomBytes } from 'node:crypto';
import { toIsoUtc } from '../core/clock';

/** A unique run id such as `run-20240905T100000Z-1a2b3c4d`, from the start time and 4 random bytes. */
export function generateRunId(now: number): string {
  const stamp = toIsoUtc(now).replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `run-${stamp}-${randomBytes(4).toString('hex')}`;
}
