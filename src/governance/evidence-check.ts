/** The shape of one check of the record (evidence-checks.ts holds them all) and the helpers they share. */
import type { AttestationStatus } from '../attestation/attestation-status';
import { redactText } from '../core/redaction';
import type { TrainingBOM } from '../models/training-bom';
import type { MetricHistory } from '../tracker/metric-series';
import type { EvidenceField, EvidenceStatus } from './evidence-types';

/** What a check reads: the BOM, its attestation status (undefined: unsigned) and its metric history (undefined: none given). */
export interface EvidenceContext {
  readonly bom: TrainingBOM;
  readonly attestation: AttestationStatus | undefined;
  readonly history: readonly MetricHistory[] | undefined;
}

/** What a check found. */
export interface CheckOutcome {
  readonly status: EvidenceStatus;
  readonly fields: readonly EvidenceField[];
  readonly missing: readonly string[];
  readonly problem?: string;
}

/** One fact of the record a framework item can ask for. */
export interface EvidenceCheck {
  readonly title: string;
  /** How to record it, shown when it is not answered. */
  readonly hint: string;
  run(context: EvidenceContext): CheckOutcome;
}

const SHOWN = 120;
/** Characters of a value looked at (a value may be 16 Mi characters long): redaction runs on these only. */
const LOOKED_AT = 65_536;

/** Untrusted text made short and redacted (credentials in URLs, signed-URL signatures): at most 120 characters. */
export function short(text: string, max = SHOWN): string {
  const redacted = redactText(text.slice(0, LOOKED_AT));
  if (redacted.length <= max) return redacted;
  return `${Array.from(redacted.slice(0, max + 1)).slice(0, max - 1).join('')}…`;
}

/** Names listed, the first `n` of them, each shortened: `a, b, c, … (12 in all)`. */
export function names(list: readonly string[], n = 5): string {
  const shown = list.slice(0, n).map((x) => short(x, 40));
  return list.length > n ? `${shown.join(', ')}, … (${list.length} in all)` : shown.join(', ');
}

/** A non-empty string (after trimming), else undefined. */
export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Collects the fields a check found and the paths it did not. */
export class Found {
  readonly fields: EvidenceField[] = [];
  readonly missing: string[] = [];

  /** Records `path` as found with `value` summarised, or as missing when `value` is undefined; returns whether found. */
  add(path: string, value: string | undefined): boolean {
    if (value === undefined) this.missing.push(path);
    else this.fields.push({ path, value });
    return value !== undefined;
  }

  /** answered when every path was found, missing when none was, partial otherwise. */
  outcome(problem?: string): CheckOutcome {
    const status: EvidenceStatus = this.missing.length === 0 ? 'answered' : this.fields.length === 0 ? 'missing' : 'partial';
    return { status, fields: this.fields, missing: this.missing, ...(problem === undefined ? {} : { problem }) };
  }

  /** A `failed` outcome: a value was found that cannot count. */
  failed(problem: string): CheckOutcome {
    return { status: 'failed', fields: this.fields, missing: this.missing, problem };
  }
}
