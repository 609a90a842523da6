#!/usr/bin/env bash
# The app's memory in a real window next to a blank Tauri 2 window (`make memory`): on a virtual
# display, through tauri-driver, as the app tests run it. Prints a table (also kept in
# ui/test-results/memory.txt): the blank window, the app idle on its first screen, while each of
# two storybooks plays and after each is closed, with the goals next to the figures. Exits with
# a failure when a goal is missed. See ui/tests/app/memory.measure.ts for how it measures.
#
# Builds nothing: `make memory` builds the app and the blank window first.
#   APP_BINARY          the app (default target/debug/nocomelon-desktop)
#   BLANK_WINDOW_BINARY the blank window (default target/debug/examples/blank-window)
#   TAURI_DRIVER        tauri-driver (default target/tools/bin/tauri-driver)
#   MEMORY_STORYBOOKS   how many storybooks to make and play (default 2; 0: only the two windows idle)
#   MEMORY_PAUSE_SECONDS a pause after each figure, to look into the processes meanwhile (default 0)
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
export APP_BINARY="${APP_BINARY:-$repo/target/debug/nocomelon-desktop}"
export BLANK_WINDOW_BINARY="${BLANK_WINDOW_BINARY:-$repo/target/debug/examples/blank-window}"
export TAURI_DRIVER="${TAURI_DRIVER:-$repo/target/tools/bin/tauri-driver}"

cd "$repo/ui"
exec npx vitest run --config tests/app/vitest.memory.config.ts
