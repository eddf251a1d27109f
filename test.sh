#!/usr/bin/env bash
# Builds the solution and runs every test project against real PostgreSQL.
# Ends with one plain line: "N passed, N failed[, N skipped]".
#
#   ./test.sh             everything (PostgreSQL: a local cluster under .data/pg-test, or the server KAPUAS_DB names)
#   ./test.sh --help      this text
set -euo pipefail
case "${1:-}" in
  "") ;;
  -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
  *) echo "Pilihan tidak dikenal / unknown option: $1 (see --help)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")"
export KAPUAS_ROOT=$PWD
source scripts/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$KAPUAS_ROOT/TestResults"
rm -rf "$results"
mkdir -p "$results"

# 1. PostgreSQL: the server KAPUAS_DB names, or a throwaway-fast local cluster under .data/pg-test.
if [ -z "${KAPUAS_DB:-}" ]; then
  kapuas_pg_up pg-test "${KAPUAS_TEST_PG_PORT:-5434}" fast
  trap 'kapuas_pg_down pg-test' EXIT
  export KAPUAS_TEST_DB="Host=127.0.0.1;Port=$KAPUAS_PG_PORT_USED;Database=postgres;Username=postgres"
  # The server's log grows across runs: this run's part starts here.
  pg_log="$KAPUAS_DATA_DIR/pg-test/log/postgresql.log"
  pg_log_from=$(stat -c %s "$pg_log" 2>/dev/null || echo 0)
else
  export KAPUAS_TEST_DB="$KAPUAS_DB"
fi

# Every process of the run logs under one fresh folder, which the last project scans for NIKs.
run_data="$KAPUAS_ROOT/.data/test-run"
rm -rf "$run_data"
mkdir -p "$run_data"

# Debian's tools the suites use: Chromium for the browser journeys (never a downloaded browser), pg_dump for the
# backups, systemd-analyze for the units in deploy/, ip and curl for the several-machines test, DejaVu Sans for the PDFs.
kapuas_tools /usr/bin/chromium:chromium pg_dump:postgresql-client systemd-analyze:systemd ip:iproute2 curl:curl \
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core

# 2. Build once (warnings are errors).
dotnet build Kapuas.Actors.sln -c Debug -nologo -v:q -clp:NoSummary

# 3. Run each test project in turn (the machine has 2 cores; suites that start silos must not overlap).
projects=(
  tests/Kapuas.Domain.Tests
  tests/Kapuas.Grains.Tests
  tests/Kapuas.Integration.Tests
  tests/Kapuas.Admin.Tests
  tests/Kapuas.LogScan.Tests
)
status=0
for project in "${projects[@]}"; do
  name=$(basename "$project")
  echo "=== $name"
  if [ "$name" = Kapuas.LogScan.Tests ] && [ -n "${pg_log:-}" ]; then
    # The scan reads the server's log of this run too (failed statements are logged with their text).
    mkdir -p "$run_data/tests/logs/postgresql"
    tail -c "+$((pg_log_from + 1))" "$pg_log" > "$run_data/tests/logs/postgresql/pg-test.log"
  fi
  if ! KAPUAS_DATA_DIR="$run_data" dotnet test "$project" -c Debug --no-build -nologo -v:q \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
        --results-directory "$results"; then
    status=1
  fi
done

# 4. The summary CI reads: totals from the TRX files.
passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  e=$(echo "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
  t=$(echo "$counters" | sed -n 's/.* total="\([0-9]*\)".*/\1/p')
  x=$(echo "$counters" | sed -n 's/.* executed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done
if [ "$files" -ne "${#projects[@]}" ]; then
  echo "Only $files of ${#projects[@]} test projects reported results."
  status=1
  [ "$failed" -eq 0 ] && failed=1
fi
if [ "$failed" -gt 0 ]; then status=1; fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status
