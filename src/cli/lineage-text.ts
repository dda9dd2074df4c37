/** The text trees of `training-bom lineage`; every string from a BOM or the registry goes through `printable`. */
import type { DatasetLineage, LinkedModelVersion, ModelLineage } from '../governance/lineage/lineage-types';
import { verdictOf, verdictText } from './from-mlflow-attestation';
import { printable } from './printable';

/** Tree lines for `items` under a parent whose children start with `indent`. */
function branch<T>(items: readonly T[], indent: string, render: (item: T, childIndent: string) => string[]): string[] {
  return items.flatMap((item, i) => {
    const last = i === items.length - 1;
    const [head, ...rest] = render(item, `${indent}${last ? '   ' : '│  '}`);
    return [`${indent}${last ? '└─' : '├─'} ${head}`, ...rest];
  });
}

const versionLine = (v: LinkedModelVersion): string =>
  `model version ${printable(v.name)}/${printable(v.version)} (${printable(v.status)}) via ${v.via.join(', ')}`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `lineage --dataset`: the dataset, its runs, each run's model versions, and whether the registry was asked. */
export function datasetLineageText(lineage: DatasetLineage, where: string): string {
  const lines = [`dataset ${printable(lineage.dataset)} (matched by ${lineage.matchedBy}) in ${printable(where)}`];
  lines.push(...branch(lineage.runs, '', (run, indent) => {
    const mlflow = run.mlflowRunId === undefined ? '' : `, MLflow run ${printable(run.mlflowRunId)}`;
    const head = `run ${printable(run.bomId)} (${printable(run.startTime)}, ${printable(run.modelType)}${mlflow})`;
    if (!lineage.registry.consulted) return [head];
    if (run.modelVersions.length === 0) return [head, `${indent}└─ no registered model version`];
    return [head, ...branch(run.modelVersions, indent, (v) => [versionLine(v)])];
  }));
  const versions = lineage.runs.reduce((n, r) => n + r.modelVersions.length, 0);
  lines.push(`${plural(lineage.runs.length, 'run')}, ${plural(versions, 'model version')}`);
  lines.push(lineage.registry.consulted
    ? `model registry: ${printable(lineage.registry.trackingUri ?? '')}`
    : `model registry not consulted: ${printable(lineage.registry.reason ?? 'not asked')}`);
  return `${lines.join('\n')}\n`;
}

function metricsText(metrics: Readonly<Record<string, number | string>>): string {
  const keys = Object.keys(metrics);
  if (keys.length === 0) return 'metrics: none';
  const shown = keys.slice(0, 8).map((k) => `${printable(k)}=${String(metrics[k])}`).join(', ');
  return `metrics: ${shown}${keys.length > 8 ? `, and ${keys.length - 8} more` : ''}`;
}

const namesText = (names: readonly string[]): string => (names.length === 0 ? 'none' : names.map(printable).join(', '));

/** `lineage --model`: the version, its run, its BOM and what the BOM says about data, features, sweep and signature. */
export function modelLineageText(m: ModelLineage): string {
  const v = m.modelVersion;
  const lines = [`model version ${printable(v.name)}/${printable(v.version)} (${printable(v.status)})`];
  const runName = m.runName === undefined ? '' : ` "${printable(m.runName)}"`;
  lines.push(`└─ run ${printable(m.runId)}${runName} via ${v.via.length === 0 ? 'nothing (the version names another run)' : v.via.join(', ')}`);
  const source = m.bomSource === 'artifact' ? "the run's training_bom.json" : "built from the run's data (no training_bom.json)";
  lines.push(`   └─ BOM ${printable(m.bomId)} (${source})`);
  const digest = m.dataset.digest === undefined ? 'no digest recorded' : `digest ${printable(m.dataset.digest)}`;
  const sweep = m.sweep === undefined
    ? 'sweep: not a trial of a sweep'
    : `sweep parent: run ${printable(m.sweep.parentRunId)}${m.sweep.parentRunName === undefined ? '' : ` "${printable(m.sweep.parentRunName)}"`}`;
  const facts = [
    `dataset: ${printable(m.dataset.origin)} (${m.dataset.size} rows, ${digest})`,
    `features: ${m.features.original.length} original: ${namesText(m.features.original)}`,
    `selected: ${m.features.selected.length}: ${namesText(m.features.selected)}`,
    `model: ${printable(m.model.type)} / ${printable(m.model.architecture)}`,
    metricsText(m.metrics),
    `trained: ${printable(m.startTime)} to ${printable(m.endTime)}`,
    sweep,
    `signature: ${printable(verdictText(verdictOf(m.signature)))}`,
  ];
  lines.push(...branch(facts, '      ', (fact) => [fact]));
  if (!m.bomIdMatchesLink) lines.push(`warning: the version's training_bom.id tag names BOM ${printable(v.linkedBomId ?? '')}, not ${printable(m.bomId)}`);
  return `${lines.join('\n')}\n`;
}
