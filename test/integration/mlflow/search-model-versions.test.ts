/** MlflowClient.searchModelVersions / searchModelVersionsPage against the real MLflow registry. */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { MlflowClient, MlflowError } from '../../../src';
import { equalsFilter } from '../../../src/mlflow/client/search-filter';
import { mlflowServer } from '../../helpers/mlflow-server';
import { rejection } from '../../helpers/rejection';

describe('MlflowClient.searchModelVersions (real MLflow server)', function () {
  this.timeout(120_000);
  let client: MlflowClient;
  const name = `search-mv "it's" ${randomUUID()}`;
  const filter = equalsFilter('name', name).filter;

  before(async () => {
    client = new MlflowClient({ trackingUri: (await mlflowServer()).url, env: {} });
    await client.createRegisteredModel(name);
    for (let i = 0; i < 3; i++) await client.createModelVersion({ name, source: `s3://models/${i}`, tags: { n: String(i) } });
  });

  after(async () => client?.close());

  it('returns one page of at most maxResults versions and a token for the next', async () => {
    const page = await client.searchModelVersionsPage({ filter, maxResults: 2, orderBy: ['version_number ASC'] });
    expect(page.items.map((v) => v.version)).to.deep.equal(['1', '2']);
    expect(page.nextPageToken).to.be.a('string');
    const next = await client.searchModelVersionsPage({ filter, maxResults: 2, orderBy: ['version_number ASC'] }, page.nextPageToken);
    expect(next.items.map((v) => v.version)).to.deep.equal(['3']);
    expect(next.nextPageToken).to.equal(undefined);
  });

  it('follows every page, with the versions\' names, sources and tags', async () => {
    const all = [];
    for await (const v of client.searchModelVersions({ filter, maxResults: 1 })) all.push(v);
    expect(all.map((v) => [v.name, v.source, v.tags.n]).sort()).to.deep.equal([0, 1, 2].map((i) => [name, `s3://models/${i}`, String(i)]));
  });

  it('finds versions by a tag value', async () => {
    const found = [];
    for await (const v of client.searchModelVersions({ filter: `${filter} and ${equalsFilter('tags.`n`', '1').filter}` })) found.push(v.version);
    expect(found).to.deep.equal(['2']);
  });

  it('rejects a filter MLflow cannot parse with INVALID_PARAMETER_VALUE', async () => {
    const error = await rejection(client.searchModelVersionsPage({ filter: 'tags.n IN (\'1\')' }));
    expect(error).to.be.instanceOf(MlflowError).with.property('errorCode', 'INVALID_PARAMETER_VALUE');
  });
});
