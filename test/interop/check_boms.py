"""Checks that the Python reference loads the BOMs we emit and sees exactly what we wrote.

    check_boms.py INPUT_DIR OUTPUT_DIR

Every INPUT_DIR/*.json (except *.py.json) is loaded with TrainingBOM.model_validate_json and compared with
the same document as json.loads sees it: every reference field must be present and equal, with types kept
(1 is not 1.0, True is not 1) and dictionary key order kept. Keys the reference does not declare
(additional_values, unknown fields kept from parsing) are ignored and counted. Our non-finite metrics are the
strings "NaN", "Infinity" and "-Infinity" on the wire; the reference keeps them as plain str values in its
Dict, so they compare as strings (and are counted). Each accepted document's re-dump,
model_dump_json(indent=2), is written to OUTPUT_DIR/<name>.py.json for the TypeScript side to read back.

Prints one JSON summary line on stdout and one line per problem on stderr; exits 0 when every file passes,
1 on any mismatch or rejection, 2 on a usage error.
"""
import json
import sys
from pathlib import Path

from pydantic import BaseModel, ValidationError, VERSION as PYDANTIC_VERSION

sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference_model import TrainingBOM  # noqa: E402

NON_FINITE_STRINGS = ("NaN", "Infinity", "-Infinity")
REDUMP_SUFFIX = ".py.json"


def section_class(name):
    """The nested model class of a TrainingBOM field, or None for plain fields."""
    annotation = TrainingBOM.model_fields[name].annotation
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def describe(value):
    text = json.dumps(value, ensure_ascii=False, allow_nan=True) if not isinstance(value, float) else repr(value)
    return f"{type(value).__name__} {text[:80]}"


def compare(ours, theirs, path, problems):
    """Appends to problems every difference between what json.loads saw (ours) and what the reference kept."""
    if type(ours) is not type(theirs):
        problems.append(f"{path}: we wrote {describe(ours)}, the reference kept {describe(theirs)}")
    elif isinstance(ours, float):
        if repr(ours) != repr(theirs):  # exact, and tells -0.0 from 0.0
            problems.append(f"{path}: we wrote float {ours!r}, the reference kept {theirs!r}")
    elif isinstance(ours, dict):
        if list(ours) != list(theirs):
            problems.append(f"{path}: keys differ: we wrote {list(ours)[:20]}, the reference kept {list(theirs)[:20]}")
        for key in ours:
            if key in theirs:
                compare(ours[key], theirs[key], f"{path}.{key}", problems)
    elif isinstance(ours, list):
        if len(ours) != len(theirs):
            problems.append(f"{path}: we wrote {len(ours)} items, the reference kept {len(theirs)}")
        for i, (a, b) in enumerate(zip(ours, theirs)):
            compare(a, b, f"{path}.{i}", problems)
    elif ours != theirs:
        problems.append(f"{path}: we wrote {describe(ours)}, the reference kept {describe(theirs)}")


def count_non_finite(value):
    if isinstance(value, str):
        return 1 if value in NON_FINITE_STRINGS else 0
    if isinstance(value, dict):
        return sum(count_non_finite(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_non_finite(v) for v in value)
    return 0


def check_file(path, out_dir):
    """Returns (problems, ignored key paths, non-finite metric strings, whether a re-dump was written)."""
    raw = path.read_bytes()
    try:
        doc = json.loads(raw)
    except ValueError as error:
        return [f"(document): json.loads rejects it: {error}"], [], 0, False
    try:
        bom = TrainingBOM.model_validate_json(raw)
    except ValidationError as error:
        return [
            f"{'.'.join(str(p) for p in e['loc']) or '(document)'}: the reference rejects it: {e['msg']} [{e['type']}]"
            for e in error.errors()
        ], [], 0, False
    problems, ignored = [], []
    dumped = bom.model_dump()
    for name in TrainingBOM.model_fields:
        if name not in doc:
            problems.append(f"{name}: we did not write it; the reference filled its default {describe(dumped[name])}")
            continue
        section = section_class(name)
        if section is None:
            compare(doc[name], dumped[name], name, problems)
            continue
        for sub in section.model_fields:
            if sub not in doc[name]:
                problems.append(f"{name}.{sub}: we did not write it; the reference filled its default {describe(dumped[name][sub])}")
            else:
                compare(doc[name][sub], dumped[name][sub], f"{name}.{sub}", problems)
        ignored += [f"{name}.{key}" for key in doc[name] if key not in section.model_fields]
    ignored += [key for key in doc if key not in TrainingBOM.model_fields]
    (out_dir / (path.name[: -len(".json")] + REDUMP_SUFFIX)).write_text(
        bom.model_dump_json(indent=2), encoding="utf-8", newline=""
    )
    return problems, ignored, count_non_finite(doc["mlflow_metrics"]), True


def main(argv):
    if len(argv) != 3:
        print("usage: check_boms.py INPUT_DIR OUTPUT_DIR", file=sys.stderr)
        return 2
    in_dir, out_dir = Path(argv[1]), Path(argv[2])
    if not in_dir.is_dir():
        print(f"check_boms: {in_dir} is not a directory", file=sys.stderr)
        return 2
    files = sorted(p for p in in_dir.glob("*.json") if not p.name.endswith(REDUMP_SUFFIX))
    if not files:
        print(f"check_boms: no *.json files in {in_dir}: nothing to check", file=sys.stderr)
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = {"reference": f"pydantic {PYDANTIC_VERSION}", "files": len(files), "passed": 0, "failed": 0,
               "written": 0, "ignored_keys": 0, "non_finite_metric_strings": 0, "ignored": {}, "failures": []}
    for path in files:
        problems, ignored, non_finite, written = check_file(path, out_dir)
        for problem in problems:
            print(f"check_boms: {path.name}: {problem}", file=sys.stderr)
        summary["passed" if not problems else "failed"] += 1
        if problems:
            summary["failures"].append(path.name)
        summary["written"] += int(written)
        summary["ignored_keys"] += len(ignored)
        summary["non_finite_metric_strings"] += non_finite
        if ignored:
            summary["ignored"][path.name] = ignored
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
