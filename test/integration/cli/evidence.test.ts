/** `training-bom evidence` on the file store and BOM files, spawned as a process. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { FileBomStore, signBom, TrainingBOM, type EvidenceAssessment } from '../../../src';
import { keyPair } from '../../helpers/attestation-fixtures';
import { cli } from '../../helpers/cli';
import { completeBom, completeBomJson, emptyBom, lossHistory } from '../../helpers/evidence-fixtures';
import { expectPrintable, HOSTILE } from '../../helpers/hostile-text';

type EvidenceJson = EvidenceAssessment & { source: string };

describe('training-bom evidence (spawned CLI, file store)', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'tbom-evidence-cli-'));
  const store = join(dir, 'boms');
  const signer = keyPair('ed25519');
  const other = keyPair('ecdsa-p256');
  const pub = join(dir, 'signer.pub');
  const otherPub = join(dir, 'other.pub');

  before(async () => {
    writeFileSync(pub, signer.publicKeyPem);
    writeFileSync(otherPub, other.publicKeyPem);
    const s = new FileBomStore(store);
    const signed = completeBom('signed-run');
    await s.put(signed, { history: lossHistory(), attestation: signBom(signed, signer.privateKeyPem) });
    await s.put(completeBom('unsigned-run'), { history: lossHistory() });
    await s.put(emptyBom('empty-run'));
    const corrupt = completeBom('corrupt-signature');
    await s.put(corrupt, { history: lossHistory() });
    mkdirSync(join(store, 'attestations'), { recursive: true });
    writeFileSync(join(store, 'attestations', 'corrupt-signature.intoto.json'), '{"payloadType": 1}');
  });

  const run = (...args: string[]): ReturnType<typeof cli> => cli(['evidence', '--store', store, ...args]);
  const json = (...args: string[]): { status: number | null; body: EvidenceJson } => {
    const r = run(...args, '--json');
    return { status: r.status, body: JSON.parse(r.stdout) as EvidenceJson };
  };

  it('exits 0 when every required item is answered: a signed BOM verified with --key, its history stored beside it', () => {
    const r = run('signed-run', '--framework', 'eu-ai-act-annex-iv', '--key', pub);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('✓ answered  2g-signed (required): Regulation (EU) 2024/1689, Annex IV, point 2(g)')
      .and.contain('"test logs and all test reports dated and signed by the responsible persons,"')
      .and.contain(`attestation: verified, signed by keyid ${signer.keyid}`)
      .and.contain('history: 1 metric, 3 points')
      .and.contain('Result: every required item is answered (exit 0)');
  });

  it('exits 1 for a BOM that records nothing, naming the required items and how to record each', () => {
    const r = run('empty-run', '--framework', 'nist-ai-rmf');
    expect(r.status).to.equal(1);
    expect(r.stdout).to.contain('✗ missing  map-2.3-data-collection (required): NIST AI 100-1, MAP 2.3')
      .and.contain('to record it: await tracker.registerDatasetVerified(origin)')
      .and.contain('to record it: tracker.logDataQuality(key, value)')
      .and.match(/Result: required items not answered: map-2\.1-methods, map-2\.3-data-collection, .*measure-2\.1-tools \(exit 1\)/);
  });

  it('exits 1 for an unsigned BOM under Annex IV (no signature), 0 under NIST AI RMF (which asks for none)', () => {
    const eu = json('unsigned-run', '--framework', 'eu-ai-act-annex-iv');
    expect(eu.status).to.equal(1);
    expect(eu.body.items.find((i) => i.id === '2g-signed')?.status).to.equal('missing');
    expect(json('unsigned-run', '--framework', 'nist-ai-rmf').status).to.equal(0);
  });

  it('counts a signature not verified (no --key) as partial: exit 0, and exit 1 with --strict', () => {
    const lax = json('signed-run', '--framework', 'eu-ai-act-annex-iv');
    expect(lax.status).to.equal(0);
    expect(lax.body.items.find((i) => i.id === '2g-signed')?.status).to.equal('partial');
    const strict = json('signed-run', '--framework', 'eu-ai-act-annex-iv', '--strict');
    expect([strict.status, strict.body.strict, strict.body.passed]).to.deep.equal([1, true, false]);
  });

  it('reports a signature that does not verify as failed, not answered: another key, or an envelope that is not one', () => {
    const wrong = run('signed-run', '--framework', 'eu-ai-act-annex-iv', '--key', otherPub);
    expect(wrong.status).to.equal(1);
    expect(wrong.stdout).to.contain('✗ FAILED  2g-signed').and.contain('attestation: signed, NOT verified');
    const corrupt = json('corrupt-signature', '--framework', 'eu-ai-act-annex-iv');
    expect(corrupt.status).to.equal(1);
    expect(corrupt.body.items.find((i) => i.id === '2g-signed')?.status).to.equal('failed');
  });

  it('prints a stable JSON shape', () => {
    const { status, body } = json('signed-run', '--framework', 'eu-ai-act-annex-iv', '--key', pub);
    expect(status).to.equal(0);
    expect(Object.keys(body)).to.deep.equal(['source', 'framework', 'bomId', 'passed', 'strict', 'counts', 'items', 'notCovered']);
    expect(body.source).to.equal(join(store, 'signed-run.json'));
    expect(Object.keys(body.items[0])).to.deep.equal(['id', 'citation', 'wording', 'quotedFrom', 'asks', 'required', 'status', 'checks']);
    expect(Object.keys(body.items[0].checks[0])).to.deep.equal(['check', 'title', 'status', 'fields', 'missing']);
    expect(body.counts).to.deep.equal({ answered: 11, partial: 0, missing: 0, failed: 0 });
    expect(body.notCovered.map((n) => n.citation)).to.include('Regulation (EU) 2024/1689, Annex IV, point 2(e)');
  });

  it('reads a BOM file with its envelope beside it (<name>.intoto.json), or the one --attestation names, and standard input', () => {
    const files = mkdtempSync(join(tmpdir(), 'tbom-evidence-files-'));
    const bom = completeBom('file-run');
    writeFileSync(join(files, 'run.json'), bom.toJSONString(2));
    writeFileSync(join(files, 'run.intoto.json'), JSON.stringify(signBom(bom, signer.privateKeyPem)));
    const beside = json(join(files, 'run.json'), '--framework', 'eu-ai-act-annex-iv', '--key', pub);
    expect(beside.body.items.find((i) => i.id === '2g-signed')?.status).to.equal('answered');
    writeFileSync(join(files, 'other.json'), bom.toJSONString(2));
    const named = json(join(files, 'other.json'), '--framework', 'eu-ai-act-annex-iv', '--key', pub, '--attestation', join(files, 'run.intoto.json'));
    expect(named.body.items.find((i) => i.id === '2g-signed')?.status).to.equal('answered');
    const stdin = cli(['evidence', '-', '--framework', 'nist-ai-rmf', '--json'], bom.toJSONString());
    expect((JSON.parse(stdin.stdout) as EvidenceJson).bomId).to.equal('file-run');
  });

  it('exits 2 for a usage error or nothing to assess, saying why', () => {
    const cases: Array<[string[], RegExp]> = [
      [['signed-run', '--framework', 'iso-42001'], /Allowed choices are eu-ai-act-annex-iv, nist-ai-rmf/],
      [['signed-run'], /required option '--framework <id>' not specified/],
      [['no-such-run', '--framework', 'nist-ai-rmf'], /no-such-run: no such file, and no BOM with this id/],
      [['signed-run', '--framework', 'nist-ai-rmf', '--key', join(dir, 'missing.pub')], /--key: cannot read .*missing\.pub \(ENOENT\)/],
      [['signed-run', '--framework', 'nist-ai-rmf', '--experiment', 'x'], /apply to --mlflow only/],
      [['signed-run', '--framework', 'nist-ai-rmf', '--mlflow', '--attestation', 'x'], /do not apply to --mlflow/],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect(r.status, args.join(' ')).to.equal(2);
      expect(r.stderr, args.join(' ')).to.match(message);
    }
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ ...completeBomJson(), dataset_info: { origin: 1 } }));
    const r = run(invalid, '--framework', 'nist-ai-rmf');
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain('not a valid BOM: dataset_info.origin');
  });

  it('escapes hostile text from the BOM in the checklist and in --json', () => {
    const doc = completeBomJson(`hostile ${HOSTILE.newline}`);
    Object.assign(doc.model_info as object, { type: HOSTILE.ansi, architecture: HOSTILE.bidi });
    Object.assign(doc.dataset_info as object, { origin: `${HOSTILE.carriageReturn}${HOSTILE.c1}` });
    (doc.feature_info as { original_features: string[] }).original_features.push(HOSTILE.separators, HOSTILE.del);
    (doc.additional_values as Record<string, unknown>).data_quality = { [HOSTILE.newline]: 1 };
    const file = join(dir, 'hostile.json');
    writeFileSync(file, TrainingBOM.parse(doc).toJSONString(2));
    for (const format of [[], ['--json']]) {
      const r = cli(['evidence', file, '--framework', 'eu-ai-act-annex-iv', ...format]);
      expect(r.status).to.equal(1);
      expectPrintable(r.stdout, `evidence ${format.join(' ')}`);
      if (format.length === 1) expect((JSON.parse(r.stdout) as EvidenceJson).bomId).to.equal(`hostile ${HOSTILE.newline}`);
    }
  });
});
