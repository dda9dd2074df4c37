/** The one redaction policy (src/core/redaction.ts, secret-names.ts, redact-json.ts): every URL form, look-alikes, hostile input. */
import { expect } from 'chai';
import { REDACTED, redactKnown, redactText, withoutUserinfo } from '../../../src/core/redaction';
import { redactJson } from '../../../src/core/redact-json';
import { isSecretName, isSecretQueryName } from '../../../src/core/secret-names';

const R = REDACTED;

describe('redaction policy: signed URLs', () => {
  it('AWS S3 pre-signed: credential, security token and signature replaced, the rest kept', () => {
    const url = 'https://bucket.s3.amazonaws.com/data.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240101%2Fus-east-1%2Fs3%2Faws4_request'
      + '&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token=FwoGZXIvYXdzEBYaDH&X-Amz-Signature=0123abcd';
    expect(redactText(url)).to.equal('https://bucket.s3.amazonaws.com/data.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=' + R
      + `&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token=${R}&X-Amz-Signature=${R}`);
  });

  it('GCS signed: X-Goog-Credential and X-Goog-Signature replaced', () => {
    const url = 'https://storage.googleapis.com/b/o.csv?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam.gserviceaccount.com%2F20240101'
      + '&X-Goog-Date=20240101T000000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=9f86d081884c7d65';
    expect(redactText(url)).to.equal(`https://storage.googleapis.com/b/o.csv?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=${R}`
      + `&X-Goog-Date=20240101T000000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=${R}`);
  });

  it('Azure SAS: sig replaced, the SAS fields kept', () => {
    expect(redactText('https://acct.blob.core.windows.net/c/b.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-01-01T00:00:00Z&sig=AbC%2Fd%3D'))
      .to.equal(`https://acct.blob.core.windows.net/c/b.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-01-01T00:00:00Z&sig=${R}`);
    expect(redactText('https://host/x?sig=S1&token=T1')).to.equal(`https://host/x?sig=${R}&token=${R}`);
  });

  for (const name of ['token', 'access_token', 'api_key', 'apikey', 'key', 'signature', 'password', 'sig', 'X-Amz-Signature', 'x-goog-credential']) {
    for (const spelled of [name, name.toUpperCase(), name.charAt(0).toUpperCase() + name.slice(1)]) {
      it(`replaces the value of ?${spelled}= wherever it is in the query`, () => {
        expect(redactText(`https://h/p?a=1&${spelled}=SECRET-1&b=2`)).to.equal(`https://h/p?a=1&${spelled}=${R}&b=2`);
        expect(redactText(`https://h/p?${spelled}=SECRET-1`)).to.equal(`https://h/p?${spelled}=${R}`);
      });
    }
  }

  it('leaves look-alikes and harmless parameters alone', () => {
    for (const url of ['https://h/p?keyboard=1&monkey=2&max_tokens=5&tokenizer=bpe&pad_token=x&token_type=bearer&author=me',
      'https://bucket.s3.amazonaws.com/data.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600',
      's3://bucket/data/year=2024/month=01/part-0.parquet', 'https://h/x?token=&a=1', 'file:///data/train.csv', 'git@github.com:o/r.git',
      'learning rate=0.1, batch=32', 'mail a@b.c', 'Basic statistics computed', 'Basic settings', 'the bearer of news', 'Token count']) {
      expect(redactText(url), url).to.equal(url);
    }
  });

  it('finds parameters in fragments, at the start, after ; and inside a URL carried percent-encoded in another', () => {
    expect(redactText('https://app/cb#access_token=xyz&token_type=bearer')).to.equal(`https://app/cb#access_token=${R}&token_type=bearer`);
    expect(redactText('sig=abc&sv=1')).to.equal(`sig=${R}&sv=1`);
    expect(redactText('db.password=hunter2')).to.equal(`db.password=${R}`);
    expect(redactText('Protocol=https;AccountName=x;AccountKey=abc==;Suffix=core')).to.equal(`Protocol=https;AccountName=x;AccountKey=${R};Suffix=core`);
    expect(redactText('https://proxy/f?url=https%3A%2F%2Fh%2Fx%3Fsv%3D1%26sig%3DSECRET%26a%3D2'))
      .to.equal(`https://proxy/f?url=https%3A%2F%2Fh%2Fx%3Fsv%3D1%26sig%3D${R}%26a%3D2`);
    expect(redactText('--data=https://u:pw@h/d.csv?sig=1')).to.equal(`--data=https://***@h/d.csv?sig=${R}`);
  });

  it('decodes percent-encoded names: X%2DAmz%2DSignature is X-Amz-Signature', () => {
    expect(redactText('https://h/x?X%2DAmz%2DSignature=zzz&a%5Fb=1')).to.equal(`https://h/x?X%2DAmz%2DSignature=${R}&a%5Fb=1`);
    expect(redactText('https://h/x?%E0%A4%A=1&%ZZ=2')).to.equal('https://h/x?%E0%A4%A=1&%ZZ=2');
  });
});

describe('redaction policy: user info, authorization values, known secrets', () => {
  it('masks user:password@ (and a token as user) in every URL of a text, keeping the host', () => {
    expect(redactText('a https://x:y@h/p and http://tok@q/ and postgres://bob:p@ss@db:5432/x')).to.equal('a https://***@h/p and http://***@q/ and postgres://***@db:5432/x');
  });

  it('removes user info altogether from URLs that name a place (git remotes)', () => {
    expect(withoutUserinfo('https://ghp_abc@github.com/o/r')).to.equal('https://github.com/o/r');
    expect(withoutUserinfo('ssh://git@host:22/o/r.git')).to.equal('ssh://host:22/o/r.git');
    expect(withoutUserinfo('git@github.com:o/r.git')).to.equal('git@github.com:o/r.git');
  });

  it('replaces Bearer, Basic (Base64 of user:password) and Token credentials, as a whole value or inside a text', () => {
    const basic = Buffer.from('alice:pw').toString('base64');
    expect(redactText('Bearer abc.def')).to.equal(`Bearer ${R}`);
    expect(redactText(`Authorization: Basic ${basic}`)).to.equal(`Authorization: Basic ${R}`);
    expect(redactText('{"h":"bearer eyJhbGciOi.x.y"}')).to.equal(`{"h":"bearer ${R}"}`);
    expect(redactText('token ghp_1234567890abcdefghij')).to.equal(`token ${R}`);
  });

  it('replaces every occurrence of each known secret, then applies the rules', () => {
    expect(redactKnown('x x-long x http://u:p@h', ['x-long', 'x'])).to.equal(`${R} ${R} ${R} http://***@h`);
  });

  it('is idempotent', () => {
    const once = redactText('https://u:p@h/x?sig=1&X-Amz-Credential=A Bearer abcdefgh');
    expect(redactText(once)).to.equal(once);
  });
});

describe('redaction policy: names', () => {
  it('one list for parameters and command-line options, whole words only', () => {
    for (const name of ['password', 'DB_PASSWORD', 'dbpassword', 'passwd', 'passphrase', 'pwd', 'client_secret', 'aws_secret_access_key', '--aws-secret-access-key',
      'hf_token', 'authToken', 'accesstoken', 'refresh_token', 'api_key', 'apiKey', 'OPENAI_API_KEY', 'AWSAccessKeyId', 'private_key', 'secretKey',
      'credentials', 'gcp-credentials', 'auth', 'Authorization', 'cookie', '--token', '--api-key']) {
      expect(isSecretName(name), name).to.equal(true);
    }
    for (const name of ['max_tokens', 'max_new_tokens', 'tokenizer', 'pad_token', 'eos_token_id', 'token_type_ids', 'max_token_length', 'author', '--author',
      'authority', 'keyboard', 'monkey', 'secretariat_count', 'key', 'rng_key', 'signature', 'model_signature', 'sig', 'pass_rate']) {
      expect(isSecretName(name), name).to.equal(false);
    }
  });

  it('in a query string, key, sig and signature are credentials too, but not their look-alikes', () => {
    for (const name of ['key', 'KEY', 'sig', 'Signature', 'X-Amz-Signature', 'X-Goog-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'token']) {
      expect(isSecretQueryName(name), name).to.equal(true);
    }
    for (const name of ['keyboard', 'monkey', 'max_tokens', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Goog-Expires', 'sv', 'se', 'sp']) {
      expect(isSecretQueryName(name), name).to.equal(false);
    }
  });

  it('redacts a JSON value at any depth: secret names by name, every other string by the text rules', () => {
    const value = { lr: 0.1, db: { host: 'h', password: 'pw', url: 'https://h/x?sig=1' }, list: [{ token: 't' }, 'Bearer abcdefgh'] };
    expect(JSON.parse(JSON.stringify(redactJson(value, isSecretName)))).to.deep.equal({
      lr: 0.1, db: { host: 'h', password: R, url: `https://h/x?sig=${R}` }, list: [{ token: R }, `Bearer ${R}`],
    });
  });
});

describe('redaction policy: hostile input', () => {
  /** CPU milliseconds (not wall time: other processes on a busy machine do not count). */
  function timed(text: string): number {
    const start = process.cpuUsage();
    redactText(text);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  }

  const shapes: Record<string, (n: number) => string> = {
    letters: (n) => 'a'.repeat(n),
    'scheme-like runs': (n) => 'ab+'.repeat(n / 3),
    'schemes without @': (n) => 'a://b'.repeat(n / 5),
    'user info without @': (n) => `https://${'u:p'.repeat(n / 3)}`,
    'many params': (n) => `https://h/x?${'sig=1&'.repeat(n / 6)}`,
    'names without =': (n) => `?${'a'.repeat(n)}`,
    delimiters: (n) => '?&#;'.repeat(n / 4),
    'encoded params': (n) => `?u=${'%3Fa%3Db%26sig%3D1'.repeat(n / 19)}`,
    'encoded names without =': (n) => `%3F${'%2D'.repeat(n / 3)}`,
    'percent soup': (n) => '%'.repeat(n),
    bearers: (n) => 'Bearer '.repeat(n / 7),
    'a long base64': (n) => `Basic ${'QUJD'.repeat(n / 4)}`,
    'long secret name': (n) => `?${'x'.repeat(n)}token=1`,
  };

  // 8× the text: linear is 8× the time (measured 5-30× here, GC included), quadratic 64×. Times under 2 ms
  // count as 2 ms, so timer noise on tiny times cannot fail the test (a quadratic case takes seconds at 800k).
  for (const [name, make] of Object.entries(shapes)) {
    it(`${name}: linear time (8× the text, under 40× the time)`, () => {
      const small = make(100_000);
      const large = make(800_000);
      const best = (text: string): number => Math.min(...[0, 1, 2, 3, 4].map(() => timed(text)));
      best(small);
      const ratio = best(large) / Math.max(best(small), 2);
      expect(ratio, `${name}: ${ratio.toFixed(1)}×`).to.be.below(40);
    });
  }

  it('malformed URLs and lone surrogates neither throw nor leak', () => {
    for (const text of ['http://', '://@', 'https://@@@', '?=', '&=&=', 'https://h/x?sig', 'https://h/x?=sig', '\ud800?token=\udc00x', 'https://[::1]:x@/']) {
      expect(() => redactText(text), text).to.not.throw();
    }
    expect(redactText('\ud800?token=abc')).to.equal(`\ud800?token=${R}`);
  });
});
