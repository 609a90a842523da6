#!/usr/bin/env bash
# A family's cloud on this computer, for trying the signed-in app without AWS:
#   cloud.sh start     the emulator on loopback, the resources the Terraform defines (names and
#                      shapes from ../cloud-shape.json), a demo parent account, the vision and
#                      story services ($SERVICES_BIN, nocomelon-services) checking that pool's
#                      tokens, and a cloud config at target/local-cloud/cloud.json naming them all,
#                      which `make run` then uses
#   cloud.sh stop      stops it (everything it held is gone)
#   cloud.sh running   exit 0 when it runs
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
state="$repo/target/local-cloud"
venv="$here/.venv"
python="$venv/bin/python"
pid_file="$state/emulator.pid"
services_pid_file="$state/services.pid"
config="$state/cloud.json"
demo_email="parent@example.org"
demo_password="Dinosaur7Moon"

running() {
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

ensure_venv() {
  if "$python" -c "import moto, boto3; assert moto.__version__ == '5.2.5'" 2>/dev/null; then
    return
  fi
  command -v python3 >/dev/null || { echo "python3 is missing: apt-get install python3 python3-venv" >&2; exit 1; }
  echo "Installing the local AWS emulator (moto) into infrastructure/local/.venv..."
  rm -rf "$venv"
  python3 -m venv "$venv" || { echo "python3 -m venv failed: apt-get install python3-venv" >&2; exit 1; }
  "$python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
}

say_how_to_sign_in() {
  local url
  url=$("$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['endpoint_url'])" "$config")
  cat <<EOF
The local family cloud runs at $url, its story services at $(services_url) (settings: $config).
  make run          opens the app with these settings; choose "Sign in" and use
                    $demo_email / $demo_password
  nocomelon --config $config auth sign-in --email $demo_email
  make cloud-stop   stops it (what it held is gone)
EOF
}

services_url() {
  "$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['services_url'])" "$config"
}

# The services read the pool from the config; the config then names the services' address.
start_services() {
  local bin="${SERVICES_BIN:-$repo/target/debug/nocomelon-services}"
  [ -x "$bin" ] || { echo "The story services are not built: cargo build -p services (make cloud does it)." >&2; stop; exit 1; }
  setsid "$bin" --listen 127.0.0.1:0 --config "$config" >"$state/services.out" 2>"$state/services.log" </dev/null &
  echo $! >"$services_pid_file"
  local listening="" waited=0
  while [ -z "$listening" ] && [ $waited -lt 300 ]; do
    kill -0 "$(cat "$services_pid_file")" 2>/dev/null \
      || { echo "The story services stopped while starting; their log:" >&2; tail -20 "$state/services.log" >&2; stop; exit 1; }
    listening=$(sed -n 's/^listening on //p' "$state/services.out" | head -1)
    [ -n "$listening" ] || { sleep 0.1; waited=$((waited + 1)); }
  done
  [ -n "$listening" ] || { echo "The story services did not report their address within 30 s." >&2; stop; exit 1; }
  "$python" - "$config" "$listening" <<'PY'
import json, sys

path, url = sys.argv[1:3]
config = json.load(open(path))
config["services_url"] = url
with open(path + ".new", "w") as out:
    json.dump(config, out, indent=2)
import os
os.replace(path + ".new", path)
PY
}

start() {
  if running; then
    say_how_to_sign_in
    return
  fi
  ensure_venv
  mkdir -p "$state"
  rm -f "$state/launcher.out" "$config"
  # Its own session, so it outlives this script and `make cloud-stop` stops it by pid.
  setsid "$python" "$here/moto_launcher.py" --port 0 --credentials-seconds 3600 \
    >"$state/launcher.out" 2>"$state/emulator.log" </dev/null &
  echo $! >"$pid_file"
  local url="" waited=0
  while [ -z "$url" ] && [ $waited -lt 900 ]; do
    running || { echo "The emulator stopped while starting; its log:" >&2; tail -20 "$state/emulator.log" >&2; exit 1; }
    url=$("$python" -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())['url'])" "$state/launcher.out" 2>/dev/null || true)
    [ -n "$url" ] || { sleep 0.1; waited=$((waited + 1)); }
  done
  [ -n "$url" ] || { echo "The emulator did not report its address within 90 s." >&2; stop; exit 1; }
  "$python" "$here/provision.py" --endpoint-url "$url" --out "$config" >/dev/null
  "$python" - "$config" "$demo_email" "$demo_password" <<'PY'
import json, sys
import boto3

config_path, email, password = sys.argv[1:4]
config = json.load(open(config_path))
idp = boto3.client(
    "cognito-idp",
    endpoint_url=config["endpoint_url"],
    region_name=config["region"],
    aws_access_key_id="emulator",
    aws_secret_access_key="emulator",
)
idp.admin_create_user(
    UserPoolId=config["user_pool_id"],
    Username=email,
    MessageAction="SUPPRESS",
    UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}],
)
idp.admin_set_user_password(UserPoolId=config["user_pool_id"], Username=email, Password=password, Permanent=True)
PY
  start_services
  say_how_to_sign_in
}

stop() {
  if [ -f "$services_pid_file" ]; then
    kill "$(cat "$services_pid_file")" 2>/dev/null || true
    rm -f "$services_pid_file"
  fi
  if running; then
    kill "$(cat "$pid_file")" 2>/dev/null || true
    echo "The local family cloud is stopped."
  else
    echo "The local family cloud is not running."
  fi
  rm -f "$pid_file" "$config"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  running) running ;;
  *) echo "usage: $0 start|stop|running" >&2; exit 2 ;;
esac
