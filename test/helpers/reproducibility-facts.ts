import { specExample } from './vectors';

/** A valid `additional_values` with every section the SDK records, as a fresh plain object. */
export function factsExample(): Record<string, unknown> {
  return {
    dataset: {
      scheme: 'file', kind: 'file', path: '/data/train.csv', bytes: 2048, modified: '2024-09-05T09:00:00.000Z',
      digest: `sha256:${'0123456789abcdef'.repeat(4)}`, rows: 100, format: 'csv', header: true,
    },
    environment: {
      producer: 'training-bom@0.1.0', node: 'v20.20.2', v8: '11.3', os: { platform: 'linux', arch: 'x64', type: 'Linux', release: '6.1' },
      cpu: { model: 'AMD EPYC', count: 2 }, memory: 1024, command: { script: 'train.js', args: ['--epochs', '3'], flags: [] },
      git: { commit: 'a'.repeat(40), branch: 'main', dirty: false, remote: 'https://github.com/org/repo.git' },
      lockfile: { name: 'package-lock.json', digest: `sha256:${'f'.repeat(64)}` }, packages: { '@tensorflow/tfjs': '4.22.0' },
    },
    seeds: { global: 42, split: 'abc' },
    data_quality: { missing_ratio: 0.01 },
    anomalies: [{ key: 'loss', rule: 'non_finite', step: 3, value: 'NaN', timestamp: '2024-09-05T10:00:00.000Z', message: 'loss is NaN at step 3' }],
  };
}

/** The spec's example document with {@link factsExample} as its `additional_values`. */
export function specExampleWithFacts(): Record<string, unknown> {
  return { ...specExample(), additional_values: factsExample() };
}

/** Two valid model artifacts in wire order, as fresh plain objects. */
export function modelArtifactsExample(): Array<Record<string, unknown>> {
  return [
    { name: 'model/model.json', digest: `sha256:${'ab'.repeat(32)}`, bytes: 1234 },
    { name: 'model/weights.bin', digest: `sha256:${'cd'.repeat(32)}`, bytes: 56_789 },
  ];
}
