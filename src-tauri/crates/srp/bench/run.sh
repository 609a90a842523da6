#!/usr/bin/env bash
# CPU time per Cognito sign-in (SRP_A, then PASSWORD_CLAIM_SIGNATURE) in one run, same inputs:
#   this crate (release), pycognito, amazon-cognito-identity-js, and the floor: the same three
#   modular exponentiations done by GMP (gmpy2).
# Installs what it needs: a venv in bench/.venv (pycognito, gmpy2) and node_modules in
# ../vectors (npm install). Needs python3, node + npm, cargo.
#   bench/run.sh [VECTOR_NAME_PREFIX]   (default: a vector with a random 128-byte a and a full-size B)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
crate="$(dirname "$here")"
vector="${1:-salt with the top bit set}"

(cd "$crate/vectors" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
fi
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# One vector from vectors.json as the inputs every implementation gets, with an iteration
# count per implementation (slower ones run fewer times).
"$here/.venv/bin/python" - "$crate/vectors/vectors.json" "$vector" "$scratch" <<'PY'
import json, sys
document = json.load(open(sys.argv[1], encoding="utf-8"))
matches = [v for v in document["vectors"] if v["name"].startswith(sys.argv[2])]
if not matches:
    sys.exit(f"no vector named {sys.argv[2]!r}")
vector = matches[0]
fields = ["a_hex", "user_pool_id", "user_id_for_srp", "password", "salt_hex", "srp_b_hex",
          "secret_block_b64", "timestamp"]
for name, iterations in [("rust", 300), ("gmp", 300), ("pycognito", 60), ("js", 15)]:
    inputs = {field: vector[field] for field in fields} | {"iterations": iterations}
    json.dump(inputs, open(f"{sys.argv[3]}/{name}.json", "w", encoding="utf-8"), ensure_ascii=False)
json.dump(vector["amazon_cognito_identity_js"], open(f"{sys.argv[3]}/expected.json", "w"))
print(f"inputs: vector {vector['name']!r}", file=sys.stderr)
PY

echo "building the Rust bench (release)..." >&2
(cd "$crate" && cargo bench -p srp --bench signin --no-run --quiet 2>/dev/null || cargo bench -p srp --bench signin --no-run)
(cd "$crate" && cargo bench -p srp --bench signin --quiet -- "$scratch/rust.json") >"$scratch/rust.out"
"$here/.venv/bin/python" "$here/bench_py.py" gmp-floor "$scratch/gmp.json" >"$scratch/gmp.out"
"$here/.venv/bin/python" "$here/bench_py.py" pycognito "$scratch/pycognito.json" >"$scratch/pycognito.out"
node "$here/bench_js.mjs" "$scratch/js.json" >"$scratch/js.out"

"$here/.venv/bin/python" - "$scratch" <<'PY'
import json, sys
scratch = sys.argv[1]
expected = json.load(open(f"{scratch}/expected.json"))
rows = {name: json.loads(open(f"{scratch}/{name}.out").read().strip().splitlines()[-1])
        for name in ["rust", "gmp", "pycognito", "js"]}
for name, row in rows.items():
    if not expected["srp_a_hex"].startswith(row["srp_a_prefix"]):
        sys.exit(f"{name}: SRP_A differs from amazon-cognito-identity-js")
    if "signature_b64" in row and row["signature_b64"] != expected["signature_b64"]:
        sys.exit(f"{name}: signature differs from amazon-cognito-identity-js")
floor = rows["gmp"]["ms_per_signin"]
rust = rows["rust"]["ms_per_signin"]
print(f"{'implementation':<70} {'ms/sign-in':>11} {'x GMP floor':>12} {'x this crate':>13}")
for name in ["rust", "gmp", "pycognito", "js"]:
    row = rows[name]
    ms = row["ms_per_signin"]
    print(f"{row['implementation']:<70} {ms:>11.2f} {ms / floor:>12.2f} {ms / rust:>13.2f}")
print(f"\nCPU time per sign-in (SRP_A + PASSWORD_CLAIM_SIGNATURE); all signatures equal the reference.")
print(f"this crate, one-time per process (group tables, srp::precompute): "
      f"{rows['rust']['one_time_precompute_ms']:.2f} ms CPU")
print(f"this crate vs GMP floor: {rust / floor:.2f}x (goal: <= 1.5x)")
PY
