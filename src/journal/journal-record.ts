import type { JsonDict, JsonValue } from '../core/json-types';

/**
 * One JSON record of the journal, in the order the tracker was told things. Names are snake_case like the
 * BOM's wire format; values are what the BOM would hold (parameters already redacted, origins without
 * credentials), so the journal never holds more than the BOM.
 */
export type JournalRecord =
  | { readonly type: 'header'; readonly created_ms: number; readonly pid: number; readonly producer: string }
  | { readonly type: 'start'; readonly id: string; readonly start_ms: number }
  | { readonly type: 'resume'; readonly at_ms: number; readonly points: number; readonly pid: number }
  | { readonly type: 'environment'; readonly environment: JsonValue }
  | { readonly type: 'dataset'; readonly dataset: JsonDict; readonly inspection: JsonValue | null; readonly size_given: boolean }
  | { readonly type: 'features'; readonly original: readonly string[]; readonly selected: readonly string[] }
  | { readonly type: 'model'; readonly model_type: string; readonly architecture: string }
  | { readonly type: 'params'; readonly params: JsonDict }
  | { readonly type: 'seed'; readonly name: string; readonly value: number | string }
  | { readonly type: 'quality'; readonly key: string; readonly value: JsonValue }
  | { readonly type: 'ranks'; readonly report: JsonDict }
  | { readonly type: 'sweep'; readonly parent_run_id: string }
  | { readonly type: 'artifact'; readonly artifacts: readonly JsonDict[] }
  | { readonly type: 'key'; readonly index: number; readonly key: string }
  | { readonly type: 'finalize'; readonly bom: JsonDict }
  | { readonly type: 'sink'; readonly sink: string; readonly state: JsonDict }
  | { readonly type: 'ack'; readonly sink: string; readonly points: number };

/** The `type` of a journal record. */
export type JournalRecordType = JournalRecord['type'];
