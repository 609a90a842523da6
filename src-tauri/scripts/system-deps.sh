#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages NoComelon needs, only those not yet installed.
#   system-deps.sh run    what building and running the app needs
#   system-deps.sh test   that, plus what the tests need (virtual display, WebDriver, browser, keyring);
#                         the narration tests drive both speech engines, so both are in the run list
set -euo pipefail

run_packages=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev libdbus-1-dev
  ffmpeg fonts-dejavu-core fontconfig
  # Narration: Festival with a recorded-speaker (HTS) voice reads the stories; espeak-ng is the
  # robotic fallback that always works.
  espeak-ng festival festvox-us-slt-hts
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav
  nodejs npm python3 python3-venv python3-pip
)
test_packages=(
  xvfb xauth webkit2gtk-driver chromium xclip dbus dbus-x11 gnome-keyring libsecret-tools
)

case "${1:-run}" in
  run) wanted=("${run_packages[@]}") ;;
  test) wanted=("${run_packages[@]}" "${test_packages[@]}") ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  cat >&2 <<'MSG'
This machine is not Debian or Ubuntu, so system packages are not installed automatically.
See README.md ("Other systems") for what to install, then run the command again.
MSG
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  # Node.js may come from NodeSource or nvm instead of Debian; any node >= 20 with npm will do.
  if [ "$package" = nodejs ] || [ "$package" = npm ]; then
    command -v "$package" >/dev/null 2>&1 && continue
    [ "$package" = nodejs ] && command -v node >/dev/null 2>&1 && continue
  fi
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "Installing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "These packages are missing and sudo is not available: ${missing[*]}" >&2
    echo "Install them as root (apt-get install ${missing[*]}) and run the command again." >&2
    exit 1
  fi
  sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
