/** The checks of the training data: where it came from, which bytes, its size and format, its features, its quality. */
import { isJsonObject, ownChild } from '../core/json-child';
import { Found, names, nonEmpty, short, type EvidenceCheck } from './evidence-check';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

function datasetFacts(context: { bom: { additionalValues?: unknown } }): unknown {
  return ownChild(context.bom.additionalValues, 'dataset');
}

/** `dataset-origin`: `dataset_info.origin`. */
export const datasetOrigin: EvidenceCheck = {
  title: 'where the training data came from',
  hint: 'tracker.registerDataset(origin, size), or await tracker.registerDatasetVerified(origin) to hash it too',
  run({ bom }) {
    const found = new Found();
    const origin = nonEmpty(bom.datasetInfo.origin);
    found.add('dataset_info.origin', origin === undefined ? undefined : short(origin));
    return found.outcome();
  },
};

/** `dataset-digest`: `additional_values.dataset.digest`, a SHA-256 of the data's bytes. */
export const datasetDigest: EvidenceCheck = {
  title: 'which bytes the training data was (its SHA-256)',
  hint: 'await tracker.registerDatasetVerified(origin) hashes a local file or directory; for a remote origin, register the inspection of a local copy (registerDataset(await inspectDataset(copy)))',
  run(context) {
    const found = new Found();
    const digest = ownChild(datasetFacts(context), 'digest');
    if (digest === undefined || digest === null) {
      found.add('additional_values.dataset.digest', undefined);
      return found.outcome();
    }
    const shown = typeof digest === 'string' ? short(digest, 80) : typeof digest;
    found.add('additional_values.dataset.digest', shown);
    return typeof digest === 'string' && DIGEST.test(digest) ? found.outcome() : found.failed('is not sha256: and 64 lower-case hex digits');
  },
};

/** `dataset-characteristics`: rows (`dataset_info.size`, `additional_values.dataset.rows`), bytes and format. */
export const datasetCharacteristics: EvidenceCheck = {
  title: 'the training data\'s size and format',
  hint: 'await tracker.registerDatasetVerified(origin) records rows, bytes and format; or give the row count: registerDataset(origin, size)',
  run(context) {
    const found = new Found();
    const size = context.bom.datasetInfo.size;
    const rows = ownChild(datasetFacts(context), 'rows');
    const counted = typeof size === 'number' && size > 0 ? size : typeof rows === 'number' && rows > 0 ? rows : undefined;
    found.add('dataset_info.size', counted === undefined ? undefined : `${counted} rows`);
    const bytes = ownChild(datasetFacts(context), 'bytes');
    if (typeof bytes === 'number' && bytes >= 0) found.add('additional_values.dataset.bytes', `${bytes} bytes`);
    const format = nonEmpty(ownChild(datasetFacts(context), 'format'));
    found.add('additional_values.dataset.format', format === undefined ? undefined : short(format, 40));
    return found.outcome();
  },
};

/** `features`: `feature_info.original_features` and `feature_info.selected_features`. */
export const features: EvidenceCheck = {
  title: 'which features the data offered and which were selected',
  hint: 'tracker.registerFeatures(originalFeatures, selectedFeatures)',
  run({ bom }) {
    const found = new Found();
    const original = bom.featureInfo.originalFeatures;
    const selected = bom.featureInfo.selectedFeatures;
    found.add('feature_info.original_features', original.length === 0 ? undefined : `${original.length}: ${names(original)}`);
    found.add('feature_info.selected_features', selected.length === 0 ? undefined : `${selected.length}: ${names(selected)}`);
    return found.outcome();
  },
};

/** `data-quality`: `additional_values.data_quality`, at least one fact. */
export const dataQuality: EvidenceCheck = {
  title: 'data-quality facts about the training data',
  hint: 'tracker.logDataQuality(key, value), e.g. logDataQuality(\'missing_ratio\', 0.013)',
  run({ bom }) {
    const found = new Found();
    const quality = ownChild(bom.additionalValues, 'data_quality');
    if (quality !== undefined && !isJsonObject(quality)) {
      found.add('additional_values.data_quality', Array.isArray(quality) ? 'array' : typeof quality);
      return found.failed('is not a dictionary of facts');
    }
    const keys = quality === undefined ? [] : Object.keys(quality);
    found.add('additional_values.data_quality', keys.length === 0 ? undefined : `${keys.length} fact${keys.length === 1 ? '' : 's'}: ${names(keys)}`);
    return found.outcome();
  },
};
