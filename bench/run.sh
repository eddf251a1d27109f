#!/usr/bin/env bash
# Runs a benchmark against the project-local PostgreSQL cluster (durable settings, as ./run.sh uses) or KAPUAS_DB.
#   bench/run.sh import 10000
set -euo pipefail
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
