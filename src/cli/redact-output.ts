/**
 * What the CLI prints about a BOM goes through the redaction policy, in human and `--json` output alike: a
 * BOM from elsewhere may carry a signed URL or a password the tracker would have redacted. The BOM files
 * themselves are not changed (`export` and the store copy documents as they are).
 */
import type { JsonValue } from '../core/json-types';
import { redactJson } from '../core/redact-json';
import { REDACTED, redactText } from '../core/redaction';
import { isSecretName } from '../core/secret-names';
import type { BomComparison, DictComparison, FieldChange } from '../reproducibility/comparison/bom-comparison';
import type { BomSummary } from '../store/bom-summary';

/** A `list` row with its dataset origin and location redacted. */
export function redactSummary(summary: BomSummary): BomSummary {
  return { ...summary, datasetOrigin: redactText(summary.datasetOrigin), location: redactText(summary.location) };
}

function dict(d: DictComparison, byName: boolean): DictComparison {
  const value = (key: string, v: JsonValue): JsonValue => (byName && isSecretName(key) ? REDACTED : redactJson(v, byName ? isSecretName : undefined));
  return {
    added: d.added.map((x) => ({ key: x.key, value: value(x.key, x.value) })),
    removed: d.removed.map((x) => ({ key: x.key, value: value(x.key, x.value) })),
    changed: d.changed.map((x) => ({ key: x.key, a: value(x.key, x.a), b: value(x.key, x.b) })),
  };
}

const fields = (changes: readonly FieldChange[]): FieldChange[] => changes.map((c) => ({ field: c.field, a: redactJson(c.a), b: redactJson(c.b) }));

/**
 * A comparison as `diff` prints it: secret-looking params and data-quality entries show `***REDACTED***` on
 * both sides (a change is still reported), every other string value is redacted by the text rules.
 */
export function redactComparison(c: BomComparison): BomComparison {
  return {
    ...c,
    params: dict(c.params, true),
    seeds: dict(c.seeds, false),
    dataQuality: dict(c.dataQuality, true),
    dataset: fields(c.dataset),
    model: fields(c.model),
    environment: fields(c.environment),
  };
}
