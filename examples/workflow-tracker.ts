// The spec's "Comprehensive Workflow Tracking" example in TypeScript. The spec hand-writes its tracker;
// the SDK ships it as TrainingWorkflowTracker (passing `logger: console` prints the same progress lines).
// Run: npm run build && node -r ts-node/register/transpile-only examples/workflow-tracker.ts
import { TrainingWorkflowTracker } from 'training-bom';

const tracker = new TrainingWorkflowTracker({ logger: console });

// Initialize training
tracker.startTraining('fraud-detection-v3.2');

// Register components
tracker.registerDataset('s3://fraud-data/transactions-2024.parquet', 2500000);
tracker.registerFeatures(
  ['amount', 'merchant', 'timestamp', 'location', 'card_type', 'user_age'],
  ['amount', 'merchant', 'timestamp', 'location'],
);
tracker.registerModel('GradientBoostingClassifier', 'tree_ensemble');

// Log training parameters
tracker.logParameter('n_estimators', 200);
tracker.logParameter('learning_rate', 0.1);
tracker.logParameter('max_depth', 8);

// Log training metrics (with a step, the full history is kept)
for (let epoch = 0; epoch < 10; epoch++) tracker.logMetric('loss', 1 / (epoch + 1), epoch);
tracker.logMetric('accuracy', 0.94);
tracker.logMetric('precision', 0.91);
tracker.logMetric('recall', 0.96);

// Finalize and get BOM
const finalBom = tracker.finalizeTraining();

// Serialize BOM for storage or transmission
const bomJson = finalBom.toJSONString(2);
console.log('Training BOM JSON:', bomJson);

void tracker.close();
