/**
 * The hostile-input goal "no document slower than 50 ms up to 10 MB", measured rather than asserted:
 *
 *   node -r ts-node/register/transpile-only bench/hostile-parse.ts [--write]
 *
 * Parses (lax, then strict) documents of about 10 MB built to be expensive: deep nesting, one huge dict,
 * a wide feature list, a long string, thousands of invalid values, broken JSON, plus a fast-check sample of
 * mutated documents. Reports the best of 5 per document; `--write` updates docs/benchmarks.md.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { TrainingBOM } from '../src';
import { deepArrayText, mutatedText } from '../test/helpers/hostile-documents';
import { specExample } from '../test/helpers/vectors';
import { hostLine, writeSection } from './report';

const GOAL_MS = 50;
const MB = 1024 * 1024;

function withField(key: string, valueText: string): string {
  return JSON.stringify(specExample()).replace(/}$/, `,"${key}":${valueText}}`);
}

function documents(): Array<[string, string]> {
  const n = 10 * MB;
  const keys = Array.from({ length: 600_000 }, (_, i) => `"k${i}":${i}`).join(',');
  const features = JSON.stringify(Array.from({ length: 520_000 }, (_, i) => `f${i}`));
  const bad = Array.from({ length: 550_000 }, (_, i) => `"b${i}":"\\ud800"`).join(',');
  const doc = specExample();
  return [
    ['10 MB of nested arrays (5M levels)', withField('x', deepArrayText(n / 2))],
    ['600k-key dict in mlflow_params', JSON.stringify(doc).replace(/"mlflow_params":\{[^}]*\}/, `"mlflow_params":{${keys}}`)],
    ['520k features, all selected', JSON.stringify({ ...doc, feature_info: { original_features: JSON.parse(features) as string[], selected_features: JSON.parse(features) as string[] } })],
    ['one 10 MB string', withField('x', JSON.stringify('x'.repeat(n)))],
    ['550k unpaired surrogates', JSON.stringify(doc).replace(/"mlflow_params":\{[^}]*\}/, `"mlflow_params":{${bad}}`)],
    ['10 MB, broken at the end', withField('x', JSON.stringify('x'.repeat(n))).slice(0, -1)],
  ];
}

function bestOfFive(input: string, strict: boolean | 'json'): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    try {
      if (strict === 'json') JSON.parse(input);
      else TrainingBOM.parse(input, { strict });
    } catch {
      // rejection is the expected outcome for most of them
    }
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

function main(): void {
  const rows: string[] = ['| Document | Size | JSON.parse alone | lax | strict | ≤ 50 ms |', '|---|--:|--:|--:|--:|:-:|'];
  let worst = 0;
  for (const [name, text] of documents()) {
    const lax = bestOfFive(text, false);
    const strict = bestOfFive(text, true);
    worst = Math.max(worst, lax, strict);
    const floor = bestOfFive(text, 'json');
    rows.push(`| ${name} | ${(Buffer.byteLength(text) / MB).toFixed(1)} MB | ${floor.toFixed(1)} ms | ${lax.toFixed(1)} ms | ${strict.toFixed(1)} ms | ${Math.max(lax, strict) <= GOAL_MS ? 'yes' : '**no**'} |`);
  }
  const sample = fc.sample(mutatedText, { numRuns: 2000, seed: 42 });
  let sampleWorst = 0;
  for (const text of sample) sampleWorst = Math.max(sampleWorst, bestOfFive(text, false), bestOfFive(text, true));
  rows.push(`| 2,000 mutated documents (fast-check, seed 42), slowest | < 0.1 MB | | ${sampleWorst.toFixed(2)} ms | | ${sampleWorst <= GOAL_MS ? 'yes' : '**no**'} |`);
  const body = [
    hostLine(),
    '',
    `\`bench/hostile-parse.ts\`: \`TrainingBOM.parse\` of text built to be expensive, best of 5 each. Goal: no document up to 10 MB slower than ${GOAL_MS} ms.`,
    '',
    ...rows,
    '',
    `Slowest: ${worst.toFixed(1)} ms. The 50 ms goal holds for ordinary and mutated documents, long strings, deep nesting and`,
    'unpaired surrogate escapes (a text of 1 MiB or more is checked for those two before `JSON.parse`, which is slow on them),',
    'not for valid 10 MB documents made of hundreds of thousands of small values: there `JSON.parse` alone takes longer than',
    'the goal, and parsing stays within a small factor of it (linear in the input; the tests check linearity, not times).',
  ].join('\n');
  process.stdout.write(`${body}\n`);
  if (process.argv.includes('--write')) writeSection(join(__dirname, '..', 'docs', 'benchmarks.md'), 'hostile-parse', body);
}

main();
