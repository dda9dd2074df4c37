/** `assessEvidence`: which items of a framework a BOM answers, with the fields that answer them and what is missing. */
import { attestationStatus, type AttestationStatus } from '../attestation/attestation-status';
import { InvalidArgumentError } from '../errors';
import { TrainingBOM } from '../models/training-bom';
import { evidenceFramework } from './evidence-framework';
import type { EvidenceContext } from './evidence-check';
import { EVIDENCE_CHECKS } from './evidence-checks';
import type { AssessEvidenceOptions, EvidenceAssessment, EvidenceCheckResult, EvidenceItemResult, EvidenceStatus } from './evidence-types';

/** The status of an item from its checks': failed if one failed, answered if all answered, missing if all missing, else partial. */
function itemStatus(checks: readonly EvidenceCheckResult[]): EvidenceStatus {
  if (checks.some((c) => c.status === 'failed')) return 'failed';
  if (checks.every((c) => c.status === 'answered')) return 'answered';
  if (checks.every((c) => c.status === 'missing')) return 'missing';
  return 'partial';
}

async function signatureOf(bom: TrainingBOM, options: AssessEvidenceOptions): Promise<AttestationStatus | undefined> {
  if (options.attestationStatus !== undefined) return options.attestationStatus;
  if (options.attestation === undefined) return undefined;
  return attestationStatus(bom, options.attestation, options.keys ?? []);
}

/**
 * Assesses a BOM against a framework's items (docs/governance.md): each item's checks read the record's fields
 * (and the attestation and metric history given), and say answered, partial, missing or failed, with the
 * fields that answer them, summarised and redacted, and a hint for what is missing. `passed` is false when a
 * required item is missing or failed (with `strict`, also partial). A checklist of what the record says,
 * not a finding of compliance.
 * @throws InvalidArgumentError for an unknown framework or a value that is not a TrainingBOM.
 */
export async function assessEvidence(bom: TrainingBOM, options: AssessEvidenceOptions): Promise<EvidenceAssessment> {
  if (!(bom instanceof TrainingBOM)) throw new InvalidArgumentError('bom', 'must be a TrainingBOM');
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError('options', 'must be an object with the framework');
  const framework = evidenceFramework(options.framework);
  if (options.history !== undefined && !Array.isArray(options.history)) throw new InvalidArgumentError('history', 'must be an array of metric histories');
  const context: EvidenceContext = { bom, attestation: await signatureOf(bom, options), history: options.history };
  const strict = options.strict === true;
  const cache = new Map<string, EvidenceCheckResult>();
  const items: EvidenceItemResult[] = framework.items.map(({ checks: ids, ...item }) => {
    const checks = ids.map((id) => {
      let result = cache.get(id);
      if (result === undefined) {
        const check = EVIDENCE_CHECKS[id];
        const outcome = check.run(context);
        result = { check: id, title: check.title, ...outcome, ...(outcome.status === 'answered' ? {} : { hint: check.hint }) };
        cache.set(id, result);
      }
      return result;
    });
    return { ...item, status: itemStatus(checks), checks };
  });
  const counts: Record<EvidenceStatus, number> = { answered: 0, partial: 0, missing: 0, failed: 0 };
  for (const item of items) counts[item.status]++;
  const failing = (s: EvidenceStatus): boolean => s === 'missing' || s === 'failed' || (strict && s === 'partial');
  return {
    framework: { id: framework.id, title: framework.title, document: framework.document },
    bomId: bom.id,
    passed: !items.some((i) => i.required && failing(i.status)),
    strict,
    counts,
    items,
    notCovered: framework.notCovered,
  };
}
