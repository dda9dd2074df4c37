import { createHash } from 'node:crypto';
import { formatDuration } from '../core/format-duration';
import type { JsonValue } from '../core/json-types';
import { InvalidArgumentError } from '../errors';
import { TrainingBOM } from '../models/training-bom';
import { flatRows } from './html-blocks';
import { escapeMarkdown as md, markdownTable } from './markdown-escape';
import type { ReportRun } from './report-run';
import { signatureText } from './run-sections';
import { displayValue, runView, type RunView } from './run-view';

const BLANK = (what: string): string => `> _To be filled in by a person: ${what} The BOM cannot know this._`;

function facts(value: JsonValue | undefined, empty: string): string {
  const rows = flatRows(value);
  return rows.length === 0 ? `_${empty}_` : markdownTable(['name', 'value'], rows);
}

function details(v: RunView): string {
  const lines = [
    `- **Model type:** ${md(v.model.type)}`,
    `- **Architecture:** ${md(v.model.architecture)}`,
    `- **Training run:** ${md(v.id)}`,
    `- **Trained:** ${md(v.startTime)} to ${md(v.endTime)}${v.durationMs === undefined ? '' : ` \\(${formatDuration(v.durationMs)}\\)`}`,
  ];
  const signature = signatureText(v);
  if (signature !== undefined) lines.push(`- **BOM signature:** ${md(signature)}`);
  return lines.join('\n');
}

function trainingData(v: RunView): string {
  return [
    `- **Dataset:** ${md(v.origin)}`,
    `- **Rows:** ${v.rows}`,
    `- **Digest:** ${v.digest === undefined ? '_not recorded_' : md(v.digest)}`,
    `- **Features used (${v.kept.length + v.notInOriginal.length}):** ${[...v.kept, ...v.notInOriginal].map(md).join(', ') || '_none_'}`,
    `- **Features dropped (${v.dropped.length}):** ${v.dropped.map(md).join(', ') || '_none_'}`,
    '', '### Data quality', '', facts(v.dataQuality, 'No data-quality fact recorded.'),
    '', '### Dataset inspection', '', facts(v.dataset, 'The dataset file was not inspected.'),
  ].join('\n');
}

function procedure(v: RunView, run: ReportRun): string {
  const parts = ['### Hyper-parameters', '', facts(v.params, 'No parameter recorded.'), '', '### Seeds', '', facts(v.seeds, 'No seed recorded.')];
  if (run.history !== undefined && run.history.length > 0) {
    parts.push('', '### Metric history', '', markdownTable(['metric', 'points', 'non-finite'], run.history.map((h) => [h.key, String(h.length), String(h.nonFiniteCount)])));
  }
  return parts.join('\n');
}

function evaluation(v: RunView): string {
  const metrics = Object.keys(v.metrics);
  const parts = [
    '_Final values as the run recorded them; the BOM does not say which split each was measured on._', '',
    metrics.length === 0 ? '_No metric recorded._' : markdownTable(['metric', 'value'], metrics.map((k) => [k, displayValue(v.metrics[k])])),
  ];
  if (v.anomalies.length > 0) {
    parts.push('', '### Anomalies during training', '', markdownTable(['metric', 'rule', 'step', 'message'], v.anomalies.map((a) => [a.key, a.rule, a.step === undefined ? '' : String(a.step), a.message])));
  }
  return parts.join('\n');
}

function provenance(v: RunView, bom: TrainingBOM): string {
  const digest = createHash('sha256').update(`${bom.toJSONString(2)}\n`).digest('hex');
  const env = v.environment;
  const git = typeof env === 'object' && env !== null && !Array.isArray(env) ? env.git : undefined;
  const commit = typeof git === 'object' && git !== null && !Array.isArray(git) && typeof git.commit === 'string' ? git.commit : undefined;
  return [
    `- **Bill of Materials:** run ${md(v.id)}, sha256 of the BOM as training-bom stores it \`${digest}\``,
    `- **Source commit:** ${commit === undefined ? '_not recorded_' : md(commit)}`,
    '', BLANK('how to cite this model (authors, title, year, a DOI or URL).'),
  ].join('\n');
}

/**
 * A Markdown model card for one run, in the sections model cards usually have (details, intended use,
 * training data, training procedure and hyper-parameters, evaluation results, environment and compute,
 * limitations and ethical considerations, how to cite), filled from the BOM; what the BOM cannot know is
 * left as a marked blank. Every string from the BOM is Markdown-escaped; secrets are redacted as in the HTML report.
 * @throws InvalidArgumentError when `run.bom` is not a TrainingBOM.
 */
export function renderModelCard(run: ReportRun): string {
  if (!(run?.bom instanceof TrainingBOM)) throw new InvalidArgumentError('run.bom', 'must be a TrainingBOM');
  const v = runView(run);
  return [
    `# Model card: ${md(v.model.type)} from run ${md(v.id)}`, '',
    `_Written by training-bom from the run's Bill of Materials. Sections marked "to be filled in" need a person._`, '',
    '## Model details', '', details(v), '',
    '## Intended use', '', BLANK('primary intended uses and users, and uses that are out of scope.'), '',
    '## Training data', '', trainingData(v), '',
    '## Training procedure and hyper-parameters', '', procedure(v, run), '',
    '## Evaluation results', '', evaluation(v), '',
    '## Environment and compute', '', v.durationMs === undefined ? '' : `- **Training time:** ${formatDuration(v.durationMs)}\n`, facts(v.environment, 'No environment recorded.'), '',
    '## Limitations and ethical considerations', '', BLANK('known limitations, risks, biases, and the trade-offs made.'), '',
    '## How to cite and provenance', '', provenance(v, run.bom), '',
  ].join('\n');
}
