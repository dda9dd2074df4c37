"""Python side of bench/distributed.ts: one of N processes logging a rank's points into one shared MLflow run
with MLflow's own client and its async logging (`synchronous=False`), keys prefixed `rank<k>/` as the SDK does.

Usage:  python bench/distributed_python_bench.py RUN_ID RANK POINTS KEYS
Needs MLFLOW_TRACKING_URI. Prints one JSON line: rank, points, seconds until flushed.
"""
import json
import sys
import time

import mlflow


def main() -> None:
    run_id, rank, points, keys = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    client = mlflow.MlflowClient()
    t0 = time.perf_counter()
    for i in range(points):
        step = i // keys
        client.log_metric(run_id, f"rank{rank}/m{i % keys}", (rank + 1) / (1 + step), step=step, synchronous=False)
    mlflow.flush_async_logging()
    print(json.dumps({"rank": rank, "points": points, "seconds": time.perf_counter() - t0}))


if __name__ == "__main__":
    main()
