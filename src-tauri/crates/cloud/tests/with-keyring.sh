#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a private D-Bus session,
# so the cloud crate's keychain tests use the same store a Linux desktop uses.
#   src-tauri/crates/cloud/tests/with-keyring.sh cargo test -p cloud
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command...>" >&2
  exit 2
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is missing: install the Debian packages dbus and gnome-keyring (apt-get install dbus gnome-keyring)" >&2
    exit 1
  fi
done

if [ -z "${NOCOMELON_KEYRING_SESSION:-}" ]; then
  exec dbus-run-session -- env NOCOMELON_KEYRING_SESSION=1 bash "$0" "$@"
fi

# A throw-away keyring directory, so the test keyring never touches a real one.
keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data"
mkdir -p "$XDG_DATA_HOME"
eval "$(echo -n "nocomelon-test" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
