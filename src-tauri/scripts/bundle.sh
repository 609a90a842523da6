#!/usr/bin/env bash
# Builds the installers this computer can build without downloading anything.
#
# Linux: a .deb and an .rpm. The app uses the distribution's ffmpeg, ffprobe and espeak-ng through
# package dependencies and installs nothing in /usr/bin but itself. The package is `nocomelon`
# (src-tauri/bundle/linux/tauri.json: Debian package names are lowercase, and Tauri derives the
# name from the product name). The AppImage is skipped: its tools are downloaded while bundling.
#
# macOS (.app, .dmg) and Windows (.msi, NSIS): ffmpeg and ffprobe ship inside the app as sidecars
# (src-tauri/bundle/sidecar.json), which must be static builds whose licence allows shipping them
# (for example LGPL builds without --enable-gpl/--enable-nonfree); put them in src-tauri/binaries
# as ffmpeg-<target triple> and ffprobe-<target triple> first.
set -euo pipefail
cd "$(dirname "$0")/../.."

tauri=ui/node_modules/.bin/tauri
triple=$(rustc -vV | sed -n 's/^host: //p')

case "$(uname -s)" in
  Linux)
    echo "Skipping the AppImage: its tools would be downloaded while bundling, and this build stays offline."
    "$tauri" build --bundles deb,rpm --config src-tauri/bundle/linux/tauri.json "$@"
    ;;
  Darwin | MINGW* | MSYS* | CYGWIN*)
    for tool in ffmpeg ffprobe; do
      suffix=""
      case "$triple" in *windows*) suffix=".exe" ;; esac
      sidecar="src-tauri/binaries/$tool-$triple$suffix"
      if [ ! -f "$sidecar" ]; then
        echo "Missing $sidecar: put a static $tool build whose licence allows shipping it there (see README, Installers)." >&2
        exit 1
      fi
    done
    "$tauri" build --config src-tauri/bundle/sidecar.json "$@"
    ;;
  *)
    echo "No installer is made on $(uname -s)." >&2
    exit 1
    ;;
esac
