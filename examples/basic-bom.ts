// The spec's "Basic Training BOM Creation" example in TypeScript.
// Run: npm run build && node -r ts-node/register/transpile-only examples/basic-bom.ts
import { TrainingBOM } from 'training-bom';

// Create dataset information
const datasetInfo = new TrainingBOM.DatasetInfo({
  origin: 's3://ml-data-bucket/training-data-v2.0.parquet',
  size: 1500000,
});

// Define feature engineering details
const featureInfo = new TrainingBOM.FeatureInfo({
  originalFeatures: ['age', 'income', 'credit_score', 'employment_years', 'debt_ratio'],
  selectedFeatures: ['age', 'income', 'credit_score', 'employment_years'],
});

// Specify model information
const modelInfo = new TrainingBOM.ModelInfo({
  type: 'RandomForestClassifier',
  architecture: 'ensemble_tree_based',
});

// Create complete training BOM
const trainingBom = new TrainingBOM({
  id: 'training-run-2024-09-05-001',
  startTime: new Date().toISOString(),
  endTime: new Date().toISOString(),
  datasetInfo,
  featureInfo,
  modelInfo,
  mlflowParams: {
    n_estimators: 100,
    max_depth: 10,
    min_samples_split: 2,
    random_state: 42,
  },
  mlflowMetrics: {
    accuracy: 0.87,
    precision: 0.84,
    recall: 0.89,
    f1_score: 0.86,
    auc_roc: 0.91,
  },
});

console.log(`Created Training BOM: ${trainingBom.id}`);
console.log(`Dataset origin: ${trainingBom.datasetInfo.origin}`);
console.log(`Selected features: ${JSON.stringify(trainingBom.featureInfo.selectedFeatures)}`);
console.log(`Model type: ${trainingBom.modelInfo.type}`);
console.log(`Training accuracy: ${JSON.stringify(trainingBom.mlflowMetrics['accuracy'])}`);
