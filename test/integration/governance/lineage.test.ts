/** datasetLineage and modelLineage against the real MLflow server and registry, on both stores. */
import { expect } from 'chai';
import {
  datasetLineage, FileBomStore, InvalidArgumentError, MlflowBomStore, MlflowClient, MlflowError, modelLineage,
  type DatasetLineage, type LinkedModelVersion,
} from '../../../src';
import { lineageWorld, type LineageWorld, type VersionRef } from '../../helpers/lineage-world';
import { rejection } from '../../helpers/rejection';

const refs = (versions: readonly LinkedModelVersion[]): Array<{ name: string; version: string; via: readonly string[] }> =>
  versions.map((v) => ({ name: v.name, version: v.version, via: v.via }));

const want = (ref: VersionRef, via: readonly string[]): { name: string; version: string; via: readonly string[] } => ({ ...ref, via });

function byBom(lineage: DatasetLineage): Map<string, ReturnType<typeof refs>> {
  return new Map(lineage.runs.map((r) => [r.bomId, refs(r.modelVersions)]));
}

describe('lineage (real MLflow server and registry)', function () {
  this.timeout(120_000);
  let w: LineageWorld;
  let client: MlflowClient;

  before(async () => {
    w = await lineageWorld();
    client = new MlflowClient({ trackingUri: w.url, env: {} });
  });

  after(async () => client?.close());

  describe('datasetLineage', () => {
    it('finds, in an MLflow store, the runs trained on the dataset and the versions linked by run_id and by tag', async () => {
      const lineage = await datasetLineage(new MlflowBomStore({ client, experimentName: w.experiment }), w.digest, { client });
      expect(lineage.matchedBy).to.equal('digest');
      expect(lineage.runs.map((r) => r.bomId)).to.deep.equal([w.ids.a, w.ids.b, w.ids.hostile]);
      expect(lineage.runs.map((r) => r.mlflowRunId)).to.deep.equal([w.runs.a, w.runs.b, w.runs.hostile]);
      const versions = byBom(lineage);
      expect(versions.get(w.ids.a)).to.deep.equal(w.byRunId.map((v) => want(v, ['run_id'])));
      expect(versions.get(w.ids.b)).to.deep.equal([want(w.byTag, ['training_bom.run_id', 'training_bom.id'])]);
      expect(versions.get(w.ids.hostile)).to.deep.equal([want(w.hostile, ['training_bom.run_id', 'training_bom.id'])]);
      expect(lineage.registry).to.deep.equal({ consulted: true, trackingUri: w.url });
    });

    it('finds, in a file store, versions by the BOM id tag and by the run of a mlflow-<run_id> BOM', async () => {
      const lineage = await datasetLineage(new FileBomStore(w.storeDir), w.digest, { client });
      expect(lineage.runs.map((r) => r.bomId)).to.deep.equal([w.ids.a, w.ids.b, w.ids.hostile, w.ids.fromRun]);
      const versions = byBom(lineage);
      expect(versions.get(w.ids.a), 'a file BOM does not know run a').to.deep.equal([]);
      expect(versions.get(w.ids.b)).to.deep.equal([want(w.byTag, ['training_bom.id'])]);
      expect(versions.get(w.ids.hostile)).to.deep.equal([want(w.hostile, ['training_bom.id'])]);
      expect(versions.get(w.ids.fromRun)).to.deep.equal([want(w.fromRun, ['run_id'])]);
    });

    it('matches a hostile origin with quotes and an escape character on both stores', async () => {
      for (const store of [new FileBomStore(w.storeDir), new MlflowBomStore({ client, experimentName: w.experiment })]) {
        const lineage = await datasetLineage(store, w.origin, { client });
        expect(lineage.matchedBy).to.equal('origin');
        expect(lineage.runs.map((r) => r.bomId)).to.include.members([w.ids.a, w.ids.b, w.ids.hostile]);
        expect(lineage.runs.map((r) => r.bomId)).to.not.include(w.ids.other);
      }
    });

    it('gives the same answer when every store page and registry page holds one entry', async () => {
      const store = new MlflowBomStore({ client, experimentName: w.experiment });
      const whole = await datasetLineage(store, w.digest, { client });
      const paged = await datasetLineage(store, w.digest, { client, pageSize: 1, registryPageSize: 1, concurrency: 1 });
      expect(paged).to.deep.equal(whole);
      expect(paged.runs[0].modelVersions).to.have.length(2);
    });

    it('says the registry was not consulted when no tracking server is configured', async () => {
      const lineage = await datasetLineage(new FileBomStore(w.storeDir), w.digest, { clientOptions: { env: {} } });
      expect(lineage.runs).to.have.length(4);
      expect(lineage.runs.every((r) => r.modelVersions.length === 0)).to.equal(true);
      expect(lineage.registry.consulted).to.equal(false);
      expect(lineage.registry.reason).to.contain('MLFLOW_TRACKING_URI');
    });

    it('does not consult the registry when told not to', async () => {
      const lineage = await datasetLineage(new FileBomStore(w.storeDir), w.digest, { client, registry: false });
      expect(lineage.registry).to.deep.equal({ consulted: false, reason: 'the registry was not asked for' });
    });

    it('answers no runs for a dataset nobody used', async () => {
      const lineage = await datasetLineage(new FileBomStore(w.storeDir), `sha256:${'d'.repeat(64)}`, { client });
      expect(lineage.runs).to.deep.equal([]);
    });

    it('refuses an empty dataset and a page size out of range, naming the option', async () => {
      const store = new FileBomStore(w.storeDir);
      expect(await rejection(datasetLineage(store, ''))).to.be.instanceOf(InvalidArgumentError).with.property('argument', 'dataset');
      expect(await rejection(datasetLineage(store, w.digest, { pageSize: 0 }))).to.be.instanceOf(InvalidArgumentError).with.property('argument', 'pageSize');
    });
  });

  describe('modelLineage', () => {
    it('walks a version back to its run, BOM, dataset digest, features, model, metrics and sweep parent', async () => {
      const m = await modelLineage(w.byRunId[0].name, w.byRunId[0].version, { client });
      expect(m.runId).to.equal(w.runs.a);
      expect(m.modelVersion.via).to.deep.equal(['run_id']);
      expect(m.bomSource).to.equal('artifact');
      expect(m.bomId).to.equal(w.ids.a);
      expect(m.dataset).to.deep.equal({ origin: w.origin, size: 1000, digest: w.digest });
      expect(m.features).to.deep.equal({ original: ['zip_code', "it's", 'amount', 'esc\u001b[2J'], selected: ['zip_code', 'amount'] });
      expect(m.model).to.deep.equal({ type: 'XGBClassifier', architecture: 'trees' });
      expect({ ...m.metrics }).to.deep.equal({ accuracy: 0.93, loss: 0.2 });
      expect(m.sweep).to.deep.equal({ parentRunId: w.runs.parent, parentRunName: w.parentRunName });
    });

    it('says a signed run is signed but not checked without keys', async () => {
      const m = await modelLineage(w.byRunId[0].name, w.byRunId[0].version, { client });
      expect(m.signature).to.include({ signed: true, verified: undefined, keysGiven: 0 });
    });

    it('verifies the signature with the right key', async () => {
      const m = await modelLineage(w.byRunId[0].name, w.byRunId[0].version, { client, keys: [w.keys.good.publicKeyPem] });
      expect(m.signature).to.include({ signed: true, verified: true, keyid: w.keys.good.keyid });
    });

    it('does not verify the signature with a wrong key, and says why', async () => {
      const m = await modelLineage(w.byRunId[0].name, w.byRunId[0].version, { client, keys: [w.keys.wrong.publicKeyPem] });
      expect(m.signature).to.include({ signed: true, verified: false });
      expect(m.signature.problem).to.be.a('string').and.not.equal('');
    });

    it('follows the training_bom.run_id tag of a version registered without a run, to an unsigned BOM', async () => {
      const m = await modelLineage(w.byTag.name, Number(w.byTag.version), { client, keys: [w.keys.good.publicKeyPem] });
      expect(m.runId).to.equal(w.runs.b);
      expect(m.modelVersion.via).to.deep.equal(['training_bom.run_id', 'training_bom.id']);
      expect(m.bomId).to.equal(w.ids.b);
      expect(m.sweep).to.equal(undefined);
      expect(m.signature).to.include({ signed: false, verified: undefined });
    });

    it('builds the BOM from run data for a run without training_bom.json', async () => {
      const m = await modelLineage(w.fromRun.name, w.fromRun.version, { client });
      expect(m).to.include({ bomSource: 'run-data', bomId: `mlflow-${w.runs.x}` });
      expect(m.signature.signed).to.equal(false);
    });

    it('says when the version\'s training_bom.id names another BOM than its run holds', async () => {
      const m = await modelLineage(w.mislinked.name, w.mislinked.version, { client });
      expect(m).to.include({ runId: w.runs.parent, bomId: `mlflow-${w.runs.parent}`, bomIdMatchesLink: false });
      expect(m.modelVersion.linkedBomId).to.match(/^not-this-bom-/);
    });

    it('rejects an unknown model version with RESOURCE_DOES_NOT_EXIST', async () => {
      const error = await rejection(modelLineage(`${w.byTag.name}-nope`, 1, { client }));
      expect(error).to.be.instanceOf(MlflowError).with.property('errorCode', 'RESOURCE_DOES_NOT_EXIST');
    });

    it('rejects a version that names no run', async () => {
      const error = await rejection(modelLineage(w.unlinked.name, w.unlinked.version, { client }));
      expect(error).to.be.instanceOf(InvalidArgumentError).with.property('message').that.contains('names no run');
    });

    it('refuses a version that is not a positive integer before calling the server', async () => {
      for (const version of ['0', '1.5', 'latest', -1]) {
        expect(await rejection(modelLineage('m', version, { client })), String(version)).to.be.instanceOf(InvalidArgumentError).with.property('argument', 'version');
      }
    });
  });
});
