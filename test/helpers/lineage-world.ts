/**
 * One small world for lineage tests, on the real MLflow server: BOMs trained on one dataset in an MLflow
 * experiment and in a file store, registered model versions linked to them each way (by `run_id`, by the
 * `training_bom.*` tags, by a `mlflow-<run_id>` BOM id), hostile names, a signed run and a sweep parent.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FileBomStore, linkBomToModelVersion, MlflowBomStore, MlflowClient, signBom, TrainingBOM, type AttestationKeyPair,
} from '../../src';
import { keyPair, modelFile } from './attestation-fixtures';
import { mlflowServer } from './mlflow-server';

/** A registered model version. */
export interface VersionRef {
  readonly name: string;
  readonly version: string;
}

/** What {@link lineageWorld} made. */
export interface LineageWorld {
  readonly url: string;
  readonly experiment: string;
  readonly storeDir: string;
  /** `sha256:<hex>` of every BOM but `other`. */
  readonly digest: string;
  /** The dataset origin of every BOM but `other` (quotes, ESC). */
  readonly origin: string;
  readonly ids: { readonly a: string; readonly b: string; readonly other: string; readonly hostile: string; readonly fromRun: string };
  readonly runs: { readonly a: string; readonly b: string; readonly hostile: string; readonly x: string; readonly parent: string };
  readonly parentRunName: string;
  /** Two versions registered from run a (`run_id` only). */
  readonly byRunId: readonly VersionRef[];
  /** Registered without a run, linked to BOM b and run b. */
  readonly byTag: VersionRef;
  /** Linked to the hostile BOM id (both quotes) and run. */
  readonly hostile: VersionRef;
  /** Registered from run x, whose BOM is `mlflow-<x>` in the file store only. */
  readonly fromRun: VersionRef;
  /** Registered without a run and never linked. */
  readonly unlinked: VersionRef;
  /** Registered from the sweep parent run (no BOM artifact) and linked to a BOM id that run does not hold. */
  readonly mislinked: VersionRef;
  /** Signed run a's BOM; `wrong` signed nothing. */
  readonly keys: { readonly good: AttestationKeyPair; readonly wrong: AttestationKeyPair; readonly goodFile: string; readonly wrongFile: string };
}

let world: Promise<LineageWorld> | undefined;

function bom(id: string, hour: number, digest: string, origin: string, extra: Record<string, unknown> = {}): TrainingBOM {
  const start = new Date(Date.UTC(2025, 0, 1, hour)).toISOString();
  return new TrainingBOM({
    id, startTime: start, endTime: start,
    datasetInfo: { origin, size: 1000 + hour },
    featureInfo: { originalFeatures: ['zip_code', "it's", 'amount', 'esc\u001b[2J'], selectedFeatures: ['zip_code', 'amount'] },
    modelInfo: { type: 'XGBClassifier', architecture: 'trees' },
    mlflowParams: { lr: 0.1 }, mlflowMetrics: { accuracy: 0.93, loss: 0.2 },
    additionalValues: { dataset: { digest }, ...extra },
  });
}

async function build(): Promise<LineageWorld> {
  const url = (await mlflowServer()).url;
  const u = randomUUID().slice(0, 8);
  const client = new MlflowClient({ trackingUri: url, env: {} });
  const experiment = `lineage-${u}`;
  const digest = `sha256:${createHash('sha256').update(u).digest('hex')}`;
  const origin = `s3://bucket/it's "lineage" \u001b[31m${u}.csv`;
  const experimentId = (await client.getOrCreateExperiment(experiment)).experimentId;
  const parentRunName = `sweep "parent" ${u}`;
  const parent = (await client.createRun({ experimentId, runName: parentRunName })).info.runId;
  const x = (await client.createRun({ experimentId, runName: `plain-${u}` })).info.runId;
  const ids = { a: `lin-a-${u}`, b: `lin-b-${u}`, other: `lin-other-${u}`, hostile: `lin-'"%_-${u}`, fromRun: `mlflow-${x}` };
  const boms = {
    a: bom(ids.a, 0, digest, origin, { sweep: { parent_run_id: parent } }),
    b: bom(ids.b, 1, digest, origin),
    hostile: bom(ids.hostile, 2, digest, origin),
    other: bom(ids.other, 4, `sha256:${'c'.repeat(64)}`, 's3://bucket/other.csv'),
  };
  const mlflowStore = new MlflowBomStore({ client, experimentName: experiment });
  const runOf = async (b: TrainingBOM): Promise<string> => /^runs:\/([0-9a-f]{32})\//.exec(await mlflowStore.put(b))?.[1] as string;
  const runs = { a: await runOf(boms.a), b: await runOf(boms.b), hostile: await runOf(boms.hostile), x, parent };
  await runOf(boms.other);
  const storeDir = mkdtempSync(join(tmpdir(), 'tbom-lineage-'));
  const fileStore = new FileBomStore(storeDir);
  for (const b of [...Object.values(boms), bom(ids.fromRun, 3, digest, origin)]) await fileStore.put(b);

  const good = keyPair('ed25519');
  const wrong = keyPair('ecdsa-p256');
  const envelope = signBom(boms.a, good.privateKeyPem, { subjects: [modelFile().subject] });
  await client.uploadArtifact(runs.a, 'training_bom.intoto.json', JSON.stringify(envelope));
  const keyDir = mkdtempSync(join(tmpdir(), 'tbom-lineage-keys-'));
  const goodFile = join(keyDir, 'good.pub');
  const wrongFile = join(keyDir, 'wrong.pub');
  writeFileSync(goodFile, good.publicKeyPem);
  writeFileSync(wrongFile, wrong.publicKeyPem);

  const models = new Set<string>();
  const register = async (name: string, runId?: string): Promise<VersionRef> => {
    if (!models.has(name)) await client.createRegisteredModel(name);
    models.add(name);
    const source = runId === undefined ? 's3://models/model' : `mlflow-artifacts:/${experimentId}/${runId}/artifacts/model`;
    return { name, version: (await client.createModelVersion({ name, source, runId })).version };
  };
  const runModel = `lin "run" 'model' \`${u}\``;
  const byRunId = [await register(runModel, runs.a), await register(runModel, runs.a)];
  const byTag = await register(`lin-tag-${u}`);
  await linkBomToModelVersion(byTag.name, byTag.version, ids.b, { client, runId: runs.b });
  const hostile = await register(`lin-hostile '"%_ ${u}`);
  await linkBomToModelVersion(hostile.name, hostile.version, ids.hostile, { client, runId: runs.hostile });
  const fromRun = await register(`lin-x-${u}`, x);
  const unlinked = await register(`lin-unlinked-${u}`);
  const mislinked = await register(`lin-mislinked-${u}`, parent);
  await linkBomToModelVersion(mislinked.name, mislinked.version, `not-this-bom-${u}`, { client });
  await client.close();
  return { url, experiment, storeDir, digest, origin, ids, runs, parentRunName, byRunId, byTag, hostile, fromRun, unlinked, mislinked, keys: { good, wrong, goodFile, wrongFile } };
}

/** The world, built once per test process. */
export function lineageWorld(): Promise<LineageWorld> {
  world ??= build();
  return world;
}
