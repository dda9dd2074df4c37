"""Python side of bench/parse-dump.ts: the spec's TrainingBOM in pydantic v2, timed on one document.

Usage:  python bench/pydantic_bench.py DOC ITERATIONS   (DOC is S, M or L from bench/.data/)
        python bench/pydantic_bench.py --info
Prints one JSON line: per-op nanoseconds of model_validate_json and model_dump_json(indent=2),
plus the SHA-256 of the dump so the caller can check both sides emit the same bytes.
"""
import hashlib
import json
import platform
import sys
import time
from pathlib import Path

import pydantic


# The one Python reference model the project has (also used by the interop test).
sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "test" / "interop"))
from reference_model import TrainingBOM  # noqa: E402


def per_op_ns(fn, iterations):
    start = time.perf_counter_ns()
    for _ in range(iterations):
        fn()
    return (time.perf_counter_ns() - start) / iterations


def main():
    if sys.argv[1] == "--info":
        print(json.dumps({"python": platform.python_version(), "pydantic": pydantic.VERSION}))
        return
    name, iterations = sys.argv[1], int(sys.argv[2])
    text = (Path(__file__).parent / ".data" / f"{name}.json").read_text(encoding="utf-8")
    bom = TrainingBOM.model_validate_json(text)
    warmup = max(2, iterations // 4)
    per_op_ns(lambda: TrainingBOM.model_validate_json(text), warmup)
    per_op_ns(lambda: bom.model_dump_json(indent=2), warmup)
    result = {
        "parse_ns": per_op_ns(lambda: TrainingBOM.model_validate_json(text), iterations),
        "dump_ns": per_op_ns(lambda: bom.model_dump_json(indent=2), iterations),
        "dump_sha256": hashlib.sha256(bom.model_dump_json(indent=2).encode("utf-8")).hexdigest(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
