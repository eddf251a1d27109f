#!/usr/bin/env bash
# Runs a benchmark against the project-local PostgreSQL cluster (durable settings, as ./run.sh uses) or KAPUAS_DB.
#
#   bench/run.sh import [rows]                              roster import preview + commit (10000)
#   bench/run.sh renewal [workers]                          annual renewal, beside raw PostgreSQL writes (5000)
#   bench/run.sh load [workers] [users] [seconds] [think-ms] concurrent users on the Admin (100000 20 60 0)
#   bench/run.sh storage [n] | register [n]                 grain storage and registration baselines (10000)
#   bench/run.sh --help                                     this text
set -euo pipefail
for argument in "$@"; do
  case "$argument" in -h|--help) sed -n '2,8p' "$0"; exit 0 ;; esac
done
case "${1:-}" in
  import|renewal|load|storage|register) ;;
  *) echo "Unknown benchmark: ${1:-(none)} (see bench/run.sh --help)" >&2; exit 2 ;;
esac
for argument in "${@:2}"; do
  case "$argument" in ''|*[!0-9]*) echo "Counts are whole numbers: $argument (see bench/run.sh --help)" >&2; exit 2 ;; esac
done
cd "$(dirname "$0")/.."
export KAPUAS_ROOT=$PWD
source scripts/postgres.sh
if [ -z "${KAPUAS_DB:-}" ]; then
  port=${KAPUAS_BENCH_PG_PORT:-5435}
  kapuas_pg_up pg-bench "$port"
  trap 'kapuas_pg_down pg-bench' EXIT
  export KAPUAS_TEST_DB="Host=127.0.0.1;Port=$KAPUAS_PG_PORT_USED;Database=postgres;Username=postgres"
else
  export KAPUAS_TEST_DB="$KAPUAS_DB"
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr), PostgreSQL $(ls /usr/lib/postgresql | sort -V | tail -n1)"
# The load and renewal benchmarks run the Admin in its own process: build it in Release too.
if [ "${1:-}" = "load" ] || [ "${1:-}" = "renewal" ]; then
  dotnet build -c Release -nologo -v:q Admin/Kapuas.Admin >/dev/null
  export KAPUAS_PROCESS_CONFIGURATION=Release
fi
dotnet run -c Release --project bench/Kapuas.Bench -- "$@"
