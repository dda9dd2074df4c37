"""Python side of bench/mlflow-sink.ts: MLflow's own Python client logging metric points to a server.

Usage:  python bench/mlflow_python_bench.py sync N      one `log_metric` call per point, N points
        python bench/mlflow_python_bench.py async N     `log_metric(..., synchronous=False)`, then wait
Needs MLFLOW_TRACKING_URI. Prints one JSON line: points, seconds until durable, mlflow version.
"""
import json
import sys
import time

import mlflow


def main() -> None:
    mode, n = sys.argv[1], int(sys.argv[2])
    mlflow.set_experiment("bench-python-client")
    with mlflow.start_run() as run:
        t0 = time.perf_counter()
        if mode == "sync":
            for i in range(n):
                mlflow.log_metric(f"m_{i % 100}", i * 0.5, step=i)
        else:
            for i in range(n):
                mlflow.log_metric(f"m_{i % 100}", i * 0.5, step=i, synchronous=False)
            mlflow.flush_async_logging()
        seconds = time.perf_counter() - t0
    client = mlflow.MlflowClient()
    stored = len(client.get_metric_history(run.info.run_id, "m_0"))
    print(json.dumps({"points": n, "seconds": seconds, "stored_m0": stored, "mlflow": mlflow.__version__}))


if __name__ == "__main__":
    main()
