#!/usr/bin/env bash
# Demo data made by hand, while ./run.sh runs: the silos generate it, this waits and prints progress.
#
#   scripts/seed.sh [--workers N] [--seed S] [--if-empty]    (5000 workers by default; the same S, the same data)
#   scripts/seed.sh --help
#
# The database is KAPUAS_DB, or else the project-local cluster ./run.sh started under .data/pg (read from its pid file).
set -euo pipefail
for argument in "$@"; do
  case "$argument" in -h|--help) sed -n '2,7p' "$0"; exit 0 ;; esac
done
cd "$(dirname "$0")/.."
export KAPUAS_ROOT=$PWD
source scripts/postgres.sh
configuration=${KAPUAS_CONFIGURATION:-Release}
silo_dll=Silo/Kapuas.Silo/bin/$configuration/net10.0/Kapuas.Silo.dll
[ -f "$silo_dll" ] || { echo "No $configuration build of the silo: start ./run.sh first (or set KAPUAS_CONFIGURATION=Debug after ./test.sh)." >&2; exit 1; }
if [ -z "${KAPUAS_DB:-}" ]; then
  pid_file="$KAPUAS_DATA_DIR/pg/data/postmaster.pid"
  port=$(sed -n '4p' "$pid_file" 2>/dev/null || true)
  [ -n "$port" ] || { echo "PostgreSQL of ./run.sh is not running ($pid_file): start ./run.sh first, or set KAPUAS_DB." >&2; exit 1; }
  export KAPUAS_DB="Host=127.0.0.1;Port=$port;Database=kapuas;Username=postgres"
fi
exec dotnet "$silo_dll" seed "$@"
