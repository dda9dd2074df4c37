/** The one way a BOM's attestation is written to its MLflow run: `training_bom.intoto.json`, indented JSON. */
import type { DsseEnvelope } from '../../models/dsse-envelope';
import { ATTESTATION_ARTIFACT } from './conventions';
import type { MlflowClient } from '../client/mlflow-client';

/** Uploads `envelope` as the run's `training_bom.intoto.json` (replacing one already there). @throws MlflowError */
export async function uploadAttestationArtifact(client: MlflowClient, runId: string, envelope: DsseEnvelope): Promise<void> {
  await client.uploadArtifact(runId, ATTESTATION_ARTIFACT, `${JSON.stringify(envelope, null, 2)}\n`, { contentType: 'application/json' });
}
