#!/usr/bin/env bash
# Regenerates vectors.json: the same inputs (make_inputs.py) answered by
# amazon-cognito-identity-js (generate-js.mjs) and pycognito (generate-py.py), merged and
# checked against the server reference by combine.py.
#   ./generate.sh          rewrite vectors.json
#   ./generate.sh --check  fail if the committed vectors.json is not what the libraries give
# Needs node + npm and python3 (venv); installs into node_modules/ and .venv/ here.
set -euo pipefail
cd "$(dirname "$0")"

npm install --no-audit --no-fund --loglevel=error >/dev/null
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

.venv/bin/python make_inputs.py >"$scratch/inputs.json"
node generate-js.mjs "$scratch/inputs.json" >"$scratch/js.json"
.venv/bin/python generate-py.py "$scratch/inputs.json" >"$scratch/py.json"
.venv/bin/python combine.py "$scratch/inputs.json" "$scratch/js.json" "$scratch/py.json" >"$scratch/vectors.json"

if [ "${1:-}" = "--check" ]; then
  if cmp -s "$scratch/vectors.json" vectors.json; then
    echo "vectors.json matches what both libraries produce"
  else
    diff <(head -c 2000 vectors.json) <(head -c 2000 "$scratch/vectors.json") || true
    echo "vectors.json differs from what both libraries produce: run ./generate.sh" >&2
    exit 1
  fi
else
  cp "$scratch/vectors.json" vectors.json
  echo "wrote vectors.json"
fi
