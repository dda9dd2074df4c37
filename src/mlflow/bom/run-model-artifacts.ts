import { BomValidationError, type ValidationIssue } from '../../errors';
import type { JsonValue } from '../../core/json-types';
import { sortedArtifacts, type ModelArtifact } from '../../models/model-artifact';
import { IssueCollector } from '../../validation/locators';
import { MODEL_ARTIFACTS } from '../../validation/model-artifact-checks';
import { BOM_KEY_PREFIXES } from './conventions';

const PATH = 'additional_values.model_artifacts';

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The model artifacts of a run from its `training_bom.model_artifact.*` tags (conventions.ts), sorted by
 * name, as `additional_values.model_artifacts`; undefined when it has none. Each tag's value is checked as
 * the BOM's artifacts are (a run's tags are anyone's to set).
 * @throws {@link BomValidationError} naming the tag that does not hold a valid artifact, or two tags of one name.
 */
export function modelArtifactsFromTags(tags: Readonly<Record<string, string>>): JsonValue | undefined {
  const issues: ValidationIssue[] = [];
  const byName = new Map<string, ModelArtifact>();
  for (const key of Object.keys(tags).sort()) {
    if (!key.startsWith(BOM_KEY_PREFIXES.modelArtifact)) continue;
    const value = parsed(tags[key]);
    const out = new IssueCollector();
    MODEL_ARTIFACTS([value], '', out);
    for (const issue of out.done()) issues.push({ path: PATH, message: `tag ${JSON.stringify(key)}: ${issue.path.slice(2) || 'value'} ${issue.message}` });
    if (out.issues.length > 0) continue;
    const artifact = value as ModelArtifact;
    if (byName.has(artifact.name)) issues.push({ path: PATH, message: `tag ${JSON.stringify(key)}: a second tag for the artifact ${JSON.stringify(artifact.name)}` });
    byName.set(artifact.name, { name: artifact.name, digest: artifact.digest, bytes: artifact.bytes });
  }
  if (issues.length > 0) throw new BomValidationError(issues);
  return byName.size === 0 ? undefined : (sortedArtifacts(byName.values()) as unknown as JsonValue);
}
