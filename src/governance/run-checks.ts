/** The checks of the run itself: the model, its parameters, its metrics and their history, its dates. */
import { bomTimeMs } from '../store/bom-time-ms';
import { isJsonObject, ownChild } from '../core/json-child';
import { Found, names, nonEmpty, short, type EvidenceCheck } from './evidence-check';

/** `model`: `model_info.type` and `model_info.architecture`. */
export const model: EvidenceCheck = {
  title: 'the model\'s type and architecture',
  hint: 'tracker.registerModel(modelType, architecture)',
  run({ bom }) {
    const found = new Found();
    const type = nonEmpty(bom.modelInfo.type);
    const architecture = nonEmpty(bom.modelInfo.architecture);
    found.add('model_info.type', type === undefined ? undefined : short(type, 80));
    found.add('model_info.architecture', architecture === undefined ? undefined : short(architecture, 80));
    return found.outcome();
  },
};

/** `params`: `mlflow_params`, at least one (names only: values may be secrets). */
export const params: EvidenceCheck = {
  title: 'the parameters the model was trained with',
  hint: 'tracker.logParameters({ … }) or tracker.logParameter(key, value)',
  run({ bom }) {
    const found = new Found();
    const keys = Object.keys(bom.mlflowParams);
    found.add('mlflow_params', keys.length === 0 ? undefined : `${keys.length}: ${names(keys)}`);
    return found.outcome();
  },
};

/** `metrics`: `mlflow_metrics`, at least one finite number. */
export const metrics: EvidenceCheck = {
  title: 'the metrics the run measured',
  hint: 'tracker.logMetric(key, value, step) or tracker.logMetrics({ accuracy: … })',
  run({ bom }) {
    const found = new Found();
    const entries = Object.entries(bom.mlflowMetrics);
    const finite = entries.filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isFinite(e[1]));
    const shown = finite.slice(0, 5).map(([k, v]) => `${short(k, 40)}=${String(v)}`).join(', ') + (finite.length > 5 ? `, … (${finite.length} in all)` : '');
    found.add('mlflow_metrics', entries.length === 0 ? undefined : finite.length === 0 ? `${entries.length}, none a finite number` : shown);
    if (entries.length > 0 && finite.length === 0) return { ...found.outcome(), status: 'partial', problem: 'no metric holds a finite number' };
    return found.outcome();
  },
};

/** `metric-history`: the history stored with the BOM, or `additional_values.mlflow_metric_history`. */
export const metricHistory: EvidenceCheck = {
  title: 'the dated log of every metric point',
  hint: 'store the BOM with its history: store.put(bom, { history: tracker.metricHistories() }), or training-bom from-mlflow --history',
  run({ bom, history }) {
    const found = new Found();
    const logged = (history ?? []).filter((h) => h.length > 0);
    if (logged.length > 0) {
      const points = logged.reduce((n, h) => n + h.length, 0);
      found.add('history', `${logged.length} metric${logged.length === 1 ? '' : 's'}, ${points} point${points === 1 ? '' : 's'}`);
      return found.outcome();
    }
    const inline = ownChild(bom.additionalValues, 'mlflow_metric_history');
    const keys = isJsonObject(inline) ? Object.keys(inline) : [];
    if (keys.length > 0) {
      found.add('additional_values.mlflow_metric_history', `${keys.length} metric${keys.length === 1 ? '' : 's'}: ${names(keys)}`);
      return found.outcome();
    }
    found.add('history', undefined);
    return found.outcome();
  },
};

/** `run-dates`: `start_time` and `end_time`, readable times, the end not before the start. */
export const runDates: EvidenceCheck = {
  title: 'when the run started and ended',
  hint: 'the tracker dates every run (startTraining, finalizeTraining); a BOM written by hand needs ISO 8601 start_time and end_time',
  run({ bom }) {
    const found = new Found();
    const start = bomTimeMs(bom.startTime);
    const end = bomTimeMs(bom.endTime);
    found.add('start_time', start === undefined ? undefined : new Date(start).toISOString());
    found.add('end_time', end === undefined ? undefined : new Date(end).toISOString());
    if (start !== undefined && end !== undefined && end < start) return found.failed('the run ends before it starts');
    const outcome = found.outcome();
    const unreadable = [bom.startTime, bom.endTime].filter((t, i) => t !== '' && [start, end][i] === undefined);
    return unreadable.length === 0 ? outcome : { ...outcome, problem: `not a time: ${unreadable.map((t) => JSON.stringify(short(t, 40))).join(', ')}` };
  },
};
