import { expect } from 'chai';
import { TrainingWorkflowTracker, type TrackerSink } from '../../../src';
import { DEFAULT_SECRET_PARAM_PATTERN, secretKeyTest } from '../../../src/core/secret-names';
import { REDACTED } from '../../../src/core/redaction';

function tracker(options: ConstructorParameters<typeof TrainingWorkflowTracker>[0] = {}): { t: TrainingWorkflowTracker; seen: Array<Record<string, unknown>>; logs: string[] } {
  const seen: Array<Record<string, unknown>> = [];
  const logs: string[] = [];
  const sink: TrackerSink = { onParams: (p) => void seen.push({ ...p }) };
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
