"""Holds a running `baton serve` to its own OpenAPI document.

1. The served document must be valid OpenAPI (openapi-spec-validator).
2. Schemathesis generates requests for every operation from the document (examples, boundary
   values, fuzzed bodies and parameters, and stateful sequences) and checks that none is answered
   with a 5xx. Long-polling fetchAndLock is left out of fuzzing: a generated asyncResponseTimeout
   holds a request open for up to a minute by design.

Usage: python openapi_fuzz.py BASE_URL   (BASE_URL like http://127.0.0.1:8080, without /engine-rest)
Prints the validator's verdict and Schemathesis's totals; exits 1 on any failure.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request

from openapi_spec_validator import validate


def main() -> int:
    base = sys.argv[1].rstrip("/")
    spec = json.load(urllib.request.urlopen(base + "/engine-rest/openapi.json"))
    validate(spec)
    print("openapi-spec-validator: the served document is valid OpenAPI", spec["openapi"])
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "openapi.json")
        with open(path, "w") as out:
            json.dump(spec, out)
        st = os.path.join(os.path.dirname(sys.executable), "st")
        run = subprocess.run(
            [st, "run", path, "--url", base + "/engine-rest", "--checks", "not_a_server_error", "--max-examples", "15",
             "--seed", "20261129", "--continue-on-failure", "--request-timeout", "30", "--no-color",
             "--exclude-path", "/external-task/fetchAndLock"],
            capture_output=True, text=True)
    output = run.stdout + run.stderr
    totals = re.search(r"Test cases:\s*\n\s*(.+)", output)
    print("schemathesis:", totals.group(1).strip() if totals else "no totals")
    if run.returncode != 0:
        print(output)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
