"""SHACL validation of SPDX 3.0.1 JSON-LD documents against the official model (spdx-model.ttl).

    python shacl_check.py SPDX_DIR FILE...

The documents' remote @context is replaced by the local copy of the official context, so nothing is
fetched. Prints one JSON object: per file, whether it conforms, how many triples it made, how many nodes
carry an SPDX class (a document the context failed to map would make no typed nodes and trivially
"conform"), and the validation report when it does not conform.
"""
import json
import sys
from pathlib import Path

from pyshacl import validate
from rdflib import RDF, Graph

SPDX = "https://spdx.org/rdf/3.0.1/terms/"


def main() -> None:
    spdx_dir = Path(sys.argv[1])
    context = json.loads((spdx_dir / "spdx-context.jsonld").read_text(encoding="utf-8"))["@context"]
    model = Graph().parse(spdx_dir / "spdx-model.ttl", format="turtle")
    results = {}
    for name in sys.argv[2:]:
        document = json.loads(Path(name).read_text(encoding="utf-8"))
        document["@context"] = context
        data = Graph().parse(data=json.dumps(document), format="json-ld")
        conforms, _graph, report = validate(data, shacl_graph=model, ont_graph=model, inference="none", allow_warnings=False)
        typed = sum(1 for _s, _p, o in data.triples((None, RDF.type, None)) if str(o).startswith(SPDX))
        results[Path(name).name] = {
            "conforms": bool(conforms),
            "triples": len(data),
            "typed_nodes": typed,
            "report": None if conforms else report,
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
