// The spec's "MLflow Integration Pattern" in TypeScript: log a run to an MLflow tracking server, then build
// its training BOM with createTrainingBomFromMlflow (the SDK's create_training_bom_from_mlflow).
// Run: npm run build && MLFLOW_TRACKING_URI=http://127.0.0.1:5000 node -r ts-node/register/transpile-only examples/mlflow-integration.ts
import { createTrainingBomFromMlflow, MlflowClient } from 'training-bom';

async function main(): Promise<void> {
  if (!process.env.MLFLOW_TRACKING_URI) {
    console.error('Set MLFLOW_TRACKING_URI to your MLflow tracking server, e.g. MLFLOW_TRACKING_URI=http://127.0.0.1:5000');
    process.exitCode = 2;
    return;
  }
  const mlflow = new MlflowClient();   // reads MLFLOW_TRACKING_URI (and MLFLOW_TRACKING_TOKEN etc.)
  try {
    const experiment = await mlflow.getOrCreateExperiment(process.env.MLFLOW_EXPERIMENT_NAME ?? 'training-bom-examples');
    const run = await mlflow.createRun({ experimentId: experiment.experimentId, startTime: Date.now() });
    const runId = run.info.runId;

    // Training code here...
    await mlflow.logBatch(runId, {
      params: [
        { key: 'dataset_path', value: 's3://bucket/data.parquet' },
        { key: 'model_type', value: 'XGBoostClassifier' },
      ],
      metrics: [{ key: 'accuracy', value: 0.92, step: 0, timestamp: Date.now() }],
    });
    await mlflow.updateRun(runId, { status: 'FINISHED', endTime: Date.now() });

    // Create BOM after training
    const bom = await createTrainingBomFromMlflow(runId, { client: mlflow });
    console.log(`Created Training BOM: ${bom.id}`);
    console.log('Training BOM JSON:', bom.toJSONString(2));
  } finally {
    await mlflow.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
