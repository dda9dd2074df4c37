/** The check of the record's signature: its DSSE attestation, verified with the given keys. */
import { Found, short, type EvidenceCheck } from './evidence-check';

/** `signature`: the BOM's attestation (beside it in the file store, `training_bom.intoto.json` in MLflow). */
export const signature: EvidenceCheck = {
  title: 'a signature over the record, verified',
  hint: 'sign at finalize (new TrainingWorkflowTracker({ sign: { key } })) or afterwards (training-bom sign); verify with the public key (--key, or the keys option)',
  run({ attestation }) {
    const found = new Found();
    if (attestation === undefined || !attestation.signed) {
      found.add('attestation', undefined);
      return found.outcome();
    }
    if (attestation.verified === true) {
      found.add('attestation', `verified, signed by keyid ${short(attestation.keyid ?? '?', 80)}`);
      return found.outcome();
    }
    if (attestation.verified === false) {
      found.add('attestation', 'signed, NOT verified');
      return found.failed(short(attestation.problem ?? 'the attestation does not verify', 300));
    }
    const hinted = attestation.signatureKeyids.length === 0 ? '' : ` (signature keyid ${attestation.signatureKeyids.slice(0, 2).map((k) => short(k, 80)).join(', ')})`;
    found.add('attestation', `signed${hinted}, not verified`);
    return { ...found.outcome(), status: 'partial', problem: 'no public key was given to verify it with' };
  },
};
