import { expect } from 'chai';
import { assessEvidence, evidenceFrameworks, InvalidArgumentError, signBom, type EvidenceAssessment, type EvidenceCheckResult, type TrainingBOM } from '../../../src';
import { keyPair } from '../../helpers/attestation-fixtures';
import { completeBom, editedBom, emptyBom, lossHistory } from '../../helpers/evidence-fixtures';

const EU = 'eu-ai-act-annex-iv';
const NIST = 'nist-ai-rmf';

function check(a: EvidenceAssessment, id: string): EvidenceCheckResult {
  const found = a.items.flatMap((i) => i.checks).find((c) => c.check === id);
  if (found === undefined) throw new Error(`no check ${id}`);
  return found;
}

const eu = (bom: TrainingBOM, extra: Partial<Parameters<typeof assessEvidence>[1]> = {}): Promise<EvidenceAssessment> => assessEvidence(bom, { framework: EU, ...extra });

describe('assessEvidence', () => {
  const signer = keyPair('ed25519');
  const other = keyPair('ecdsa-p256');

  describe('whole frameworks', () => {
    it('answers every item of both frameworks for a complete BOM with its history and a verified signature', async () => {
      const bom = completeBom();
      for (const framework of evidenceFrameworks()) {
        const a = await assessEvidence(bom, { framework: framework.id, history: lossHistory(), attestation: signBom(bom, signer.privateKeyPem), keys: [signer.publicKeyPem] });
        expect(a.items.filter((i) => i.status !== 'answered').map((i) => `${i.id}: ${i.status}`), framework.id).to.deep.equal([]);
        expect(a.passed).to.equal(true);
        expect(a.counts).to.deep.equal({ answered: framework.items.length, partial: 0, missing: 0, failed: 0 });
        expect(a.items.flatMap((i) => i.checks).every((c) => c.hint === undefined)).to.equal(true);
      }
    });

    it('misses every item of a BOM that records nothing, with a hint for each check, and fails', async () => {
      for (const framework of [EU, NIST]) {
        const a = await assessEvidence(emptyBom(), { framework });
        expect(a.items.map((i) => i.status).every((s) => s === 'missing'), framework).to.equal(true);
        expect(a.passed).to.equal(false);
        expect(a.items.flatMap((i) => i.checks).every((c) => typeof c.hint === 'string' && c.hint.length > 10)).to.equal(true);
      }
    });

    it('passes with a partial required item, and fails it with strict', async () => {
      const bom = completeBom();
      const options = { history: lossHistory(), attestation: signBom(bom, signer.privateKeyPem) };   // signed, no key: partial
      const lax = await eu(bom, options);
      expect(lax.items.find((i) => i.id === '2g-signed')?.status).to.equal('partial');
      expect(lax.passed).to.equal(true);
      const strict = await eu(bom, { ...options, strict: true });
      expect([strict.passed, strict.strict]).to.deep.equal([false, true]);
    });

    it('passes when only optional items are missing', async () => {
      const bom = editedBom((d) => delete (d.additional_values as Record<string, unknown>).model_artifacts);
      const a = await eu(bom, { history: lossHistory(), attestation: signBom(bom, signer.privateKeyPem, { subjects: [{ name: 'm', digest: `sha256:${'1'.repeat(64)}` }] }), keys: [signer.publicKeyPem] });
      expect(a.items.find((i) => i.id === '1a-model-files')?.status).to.equal('missing');
      expect(a.passed).to.equal(true);
    });

    it('refuses an unknown framework and a value that is not a TrainingBOM', async () => {
      let error: unknown;
      await assessEvidence(completeBom(), { framework: 'sox' }).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(InvalidArgumentError);
      error = undefined;
      await assessEvidence({ id: 'x' } as unknown as TrainingBOM, { framework: EU }).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(InvalidArgumentError).with.property('message').that.matches(/^bom: must be a TrainingBOM/);
    });
  });

  describe('the data checks', () => {
    it('dataset-origin and dataset-digest give the values that answer them', async () => {
      const a = await eu(completeBom());
      expect(check(a, 'dataset-origin').fields).to.deep.equal([{ path: 'dataset_info.origin', value: 's3://ml-data-bucket/training-data-v2.0.parquet' }]);
      expect(check(a, 'dataset-digest')).to.include({ status: 'answered' }).and.have.deep.property('fields', [{ path: 'additional_values.dataset.digest', value: `sha256:${'0123456789abcdef'.repeat(4)}` }]);
    });

    it('dataset-digest is missing without facts and failed for a value that is not a sha256 digest', async () => {
      expect(check(await eu(editedBom((d) => delete (d.additional_values as Record<string, unknown>).dataset)), 'dataset-digest')).to.include({ status: 'missing' }).and.have.deep.property('missing', ['additional_values.dataset.digest']);
      for (const digest of ['md5:abc', 42, `sha256:${'A'.repeat(64)}`]) {
        const c = check(await eu(editedBom((d) => ((d.additional_values as { dataset: Record<string, unknown> }).dataset.digest = digest))), 'dataset-digest');
        expect(c.status, String(digest)).to.equal('failed');
        expect(c.problem).to.match(/not sha256/);
      }
    });

    it('dataset-characteristics is partial with rows but no format', async () => {
      const c = check(await eu(editedBom((d) => delete (d.additional_values as { dataset: Record<string, unknown> }).dataset.format)), 'dataset-characteristics');
      expect(c.status).to.equal('partial');
      expect(c.missing).to.deep.equal(['additional_values.dataset.format']);
    });

    it('features is partial with only the original features', async () => {
      const c = check(await eu(editedBom((d) => ((d.feature_info as Record<string, unknown>).selected_features = []))), 'features');
      expect([c.status, c.missing]).to.deep.equal(['partial', ['feature_info.selected_features']]);
    });

    it('data-quality is missing when empty, failed when not a dictionary, and lists hostile keys without harm', async () => {
      expect(check(await eu(editedBom((d) => ((d.additional_values as Record<string, unknown>).data_quality = {}))), 'data-quality').status).to.equal('missing');
      expect(check(await eu(editedBom((d) => ((d.additional_values as Record<string, unknown>).data_quality = 'clean'))), 'data-quality').status).to.equal('failed');
      const c = check(await eu(editedBom((d) => ((d.additional_values as Record<string, unknown>).data_quality = JSON.parse('{"__proto__":1,"constructor":2}') as unknown))), 'data-quality');
      expect(c.fields).to.deep.equal([{ path: 'additional_values.data_quality', value: '2 facts: __proto__, constructor' }]);
    });
  });

  describe('the run checks', () => {
    it('model is partial with a type and no architecture', async () => {
      expect(check(await eu(editedBom((d) => ((d.model_info as Record<string, unknown>).architecture = ' '))), 'model').status).to.equal('partial');
    });

    it('params lists names and never a value', async () => {
      const a = await eu(editedBom((d) => ((d.mlflow_params as Record<string, unknown>).api_token = 'hunter2-secret')));
      expect(check(a, 'params').fields[0].value).to.contain('api_token');
      expect(JSON.stringify(a)).to.not.contain('hunter2');
    });

    it('metrics is partial when no metric is a finite number', async () => {
      const c = check(await eu(editedBom((d) => (d.mlflow_metrics = { loss: 'NaN' }))), 'metrics');
      expect([c.status, c.problem]).to.deep.equal(['partial', 'no metric holds a finite number']);
    });

    it('metric-history is answered by the history given or by additional_values.mlflow_metric_history, else missing', async () => {
      expect(check(await eu(completeBom()), 'metric-history')).to.include({ status: 'missing' });
      expect(check(await eu(completeBom(), { history: lossHistory() }), 'metric-history').fields).to.deep.equal([{ path: 'history', value: '1 metric, 3 points' }]);
      const inline = editedBom((d) => ((d.additional_values as Record<string, unknown>).mlflow_metric_history = { loss: [{ step: 0, value: 1, timestamp: 0 }] }));
      expect(check(await eu(inline), 'metric-history').status).to.equal('answered');
    });

    it('run-dates fails a run that ends before it starts, reads epoch milliseconds, and says which time is unreadable', async () => {
      expect(check(await eu(editedBom((d) => Object.assign(d, { start_time: '2024-09-05T11:00:00Z', end_time: '2024-09-05T10:00:00Z' }))), 'run-dates').status).to.equal('failed');
      expect(check(await eu(editedBom((d) => Object.assign(d, { start_time: '1725530400000', end_time: '1725535800000' }))), 'run-dates').status).to.equal('answered');
      const c = check(await eu(editedBom((d) => Object.assign(d, { end_time: 'yesterday' }))), 'run-dates');
      expect([c.status, c.problem]).to.deep.equal(['partial', 'not a time: "yesterday"']);
    });
  });

  describe('the environment checks', () => {
    it('compute reads cpu and memory, is partial with the os only, and counts the ranks of a distributed run', async () => {
      expect(check(await eu(completeBom()), 'compute').fields.map((f) => f.value)).to.deep.equal(['2 × AMD EPYC', '0.0 GiB', 'linux x64 6.1']);
      const osOnly = editedBom((d) => ((d.additional_values as Record<string, unknown>).environment = { os: { platform: 'linux' } }));
      expect(check(await eu(osOnly), 'compute').status).to.equal('partial');
      const ranks = editedBom((d) => {
        const values = d.additional_values as Record<string, unknown>;
        delete values.environment;
        values.distributed = { world_size: 2, ranks: [{ rank: 0 }, { rank: 1 }] };
      });
      expect(check(await eu(ranks), 'compute')).to.include({ status: 'answered' });
    });

    it('software is partial when the working tree was dirty', async () => {
      const c = check(await eu(editedBom((d) => ((d.additional_values as { environment: { git: Record<string, unknown> } }).environment.git.dirty = true))), 'software');
      expect(c.status).to.equal('partial');
      expect(c.problem).to.match(/uncommitted changes/);
    });

    it('model-artifacts fails a malformed list, naming the path', async () => {
      const c = check(await eu(editedBom((d) => ((d.additional_values as Record<string, unknown>).model_artifacts = [{ name: '../x', digest: 'sha256:1', bytes: 1 }]))), 'model-artifacts');
      expect(c.status).to.equal('failed');
      expect(c.problem).to.contain('additional_values.model_artifacts.0');
    });
  });

  describe('the signature', () => {
    const bom = completeBom();
    const envelope = signBom(bom, signer.privateKeyPem);

    it('is missing when unsigned, partial when signed and no key is given', async () => {
      expect(check(await eu(bom), 'signature').status).to.equal('missing');
      const c = check(await eu(bom, { attestation: envelope }), 'signature');
      expect([c.status, c.problem]).to.deep.equal(['partial', 'no public key was given to verify it with']);
    });

    it('is answered when it verifies with the key given, naming the key id', async () => {
      const c = check(await eu(bom, { attestation: envelope, keys: [signer.publicKeyPem] }), 'signature');
      expect(c.status).to.equal('answered');
      expect(c.fields[0].value).to.equal(`verified, signed by keyid ${signer.keyid}`);
    });

    it('fails with another key, a tampered envelope, garbage, or a BOM edited since it was signed', async () => {
      const tampered = { ...envelope, payload: Buffer.from(Buffer.from(envelope.payload, 'base64').toString('utf8').replace('0.87', '0.99')).toString('base64') };
      const edited = editedBom((d) => ((d.mlflow_metrics as Record<string, unknown>).accuracy = 0.99));
      const cases: Array<[TrainingBOM, unknown, string]> = [[bom, envelope, other.publicKeyPem], [bom, tampered, signer.publicKeyPem], [bom, { payload: 1 }, signer.publicKeyPem], [edited, envelope, signer.publicKeyPem]];
      for (const [b, attestation, key] of cases) {
        const a = await eu(b, { attestation, keys: [key] });
        expect(check(a, 'signature').status).to.equal('failed');
        expect(a.items.find((i) => i.id === '2g-signed')?.status).to.equal('failed');
        expect(a.passed).to.equal(false);
      }
      expect(check(await eu(edited, { attestation: envelope, keys: [signer.publicKeyPem] }), 'signature').problem).to.match(/about another BOM/);
    });

    it('takes an attestation status already checked instead of an envelope', async () => {
      const c = check(await eu(bom, { attestation: envelope, attestationStatus: { signed: true, verified: false, signatureKeyids: [], problem: 'checked elsewhere' } }), 'signature');
      expect([c.status, c.problem]).to.deep.equal(['failed', 'checked elsewhere']);
    });
  });

  describe('hostile values', () => {
    it('redacts credentials in the origin and cuts a long value to 120 characters', async () => {
      const a = await eu(editedBom((d) => ((d.dataset_info as Record<string, unknown>).origin = `https://user:pa55word@host/${'x'.repeat(100_000)}`)));
      const value = check(a, 'dataset-origin').fields[0].value;
      expect(value).to.not.contain('pa55word');
      expect(value.length).to.be.at.most(120);
    });

    it('keeps control characters in the values (the CLI escapes them) and never reads inherited properties', async () => {
      const a = await eu(editedBom((d) => {
        (d.model_info as Record<string, unknown>).type = 'x\u001b[2Jy';
        d.additional_values = JSON.parse('{"constructor":{"cpu":{"count":1}},"dataset":{"digest":null}}') as unknown;
      }));
      expect(check(a, 'model').fields[0].value).to.equal('x\u001b[2Jy');
      expect(check(a, 'compute').status).to.equal('missing');
      expect(check(a, 'dataset-digest').status).to.equal('missing');
    });
  });
});
