import type { MlflowDatasetInput, MlflowKeyValue } from '../client/types';
import type { MlflowRunData } from './event-mapping';

/**
 * The params, tags and dataset inputs waiting for MLflow. A param not sent yet takes its last value; one
 * MLflow already has is immutable there, so a different value is a problem, not an update. Tags (mutable
 * in MLflow) simply take their last value.
 */
export class PendingRunData {
  private readonly params = new Map<string, string>();
  private readonly sentParams = new Map<string, string>();
  private readonly tags = new Map<string, string>();
  private inputs: MlflowDatasetInput[] = [];
  private refusedInputs = 0;
  private refusedParams = 0;
  private refusedTags = 0;

  /** Queues an event's data; returns the problems it raises besides its own (a param changed after MLflow had it). */
  add(data: MlflowRunData): string[] {
    const problems: string[] = [];
    for (const { key, value } of data.params) {
      const sent = this.sentParams.get(key);
      if (sent === undefined) this.params.set(key, value);
      else if (sent !== value) problems.push(`param ${key} changed from ${JSON.stringify(sent)} to ${JSON.stringify(value)} after MLflow had it: MLflow params are immutable, so MLflow keeps the first value and the BOM the last`);
    }
    for (const { key, value } of data.tags) this.tags.set(key, value);
    this.inputs.push(...data.inputs);
    return problems;
  }

  /** Whether params or tags wait. */
  get hasEntities(): boolean {
    return this.params.size > 0 || this.tags.size > 0;
  }

  /** Whether dataset inputs wait. */
  get hasInputs(): boolean {
    return this.inputs.length > 0;
  }

  /** Removes and returns the waiting dataset inputs. */
  takeInputs(): MlflowDatasetInput[] {
    const inputs = this.inputs;
    this.inputs = [];
    return inputs;
  }

  /** Counts inputs MLflow refused for good (they are not sent again). */
  refuseInputs(count: number): void {
    this.refusedInputs += count;
  }

  /** Counts params and tags of a batch MLflow refused for good (they are not sent again). */
  refuseEntities(params: number, tags: number): void {
    this.refusedParams += params;
    this.refusedTags += tags;
  }

  /** Puts back inputs that failed to go, ahead of any that came since. */
  restoreInputs(inputs: readonly MlflowDatasetInput[]): void {
    this.inputs.unshift(...inputs);
  }

  /** Removes and returns up to `max` waiting params, oldest first. */
  takeParams(max: number): MlflowKeyValue[] {
    return take(this.params, max);
  }

  /** Removes and returns up to `max` waiting tags, oldest first. */
  takeTags(max: number): MlflowKeyValue[] {
    return take(this.tags, max);
  }

  /** Puts back params and tags of a batch that will be sent again, unless a newer value came since. */
  restore(params: readonly MlflowKeyValue[], tags: readonly MlflowKeyValue[]): void {
    for (const p of params) if (!this.params.has(p.key)) this.params.set(p.key, p.value);
    for (const t of tags) if (!this.tags.has(t.key)) this.tags.set(t.key, t.value);
  }

  /** Records params MLflow now has (and will keep). */
  sent(params: readonly MlflowKeyValue[]): void {
    for (const p of params) this.sentParams.set(p.key, p.value);
  }

  /** What still waits, in words (`3 params`, `1 tags`, `dataset input`). */
  undelivered(): string[] {
    const out: string[] = [];
    if (this.params.size > 0) out.push(`${this.params.size} params`);
    if (this.tags.size > 0) out.push(`${this.tags.size} tags`);
    if (this.inputs.length > 0) out.push('dataset input');
    if (this.refusedParams > 0) out.push(`${this.refusedParams} param${this.refusedParams === 1 ? '' : 's'} refused by MLflow`);
    if (this.refusedTags > 0) out.push(`${this.refusedTags} tag${this.refusedTags === 1 ? '' : 's'} refused by MLflow`);
    if (this.refusedInputs > 0) out.push(`${this.refusedInputs} dataset input${this.refusedInputs === 1 ? '' : 's'} refused by MLflow`);
    return out;
  }
}

function take(map: Map<string, string>, max: number): MlflowKeyValue[] {
  const out: MlflowKeyValue[] = [];
  for (const [key, value] of map) {
    if (out.length >= max) break;
    out.push({ key, value });
    map.delete(key);
  }
  return out;
}
