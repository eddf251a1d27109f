#!/usr/bin/env bash
# Runs a benchmark against the project-local PostgreSQL cluster (durable settings, as ./run.sh uses) or KAPUAS_DB.
#
#   bench/run.sh import [rows]                              roster import preview + commit (10000)
#   bench/run.sh renewal [workers]                          annual renewal, beside raw PostgreSQL writes (5000)
#   bench/run.sh doublecover [workers]                      the nightly double-cover check (20000)
#   bench/run.sh load [workers] [users] [seconds] [think-ms] concurrent users on the Admin (100000 20 60 0)
#   bench/run.sh storage [n] | register [n]                 grain storage and registration baselines (10000)
#   bench/run.sh --help                                     this text
set -euo pipefail
for argument in "$@"; do
  case "$argument" in -h|--help) sed -n '2,9p' "$0"; exit 0 ;; esac
done
case "${1:-}" in
  import|renewal|load|storage|register|doublecover) ;;
  *) echo "Unknown benchmark: ${1:-(none)} (see bench/run.sh --help)" >&2; exit 2 ;;
esac
for argument in "${@:2}"; do
  case "$argument" in ''|*[!0-9]*) echo "Counts are whole numbers: $argument (see bench/run.sh --help)" >&2; exit 2 ;; esac
done
cd "$(dirname "$0")/.."
export KAPUAS_ROOT=$PWD
source scripts/postgres.sh
# KAPUAS_BENCH_PROFILE=1: PostgreSQL counts every statement (pg_stat_statements); the busiest are printed at the end.
if [ "${KAPUAS_BENCH_PROFILE:-}" = 1 ] && [ -z "${KAPUAS_DB:-}" ]; then
  export KAPUAS_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
fi
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
if [ "${KAPUAS_BENCH_PROFILE:-}" = 1 ] && [ -z "${KAPUAS_DB:-}" ]; then
  psql=$(kapuas_pg_bin)/psql
  "$psql" -h 127.0.0.1 -p "$KAPUAS_PG_PORT_USED" -U postgres -d postgres -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();" >/dev/null
fi
dotnet run -c Release --project bench/Kapuas.Bench -- "$@"
if [ "${KAPUAS_BENCH_PROFILE:-}" = 1 ] && [ -z "${KAPUAS_DB:-}" ]; then
  echo "busiest statements (pg_stat_statements; for renewal: the job alone):"
  "$psql" -h 127.0.0.1 -p "$KAPUAS_PG_PORT_USED" -U postgres -d postgres -P pager=off -c "
    SELECT calls, round(total_exec_time)::bigint AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms, rows,
           left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement
    FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15"
fi
