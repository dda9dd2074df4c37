"""DSSE interop with securesystemslib (test/integration/attestation-interop.test.ts).

  dsse_interop.py verify <envelope.json> <public.pem>     prints {"keyid", "payloadType", "payload"} or exits 1
  dsse_interop.py sign <payload-file> <payload-type> <private.pem>   prints the envelope securesystemslib signs

Keys are read with pyca/cryptography and wrapped as securesystemslib does by default (SSlibKey.from_crypto),
so the key id is securesystemslib's own; Envelope.verify matches signatures to keys by that id.
"""
import json
import sys

from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key
from securesystemslib.dsse import Envelope
from securesystemslib.signer import CryptoSigner, SSlibKey


def verify(envelope_path: str, public_path: str) -> None:
    with open(public_path, "rb") as f:
        key = SSlibKey.from_crypto(load_pem_public_key(f.read()))
    with open(envelope_path, "rb") as f:
        envelope = Envelope.from_dict(json.load(f))
    try:
        accepted = envelope.verify([key], 1)
    except Exception as error:  # securesystemslib raises VerificationError; anything else is a refusal too
        print(f"refused: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"keyid": list(accepted)[0], "payloadType": envelope.payload_type, "payload": envelope.payload.decode("utf-8")}))


def sign(payload_path: str, payload_type: str, private_path: str) -> None:
    with open(private_path, "rb") as f:
        private_key = load_pem_private_key(f.read(), password=None)
    signer = CryptoSigner(private_key, SSlibKey.from_crypto(private_key.public_key()))
    with open(payload_path, "rb") as f:
        envelope = Envelope(f.read(), payload_type, {})
    envelope.sign(signer)
    print(json.dumps(envelope.to_dict()))


if __name__ == "__main__":
    if sys.argv[1] == "verify":
        verify(sys.argv[2], sys.argv[3])
    else:
        sign(sys.argv[2], sys.argv[3], sys.argv[4])
