"""The Python side of bench/query-mlflow.ts: MLflow's own client answers a BOM query the way a team would
without training-bom's store: one `search_runs` with the filter, then each matching run's training_bom.json
artifact downloaded and parsed. Prints the number of BOMs read.

    python bench/query_mlflow_python.py <experiment name> <filter string>
"""
import json
import sys
import tempfile

import mlflow
from mlflow.artifacts import download_artifacts


def main() -> None:
    experiment, filter_string = sys.argv[1], sys.argv[2]
    runs = mlflow.search_runs(experiment_names=[experiment], filter_string=filter_string, output_format="list", max_results=50000)
    boms = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in runs:
            path = download_artifacts(run_id=run.info.run_id, artifact_path="training_bom.json", dst_path=f"{tmp}/{run.info.run_id}")
            with open(path, encoding="utf-8") as f:
                boms.append(json.load(f))
    print(len(boms))


if __name__ == "__main__":
    main()
