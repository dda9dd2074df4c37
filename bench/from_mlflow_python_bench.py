"""Python side of bench/from-mlflow.ts: the specification's create_training_bom_from_mlflow in a loop.

Usage:  python bench/from_mlflow_python_bench.py RUN_IDS_FILE      (one run id a line; needs MLFLOW_TRACKING_URI)
Prints one JSON line: runs, seconds of the loop (mlflow.get_run + the pydantic reference model per run),
seconds to import mlflow, mlflow and pydantic versions.
"""
import json
import os
import sys
import time

t_import = time.perf_counter()
import mlflow  # noqa: E402
import pydantic  # noqa: E402

import_seconds = time.perf_counter() - t_import
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "test", "interop"))
from reference_model import TrainingBOM  # noqa: E402


def create_training_bom_from_mlflow(run_id: str) -> TrainingBOM:
    """The specification's MLflow Integration Pattern, as written there."""
    run = mlflow.get_run(run_id)
    params = run.data.params
    metrics = run.data.metrics
    return TrainingBOM(
        id=f"mlflow-{run_id}",
        start_time=str(run.info.start_time),
        end_time=str(run.info.end_time),
        dataset_info=TrainingBOM.DatasetInfo(
            origin=params.get("dataset_path", "unknown"),
            size=int(params.get("dataset_size", 0)),
        ),
        feature_info=TrainingBOM.FeatureInfo(
            original_features=params.get("original_features", "").split(",") if params.get("original_features") else [],
            selected_features=params.get("selected_features", "").split(",") if params.get("selected_features") else [],
        ),
        model_info=TrainingBOM.ModelInfo(
            type=params.get("model_type", "unknown"),
            architecture=params.get("model_architecture", "unknown"),
        ),
        mlflow_params=params,
        mlflow_metrics=metrics,
    )


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        run_ids = [line.strip() for line in f if line.strip()]
    t0 = time.perf_counter()
    boms = [create_training_bom_from_mlflow(run_id) for run_id in run_ids]
    seconds = time.perf_counter() - t0
    assert len({b.id for b in boms}) == len(run_ids)
    print(json.dumps({"runs": len(boms), "seconds": seconds, "import_seconds": import_seconds,
                      "mlflow": mlflow.__version__, "pydantic": pydantic.VERSION}))


if __name__ == "__main__":
    main()
