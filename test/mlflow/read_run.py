"""What MLflow's own Python client sees of a run, printed as one JSON line.

Usage: MLFLOW_TRACKING_URI=http://127.0.0.1:<port> .venv/bin/python test/mlflow/read_run.py <run_id>

Prints {"info": {...}, "params": {...}, "metrics": {...}, "history": {key: [{"step", "timestamp", "value"}]}}
from mlflow.get_run(run_id) and MlflowClient().get_metric_history(run_id, key) for every metric key.
JSON has no NaN or Infinity, so non-finite values are printed as the strings "NaN", "Infinity", "-Infinity".
"""
import json
import math
import sys

import mlflow
from mlflow import MlflowClient


def number(value):
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def main(run_id):
    run = mlflow.get_run(run_id)
    client = MlflowClient()
    history = {
        key: [{"step": m.step, "timestamp": m.timestamp, "value": number(m.value)} for m in client.get_metric_history(run_id, key)]
        for key in run.data.metrics
    }
    info = {"status": run.info.status, "start_time": run.info.start_time, "end_time": run.info.end_time}
    metrics = {key: number(value) for key, value in run.data.metrics.items()}
    out = {"info": info, "params": run.data.params, "metrics": metrics, "history": history}
    sys.stdout.write(json.dumps(out, allow_nan=False, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: read_run.py <run_id>  (with MLFLOW_TRACKING_URI set)")
    main(sys.argv[1])
