#!/usr/bin/env bash
# Times the phases of `make test` and prints them at the end, so a slow phase is easy to see.
#   timed.sh start                 forget earlier figures
#   timed.sh <phase name> <cmd...> run the command, note how long it took (and whether it failed)
#   timed.sh report                print every phase with its time, and the total
set -uo pipefail

record="${NOCOMELON_PHASE_TIMES:-$(dirname "$0")/../../target/phase-times.tsv}"
mkdir -p "$(dirname "$record")"

case "${1:-}" in
  start)
    : >"$record"
    ;;
  report)
    echo
    echo "Time per phase:"
    awk -F'\t' '{ total += $2; printf "  %-40s %6d s  %3d min%s\n", $1, $2, $2 / 60, ($3 == 0 ? "" : "  (failed)") }
                END { printf "  %-40s %6d s  %3d min\n", "total", total, total / 60 }' "$record"
    ;;
  *)
    if [ "$#" -lt 2 ]; then
      echo "usage: $0 start | report | <phase name> <command...>" >&2
      exit 2
    fi
    phase="$1"
    shift
    started=$(date +%s)
    "$@"
    status=$?
    printf '%s\t%d\t%d\n' "$phase" $(($(date +%s) - started)) "$status" >>"$record"
    if [ "$status" -ne 0 ]; then
      "$0" report >&2
    fi
    exit "$status"
    ;;
esac
