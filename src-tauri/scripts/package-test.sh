#!/usr/bin/env bash
# The .deb as a parent gets it, on this Debian machine (which has ffmpeg) and in a fresh Debian root
# (which has not): what the package says it is, its size and launch time, an upgrade from the
# previous version that keeps the family's work, the app opened from its menu entry and with
# "Open with" on a drawing, and its removal. Needs root (or sudo) and the network to Debian's mirror.
#
#   src-tauri/scripts/package-test.sh        (make package-test builds the package first)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
version=$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')
deb="target/release/bundle/deb/nocomelon_${version}_amd64.deb"
previous_version="0.1.0"
previous="target/release/bundle/deb/nocomelon_${previous_version}_amd64.deb"
work="$repo/target/package-test"
fixture="$repo/src-tauri/fixtures/drawings/pig.png"
failures=0

step() { printf '\n== %s\n' "$*"; }
pass() { printf '   ok: %s\n' "$*"; }
fail() { printf '   FAILED: %s\n' "$*"; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

need=(debootstrap appstream desktop-file-utils libgtk-3-bin libglib2.0-bin xvfb xauth dbus)
missing=()
for package in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing what the package test needs: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
[ -f "$deb" ] || { echo "$deb is missing: run make bundle (or make package-test) first." >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work"
# The toolchain stays where it is when HOME moves to the throw-away one below.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
export XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
data_dir="$XDG_DATA_HOME/app.nocomelon.desktop"
log_dir="$data_dir/logs"

cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  [ -n "${bus_pid:-}" ] && kill "$bus_pid" 2>/dev/null || true
  for mount in proc dev/pts dev; do
    mountpoint -q "$work/root/$mount" 2>/dev/null && $sudo umount -l "$work/root/$mount" || true
  done
}
trap cleanup EXIT

step "What the package says it is"
field() { dpkg-deb -f "$deb" "$1"; }
check "it is called nocomelon" test "$(field Package)" = nocomelon
check "it has a maintainer ($(field Maintainer))" test -n "$(field Maintainer)"
check "it has a homepage ($(field Homepage))" test -n "$(field Homepage)"
check "it depends on the distribution's ffmpeg and espeak-ng" \
  bash -c "dpkg-deb -f '$deb' Depends | grep -qw ffmpeg && dpkg-deb -f '$deb' Depends | grep -qw espeak-ng"
check "it has a long description" test "$(dpkg-deb -f "$deb" Description | wc -l)" -ge 4
contents=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./##')
check "the only program it puts in /usr/bin is its own" \
  test "$(grep '^usr/bin/.' <<<"$contents")" = "usr/bin/nocomelon-desktop"
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  check "an icon at $size" grep -q "^usr/share/icons/hicolor/$size/apps/nocomelon-desktop.png$" <<<"$contents"
done
check "every icon is in a folder the desktops look in" \
  bash -c "! grep -q '^usr/share/icons/hicolor/[^/]*@' <<<'$contents'"
mkdir -p "$work/extracted"
dpkg-deb -x "$deb" "$work/extracted"
desktop_file="$work/extracted/usr/share/applications/nocomelon.desktop"
check "the menu entry is valid, with no hints" test -z "$(desktop-file-validate "$desktop_file" 2>&1)"
check "the menu entry is under Education (Art), with keywords" \
  bash -c "grep -q '^Categories=Education;Art;' '$desktop_file' && grep -q '^Keywords=.*drawing' '$desktop_file'"
check "the app is offered in Open with for PNG, JPEG and WebP" \
  bash -c "grep '^MimeType=' '$desktop_file' | grep -q image/png && grep '^MimeType=' '$desktop_file' | grep -q image/jpeg && grep '^MimeType=' '$desktop_file' | grep -q image/webp"
check "the AppStream metadata is valid" \
  appstreamcli validate --no-net "$work/extracted/usr/share/metainfo/app.nocomelon.desktop.metainfo.xml"

step "Size"
deb_bytes=$(stat -c %s "$deb")
deb_mb=$(python3 -c "print(f'{$deb_bytes / 1e6:.1f}')")
binary_mb=$(python3 -c "import os; print(f'{os.path.getsize(\"$work/extracted/usr/bin/nocomelon-desktop\") / 1e6:.1f}')")
echo "   the package: $deb_mb MB (goal: 15 MB or less); the program inside: $binary_mb MB"
check "the package is 15 MB or less" test "$deb_bytes" -le 15000000
check "the program is stripped" bash -c "! file '$work/extracted/usr/bin/nocomelon-desktop' | grep -q 'not stripped'"

step "The previous version, with a family's storybook in its library"
if [ ! -f "$previous" ]; then
  src-tauri/scripts/bundle.sh --config "{\"version\": \"$previous_version\"}" >"$work/previous-build.log" 2>&1 ||
    { tail -20 "$work/previous-build.log"; exit 1; }
fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$previous" >"$work/apt-previous.log" 2>&1 ||
  { tail -20 "$work/apt-previous.log"; exit 1; }
check "version $previous_version is installed" test "$(dpkg-query -W -f='${Version}' nocomelon)" = "$previous_version"
cargo build --release -q -p nocomelon-cli
NOCOMELON_DATA_DIR="$data_dir" target/release/nocomelon make "$fixture" --theme bedtime --age 5 --name Mia \
  --seed 3 --out "$work/first-story.mp4" >"$work/make.log" 2>&1 || { tail -20 "$work/make.log"; exit 1; }
check "the family's storybook was made" test -s "$work/first-story.mp4"

step "Upgrade"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$deb" >"$work/apt-upgrade.log" 2>&1 ||
  { tail -20 "$work/apt-upgrade.log"; exit 1; }
check "version $version replaced $previous_version" test "$(dpkg-query -W -f='${Version}' nocomelon)" = "$version"
check "Debian's ffmpeg is still the one in /usr/bin" test "$(dpkg -S /usr/bin/ffmpeg | cut -d: -f1)" = ffmpeg
check "the family's data is still there" test -f "$data_dir/nocomelon.sqlite3"
(cd ui && APP_BINARY=/usr/bin/nocomelon-desktop NOCOMELON_PACKAGE_DATA_DIR="$data_dir" npm run --silent test:package) &&
  pass "the installed app opens on its first screen, the storybook from before the upgrade in its library" ||
  fail "the installed app opens on its first screen, the storybook from before the upgrade in its library"

step "Launch time of the installed app"
Xvfb :97 -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=:97
eval "$(dbus-launch --sh-syntax)"
bus_pid=$DBUS_SESSION_BUS_PID
sleep 1
launch_line=$(src-tauri/scripts/launch_time.py /usr/bin/nocomelon-desktop 5)
echo "   $launch_line"
median=$(sed -n 's/.*median \([0-9.]*\) s.*/\1/p' <<<"$launch_line")
check "the median launch is 1 s or less" python3 -c "import sys; sys.exit(0 if float('$median') <= 1.0 else 1)"

step "From the desktop's menu entry, then Open with on a drawing"
wait_for_log() {
  local pattern=$1 deadline=$((SECONDS + 60))
  while [ $SECONDS -lt $deadline ]; do
    grep -qs "$pattern" "$log_dir"/nocomelon.*.log && return 0
    sleep 0.5
  done
  return 1
}
rm -f "$log_dir"/nocomelon.*.log
gtk-launch nocomelon >/dev/null 2>&1 &
check "the menu entry opens the app's window" wait_for_log "the window is ready"
app_pid=$(pidof nocomelon-desktop || true)
check "the app running is the installed one" test "$(readlink "/proc/$app_pid/exe" 2>/dev/null)" = /usr/bin/nocomelon-desktop
gio launch /usr/share/applications/nocomelon.desktop "$repo/src-tauri/fixtures/drawings/girl-pencil.png" >/dev/null 2>&1 || true
check "Open with hands the drawing to the running window, which adds it" wait_for_log "drawing stored"
sleep 1
check "only one app is running" test "$(pidof nocomelon-desktop | wc -w)" -eq 1
kill "$app_pid" 2>/dev/null || true
app_pid=""

step "Removal"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq nocomelon >"$work/apt-remove.log" 2>&1 ||
  { tail -20 "$work/apt-remove.log"; exit 1; }
check "the package is gone" bash -c "! dpkg-query -W -f='\${Status}' nocomelon 2>/dev/null | grep -q 'install ok installed'"
check "its program, menu entry and icons are gone" bash -c \
  "! test -e /usr/bin/nocomelon-desktop && ! test -e /usr/share/applications/nocomelon.desktop && ! ls /usr/share/icons/hicolor/*/apps/nocomelon-desktop.png >/dev/null 2>&1"
check "Debian's ffmpeg stays" test -x /usr/bin/ffmpeg
check "the family's data stays (removing a program never deletes a family's storybooks)" test -f "$data_dir/nocomelon.sqlite3"

step "A fresh Debian 12 without ffmpeg: apt brings what the app needs"
root="$work/root"
started=$SECONDS
$sudo debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }
check "the fresh root has no ffmpeg" test ! -e "$root/usr/bin/ffmpeg"
$sudo mount -t proc proc "$root/proc"
$sudo mount --bind /dev "$root/dev"
$sudo cp "$deb" "$root/tmp/"
$sudo chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "/tmp/$(basename "$deb")" >"$work/apt-fresh.log" 2>&1 || { tail -20 "$work/apt-fresh.log"; exit 1; }
check "the app is installed" test -x "$root/usr/bin/nocomelon-desktop"
check "apt brought ffmpeg, ffprobe and espeak-ng" \
  test -x "$root/usr/bin/ffmpeg" -a -x "$root/usr/bin/ffprobe" -a -x "$root/usr/bin/espeak-ng"
check "every library the app needs is there" \
  bash -c "! $sudo chroot '$root' ldd /usr/bin/nocomelon-desktop | grep -q 'not found'"
echo "   (the fresh root took $((SECONDS - started)) s to make and install into)"

echo
if [ "$failures" -eq 0 ]; then
  echo "The package test passed: $deb ($deb_mb MB); $launch_line"
else
  echo "The package test found $failures problem(s); see above."
  exit 1
fi
