/** What show, diff and list print about a BOM from elsewhere that carries secrets (src/cli/redact-output.ts, describe-bom.ts). */
import { expect } from 'chai';
import { compareBoms, TrainingBOM, type TrainingBOMInit } from '../../../src';
import { describeBom } from '../../../src/cli/describe-bom';
import { redactComparison, redactSummary } from '../../../src/cli/redact-output';
import { summarizeBom } from '../../../src/store/bom-summary';

const SIGNED = 'https://bucket.s3.amazonaws.com/d.csv?X-Amz-Date=20240101T000000Z&X-Amz-Signature=SIG-A1';
const SECRETS = /SIG-A1|SIG-B2|pw-a3|pw-b4|sas-c5|tok-d6|ghp_e7/;

function bom(overrides: Partial<TrainingBOMInit>): TrainingBOM {
  return new TrainingBOM({
    id: 'foreign', startTime: '2024-09-05T10:00:00.000Z', endTime: '2024-09-05T11:00:00.000Z',
    datasetInfo: { origin: SIGNED, size: 1 }, featureInfo: { originalFeatures: ['a'], selectedFeatures: ['a'] },
    modelInfo: { type: 'm', architecture: 'x' }, mlflowParams: { lr: 0.1, db_password: 'pw-a3', src: 'https://h/x?sig=sas-c5' }, mlflowMetrics: { loss: 1 },
    ...overrides,
  });
}

describe('CLI output of a BOM that carries secrets', () => {
  it('show: the dataset origin and params are redacted, other values kept', () => {
    const d = describeBom(bom({}), 'f.json');
    expect(d.dataset.origin).to.equal('https://bucket.s3.amazonaws.com/d.csv?X-Amz-Date=20240101T000000Z&X-Amz-Signature=***REDACTED***');
    expect({ ...d.params }).to.deep.equal({ lr: 0.1, db_password: '***REDACTED***', src: 'https://h/x?sig=***REDACTED***' });
    expect(JSON.stringify(d)).to.not.match(SECRETS);
  });

  it('diff: a changed secret is still reported, as ***REDACTED*** on both sides; dataset, seeds, data quality and environment redacted', () => {
    const a = bom({ additionalValues: { seeds: { s: 'x?token=tok-d6' }, data_quality: { api_key: 'q' }, environment: { git: { remote: 'https://h/r?token=ghp_e7' } } } });
    const b = bom({
      datasetInfo: { origin: SIGNED.replace('SIG-A1', 'SIG-B2'), size: 1 }, mlflowParams: { lr: 0.1, db_password: 'pw-b4', src: 'https://h/x?sig=sas-c5' },
      additionalValues: { seeds: { s: 'y' }, data_quality: { api_key: 'r' }, environment: { git: { remote: 'https://h/r' } } },
    });
    const c = redactComparison(compareBoms(a, b, { environment: 'all' }));
    expect(c.params.changed).to.deep.equal([{ key: 'db_password', a: '***REDACTED***', b: '***REDACTED***' }]);
    expect(c.dataQuality.changed).to.deep.equal([{ key: 'api_key', a: '***REDACTED***', b: '***REDACTED***' }]);
    expect(c.dataset.map((f) => f.field)).to.deep.equal(['origin']);
    expect(c.differs).to.equal(true);
    expect(JSON.stringify(c)).to.not.match(SECRETS);
  });

  it('list: the dataset origin and location are redacted', () => {
    const s = redactSummary(summarizeBom(bom({}), 'https://u:pw-a3@host/boms/foreign.json'));
    expect(s.datasetOrigin).to.contain('X-Amz-Signature=***REDACTED***');
    expect(s.location).to.equal('https://***@host/boms/foreign.json');
  });
});
