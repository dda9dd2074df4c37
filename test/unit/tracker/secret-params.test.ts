import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { DatasetInfo} from '../../../src';
import { inspectDataset, TrainingWorkflowTracker, type TrackerSink } from '../../../src';
import { DEFAULT_SECRET_PARAM_PATTERN, secretKeyTest } from '../../../src/core/secret-names';
import { REDACTED } from '../../../src/core/redaction';

function tracker(options: ConstructorParameters<typeof TrainingWorkflowTracker>[0] = {}): { t: TrainingWorkflowTracker; seen: Array<Record<string, unknown>>; logs: string[] } {
  const seen: Array<Record<string, unknown>> = [];
  const logs: string[] = [];
  const sink: TrackerSink = { onEvent: (e) => void (e.type === 'params' && seen.push({ ...e.params })) };
  const logger = { info: (m: string) => void logs.push(m), warn: (m: string) => void logs.push(m) };
  const t = new TrainingWorkflowTracker({ captureEnvironment: false, anomalies: false, sinks: [sink], logger, ...options });
  t.startTraining('run');
  return { t, seen, logs };
}

describe('secret parameters', () => {
  const isSecret = secretKeyTest(undefined);

  it('recognises secret-looking names in any case and style', () => {
    for (const key of ['password', 'db_password', 'DB_PASSWD', 'passphrase', 'pwd', 'secret', 'client_secret', 'aws_secret_access_key',
      'token', 'hf_token', 'authToken', 'access_token', 'api_key', 'apiKey', 'OPENAI_API_KEY', 'apikey', 'access_key', 'private_key',
      'privateKey', 'credential', 'credentials', 'gcp-credentials', 'auth', 'basic_auth', 'Authorization', 'cookie']) {
      expect(isSecret(key), key).to.equal(true);
    }
  });

  it('leaves ML settings alone, tokenizer settings included', () => {
    for (const key of ['learning_rate', 'max_tokens', 'max_new_tokens', 'tokenizer', 'tokenizer_name', 'pad_token', 'eos_token', 'pad_token_id',
      'token_type_ids', 'max_token_length', 'author', 'authority', 'n_estimators', 'keyboard', 'monkey', 'secretariat_count']) {
      expect(isSecret(key), key).to.equal(false);
    }
    expect(DEFAULT_SECRET_PARAM_PATTERN).to.be.instanceOf(RegExp);
  });

  it('are redacted in the BOM and before any sink sees them, at any depth', () => {
    const { t, seen } = tracker();
    t.logParameters({ lr: 0.1, api_key: 'sk-123', db: { host: 'h', password: 'pw' }, hf_token: 'hf_x', list: [{ secret: 's' }] });
    const params = t.registerDataset('d', 1).registerFeatures(['a'], ['a']).registerModel('m', 'a').finalizeTraining().mlflowParams;
    expect(JSON.parse(JSON.stringify(params))).to.deep.equal({ lr: 0.1, api_key: REDACTED, db: { host: 'h', password: REDACTED }, hf_token: REDACTED, list: [{ secret: REDACTED }] });
    expect(JSON.stringify(seen)).to.not.match(/sk-123|hf_x|"pw"|"s"/);
  });

  it('remove credentials from URLs and authorization values under any name', () => {
    const { t, seen } = tracker();
    t.logParameters({ db_url: 'postgres://alice:s3cret@db:5432/x', header: 'Bearer abc.def', remote: 'https://tok@github.com/o/r', plain: 'a@b.c' });
    expect(seen[0]).to.deep.equal({ db_url: 'postgres://***@db:5432/x', header: `Bearer ${REDACTED}`, remote: 'https://***@github.com/o/r', plain: 'a@b.c' });
  });

  it('remove credentials from the dataset origin, in the BOM and the log line', () => {
    const { t, logs } = tracker();
    t.registerDataset('s3://AKIAKEY:wJalrSECRET@bucket/data.parquet', 10);
    const bom = t.registerFeatures(['a'], ['a']).registerModel('m', 'a').finalizeTraining();
    expect(bom.datasetInfo.origin).to.equal('s3://***@bucket/data.parquet');
    expect(logs.join('\n')).to.not.contain('wJalrSECRET');
  });

  it('follow a custom rule: a RegExp or a list of substrings', () => {
    const a = tracker({ redactSecrets: /^internal_/ });
    a.t.logParameters({ internal_id: 'x', password: 'kept' });
    expect(a.seen[0]).to.deep.equal({ internal_id: REDACTED, password: 'kept' });
    const b = tracker({ redactSecrets: ['SALT'] });
    b.t.logParameters({ hash_salt: 'x', token: 'kept' });
    expect(b.seen[0]).to.deep.equal({ hash_salt: REDACTED, token: 'kept' });
  });

  it('can be turned off', () => {
    const { t, seen } = tracker({ redactSecrets: false });
    t.logParameters({ password: 'pw', url: 'https://u:p@h' });
    expect(seen[0]).to.deep.equal({ password: 'pw', url: 'https://u:p@h' });
  });

  it('are removed from data-quality values too', () => {
    const { t } = tracker({});
    t.logDataQuality('source', { url: 'postgresql://bob:pw@db/x', token: 'abc' });
    t.registerDataset('o', 1).registerFeatures(['a'], ['a']).registerModel('m', 'x');
    expect(t.finalizeTraining().additionalValues?.['data_quality']).to.deep.equal({ source: { url: 'postgresql://***@db/x', token: '***REDACTED***' } });
  });
});

describe('signed URLs in what the tracker records', () => {
  const AWS = 'https://bucket.s3.amazonaws.com/data.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA-CRED-1%2F20240101&X-Amz-Date=20240101T000000Z'
    + '&X-Amz-Expires=3600&X-Amz-Security-Token=STS-TOKEN-2&X-Amz-Signature=AWS-SIG-3';
  const AWS_SHOWN = 'https://bucket.s3.amazonaws.com/data.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***REDACTED***&X-Amz-Date=20240101T000000Z'
    + '&X-Amz-Expires=3600&X-Amz-Security-Token=***REDACTED***&X-Amz-Signature=***REDACTED***';
  const GCS = 'https://storage.googleapis.com/b/o?X-Goog-Credential=GCS-CRED-4&X-Goog-Signature=GCS-SIG-5';
  const SAS = 'https://host/x?sv=2022&sig=SAS-SIG-6&token=TOKEN-7';
  const VALUES = /AKIA-CRED-1|STS-TOKEN-2|AWS-SIG-3|GCS-CRED-4|GCS-SIG-5|SAS-SIG-6|TOKEN-7/;

  function run(options: ConstructorParameters<typeof TrainingWorkflowTracker>[0] = {}) {
    const datasets: DatasetInfo[] = [];
    const params: Array<Record<string, unknown>> = [];
    const logs: string[] = [];
    const sink: TrackerSink = { onEvent: (e) => void (e.type === 'dataset' ? datasets.push(e.dataset) : e.type === 'params' && params.push({ ...e.params })) };
    const logger = { info: (m: string) => void logs.push(m), warn: (m: string) => void logs.push(m) };
    const journal = { directory: mkdtempSync(join(tmpdir(), 'training-bom-signed-')), keep: true };
    const t = new TrainingWorkflowTracker({ captureEnvironment: false, anomalies: false, sinks: [sink], logger, journal, ...options }).startTraining('signed');
    return { t, datasets, params, logs };
  }

  it('keep the origin recognisable, its signature and credentials replaced, in the BOM, the sinks, the journal and the log line', () => {
    const { t, datasets, logs } = run();
    t.registerDataset(AWS, 10).registerFeatures(['a'], ['a']).registerModel('m', 'a');
    const bom = t.finalizeTraining();
    expect(bom.datasetInfo.origin).to.equal(AWS_SHOWN);
    expect(datasets[0]?.origin).to.equal(AWS_SHOWN);
    const journal = readFileSync(t.journalPath as string, 'latin1');
    expect(journal).to.contain('X-Amz-Signature=***REDACTED***').and.to.not.match(VALUES);
    expect(logs.join('\n')).to.contain(AWS_SHOWN).and.to.not.match(VALUES);
  });

  it('are redacted in params (nested too), data-quality values and string seeds', () => {
    const { t, params } = run();
    t.logParameter('gcs', GCS).logParameters({ sources: { train: SAS, list: [AWS] } }).logDataQuality('source', GCS).registerSeed('split', `seed-from ${SAS}`);
    t.registerDataset('d', 1).registerFeatures(['a'], ['a']).registerModel('m', 'a');
    const bom = t.finalizeTraining();
    const text = `${bom.toJSONString()}\n${JSON.stringify(params)}\n${readFileSync(t.journalPath as string, 'latin1')}`;
    expect(text).to.not.match(VALUES);
    expect(bom.mlflowParams['gcs']).to.equal('https://storage.googleapis.com/b/o?X-Goog-Credential=***REDACTED***&X-Goog-Signature=***REDACTED***');
    expect(bom.additionalValues?.['seeds']).to.deep.equal({ split: 'seed-from https://host/x?sv=2022&sig=***REDACTED***&token=***REDACTED***' });
  });

  it('are redacted in a dataset inspection: origin in the journal, warnings; the caller\'s inspection keeps the URL it gave', async () => {
    const { t, logs } = run();
    const inspection = await inspectDataset(`gs://b/d.csv?${GCS.split('?')[1]}`, { checkRemote: true });
    t.registerDataset(inspection, 5).registerFeatures(['a'], ['a']).registerModel('m', 'a');
    const bom = t.finalizeTraining();
    expect(inspection.origin).to.contain('GCS-SIG-5');
    expect(bom.datasetInfo.origin).to.equal('gs://b/d.csv?X-Goog-Credential=***REDACTED***&X-Goog-Signature=***REDACTED***');
    expect(bom.additionalValues?.['dataset']).to.deep.include({ scheme: 'gs', kind: 'remote' });
    expect(`${bom.toJSONString()}${readFileSync(t.journalPath as string, 'latin1')}${logs.join('\n')}`).to.not.match(VALUES);
  });

  it('are kept as given with redactSecrets: false, but log lines are still redacted', () => {
    const { t, logs } = run({ redactSecrets: false });
    t.registerDataset(AWS, 10).logParameter('gcs', GCS);
    expect(t.parameters()['gcs']).to.equal(GCS);
    t.registerFeatures(['a'], ['a']).registerModel('m', 'a');
    expect(t.finalizeTraining().datasetInfo.origin).to.equal(AWS);
    expect(logs.join('\n')).to.contain(AWS_SHOWN).and.to.not.match(VALUES);
  });
});
