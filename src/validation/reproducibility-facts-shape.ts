import { F, type FactCheck } from './fact-checks';
import { MODEL_ARTIFACTS } from './model-artifact-checks';

const dataset = F.shape({
  scheme: F.string, kind: F.oneOf('file', 'directory', 'remote'), path: F.string, format: F.string, compression: F.string,
  bytes: F.count, files: F.count, modified: F.timestamp, digest: F.digest, rows: F.nullable(F.count), header: F.boolean,
  http: F.shape({ status: F.integer, length: F.nullable(F.count), etag: F.nullable(F.string), modified: F.nullable(F.string), type: F.nullable(F.string) }),
  warnings: F.arrayOf(F.string),
});

const environment = F.shape({
  producer: F.string, node: F.string, v8: F.string,
  os: F.shape({ platform: F.string, arch: F.string, type: F.string, release: F.string }),
  cpu: F.shape({ model: F.nullable(F.string), count: F.count }),
  memory: F.count,
  command: F.shape({ script: F.nullable(F.string), args: F.arrayOf(F.string), flags: F.arrayOf(F.string) }),
  git: F.nullable(F.shape({ commit: F.nullable(F.commit), branch: F.nullable(F.string), dirty: F.boolean, remote: F.nullable(F.urlWithoutCredentials) })),
  lockfile: F.nullable(F.shape({ name: F.string, digest: F.digest }, ['name', 'digest'])),
  packages: F.dictOf(F.string),
});

const anomaly = F.shape(
  { key: F.string, rule: F.oneOf('non_finite', 'divergence', 'plateau'), step: F.integer, value: F.metricValue, timestamp: F.timestamp, message: F.string },
  ['key', 'rule', 'step'],
);

/**
 * The types of the facts the SDK records in `additional_values`, by section. Sections and fields it does
 * not know are free; a known field must have its type (strict mode).
 */
export const REPRODUCIBILITY_FACTS: FactCheck = F.shape({
  dataset,
  environment,
  seeds: F.dictOf(F.seed),
  data_quality: F.object,
  anomalies: F.arrayOf(anomaly),
  model_artifacts: MODEL_ARTIFACTS,
});
