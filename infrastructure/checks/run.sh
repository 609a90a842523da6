#!/usr/bin/env bash
# Static checks of the family's cloud (infrastructure/terraform), run by `make test`:
#   1. checkov over the Terraform (defaults, then with the story services on);
#   2. parliament over every IAM policy document;
#   3. pytest: the project's own rules on the HCL, their self-tests on broken copies, and the
#      local emulator built by provision.py compared with cloud-shape.json and the Terraform.
# The tools live in infrastructure/checks/.venv (checkov in .venv/checkov), rebuilt only when a
# requirements file or the Python version changes. Nothing is skipped: a missing tool is
# installed, or the run fails saying what to install.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
infrastructure="$(dirname "$here")"
venv="$here/.venv"
emulator="$infrastructure/local"
python3="${PYTHON3:-python3}"
install_python="apt-get install python3 python3-venv python3-pip"

fail() {
  echo "infrastructure checks: $*" >&2
  exit 1
}

check_python() {
  command -v "$python3" >/dev/null 2>&1 || fail "$python3 was not found. Install it: $install_python"
  "$python3" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' ||
    fail "$("$python3" --version 2>&1) is too old; the checks need Python 3.10 or newer ($install_python)."
  "$python3" -c 'import venv, ensurepip' 2>/dev/null ||
    fail "Python's venv module cannot make environments here. Install it: apt-get install python3-venv python3-pip"
}

# make_venv DIR REQUIREMENTS: a fresh venv at DIR holding REQUIREMENTS.
make_venv() {
  rm -rf "$1"
  "$python3" -m venv "$1" || { rm -rf "$1"; fail "python3 -m venv $1 failed. Install: apt-get install python3-venv"; }
  "$1/bin/python" -m pip --version >/dev/null 2>&1 ||
    fail "the venv at $1 has no pip. Install: apt-get install python3-venv python3-pip, then run this again."
  "$1/bin/python" -m pip install --quiet --disable-pip-version-check -r "$2" ||
    fail "pip could not install $2 into $1: check that PyPI can be reached (the pins are in that file)."
}

# pins_satisfied PYTHON REQUIREMENTS: every name==version line of REQUIREMENTS is installed.
pins_satisfied() {
  "$1" - "$2" <<'EOF' >/dev/null 2>&1
import importlib.metadata as metadata
import re
import sys

for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    pin = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?==(\S+)", line)
    if not pin or metadata.version(pin.group(1)) != pin.group(3):
        sys.exit(1)
EOF
}

ensure_check_venvs() {
  local wanted
  wanted="$({ cat "$here/requirements.txt" "$here/requirements-checkov.txt"; "$python3" --version 2>&1; } | sha256sum | cut -d' ' -f1)"
  if [ -x "$venv/bin/python" ] && [ -x "$venv/checkov/bin/checkov" ] &&
    [ "$(cat "$venv/requirements.sha256" 2>/dev/null)" = "$wanted" ]; then
    return
  fi
  echo "infrastructure checks: building $venv (requirements changed or first run)"
  make_venv "$venv" "$here/requirements.txt"
  make_venv "$venv/checkov" "$here/requirements-checkov.txt"
  pins_satisfied "$venv/bin/python" "$here/requirements.txt" || fail "$venv does not hold the pins of requirements.txt after installing them."
  pins_satisfied "$venv/checkov/bin/python" "$here/requirements-checkov.txt" || fail "$venv/checkov does not hold the pins of requirements-checkov.txt after installing them."
  echo "$wanted" >"$venv/requirements.sha256"
}

# The emulator's venv is shared with the Rust cloud tests (src-tauri/crates/cloud-testkit), which
# make it the same way: created when missing, filled from infrastructure/local/requirements.txt.
ensure_emulator_venv() {
  local python="$emulator/.venv/bin/python"
  if [ -x "$python" ] && pins_satisfied "$python" "$emulator/requirements.txt"; then
    return
  fi
  echo "infrastructure checks: preparing the emulator's venv at $emulator/.venv"
  if [ ! -x "$python" ]; then
    "$python3" -m venv "$emulator/.venv" || { rm -rf "$emulator/.venv"; fail "python3 -m venv $emulator/.venv failed. Install: apt-get install python3-venv"; }
  fi
  "$python" -m pip install --quiet --disable-pip-version-check -r "$emulator/requirements.txt" ||
    fail "pip could not install $emulator/requirements.txt: check that PyPI can be reached."
  pins_satisfied "$python" "$emulator/requirements.txt" || fail "$emulator/.venv does not hold the pins of $emulator/requirements.txt."
}

started=$(date +%s)
check_python
ensure_check_venvs
ensure_emulator_venv
echo "infrastructure checks: tools ready after $(($(date +%s) - started))s"

failed=()
run_check() {
  local name="$1"
  shift
  local began
  began=$(date +%s)
  echo "=== $name"
  if (cd "$here" && "$@"); then
    echo "=== $name: ok ($(($(date +%s) - began))s)"
  else
    echo "=== $name: FAILED ($(($(date +%s) - began))s)"
    failed+=("$name")
  fi
}

run_check "checkov" "$venv/bin/python" checkov_check.py
run_check "parliament" "$venv/bin/python" parliament_check.py
run_check "pytest (HCL rules, their self-tests, emulator agreement)" "$venv/bin/python" -m pytest -q

elapsed=$(($(date +%s) - started))
if [ "${#failed[@]}" -ne 0 ]; then
  printf 'infrastructure checks FAILED after %ss:' "$elapsed" >&2
  printf ' [%s]' "${failed[@]}" >&2
  printf '\n' >&2
  exit 1
fi
echo "infrastructure checks: all passed in ${elapsed}s"
