import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DatasetAccessError, inspectDataset } from '../../../src';
import { rejection } from '../../helpers/rejection';

describe('inspectDataset on remote origins', () => {
  let server: Server;
  let base = '';
  const seen: IncomingMessage[] = [];

  before(async () => {
    server = createServer((req, res) => {
      seen.push(req);
      const path = req.url?.split('?')[0];
      if (path === '/missing.csv') res.writeHead(404).end();
      else if (path === '/no-head.csv' && req.method === 'HEAD') res.writeHead(405).end();
      else if (path === '/no-head.csv') res.writeHead(206, { 'content-range': 'bytes 0-0/5000', 'content-length': '1' }).end('a');
      else res.writeHead(200, { 'content-length': '1234', etag: '"v1"', 'last-modified': 'Tue, 03 Sep 2024 10:00:00 GMT', 'content-type': 'text/csv' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (seen.length = 0));

  it('records s3://, gs:// and https:// origins by scheme without any network access', async () => {
    expect(await inspectDataset('s3://bucket/train.parquet')).to.deep.equal({ origin: 's3://bucket/train.parquet', scheme: 's3', kind: 'remote' });
    expect((await inspectDataset(`${base}/data.csv`)).scheme).to.equal('http');
    expect(seen).to.have.length(0);
  });

  it('checks an http origin with HEAD when asked', async () => {
    const found = await inspectDataset(`${base}/data.csv`, { checkRemote: true });
    expect(found.http).to.deep.equal({ status: 200, length: 1234, etag: '"v1"', modified: 'Tue, 03 Sep 2024 10:00:00 GMT', type: 'text/csv' });
    expect(seen.map((r) => r.method)).to.deep.equal(['HEAD']);
  });

  it('falls back to a one-byte GET when HEAD is not allowed', async () => {
    const found = await inspectDataset(`${base}/no-head.csv`, { checkRemote: true });
    expect(found.http).to.deep.include({ status: 206, length: 5000 });
    expect(seen.map((r) => [r.method, r.headers.range])).to.deep.equal([['HEAD', undefined], ['GET', 'bytes=0-0']]);
  });

  it('rejects an error status with the status, with credentials and signature redacted in the message', async () => {
    const origin = `${base.replace('http://', 'http://alice:s3cret@')}/missing.csv?X-Amz-Date=1&X-Amz-Signature=abc`;
    const error = (await rejection(inspectDataset(origin, { checkRemote: true }))) as DatasetAccessError;
    expect(error).to.be.instanceOf(DatasetAccessError).and.to.include({ reason: 'http-status', status: 404 });
    expect(error.message).to.equal(`Dataset '${base.replace('http://', 'http://***@')}/missing.csv?X-Amz-Date=1&X-Amz-Signature=***REDACTED***' answered HTTP 404`);
    expect(error.origin).to.not.match(/s3cret|abc/);
    expect(seen[0]?.url).to.equal('/missing.csv?X-Amz-Date=1&X-Amz-Signature=abc');
    expect(seen[0]?.headers.authorization).to.equal(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
  });

  it('rejects an origin nobody answers as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await rejection(inspectDataset(`http://127.0.0.1:${port}/x.csv`, { checkRemote: true }))).to.include({ reason: 'unreachable' });
  });

  it('warns instead of checking stores it has no client for', async () => {
    expect((await inspectDataset('gs://bucket/x.csv', { checkRemote: true })).warnings).to.deep.equal([
      'not checked: gs:// origins cannot be checked without that store\'s client',
    ]);
  });
});
