#!/usr/bin/env bash
# Brings up the whole system: PostgreSQL (project-local under .data/pg, or KAPUAS_DB), the database migrations,
# N silo processes (default 1) and the Admin site on http://127.0.0.1:5080. Ctrl-C stops everything it started.
#
#   ./run.sh              one silo
#   ./run.sh --silos 3    three silos in one cluster
#   ./run.sh --no-build   use the build already there (KAPUAS_CONFIGURATION: Release, or Debug as ./test.sh builds)
set -euo pipefail
cd "$(dirname "$0")"
export KAPUAS_ROOT=$PWD
source scripts/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

silos=1
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=${2:?--silos needs a number}; shift 2 ;;
    --silos=*) silos=${1#*=}; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "Pilihan tidak dikenal / unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$silos" in ''|*[!0-9]*|0) echo "--silos takes a whole number from 1" >&2; exit 2 ;; esac

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
configuration=${KAPUAS_CONFIGURATION:-Release}
admin_port=${KAPUAS_ADMIN_PORT:-5080}
silo_port=${KAPUAS_SILO_PORT:-11111}
gateway_port=${KAPUAS_GATEWAY_PORT:-30000}
silo_http_port=${KAPUAS_SILO_HTTP_PORT:-5081}
pids=()

# 0. One run per data folder: a second ./run.sh here would fight the first over its database and ports. The claim is a
#    file naming this run's pid; a file whose run.sh is gone (killed) is stale and taken over.
mkdir -p "$KAPUAS_DATA_DIR"
run_file="$KAPUAS_DATA_DIR/run.pid"
claim_run() { ( set -o noclobber; echo "$$ http://127.0.0.1:$admin_port" > "$run_file" ) 2>/dev/null; }
if ! claim_run; then
  read -r other other_url < "$run_file" || true
  if [ -n "${other:-}" ] && kill -0 "$other" 2>/dev/null && { tr '\0' ' ' < "/proc/$other/cmdline"; } 2>/dev/null | grep -q 'run\.sh'; then
    echo "Kapuas.Actors sudah berjalan dari folder ini / is already running from this folder (run.sh pid $other, ${other_url:-}):" \
      "pakai yang itu, atau hentikan dengan Ctrl-C di terminalnya / use it, or stop it with Ctrl-C in its terminal." >&2
    exit 1
  fi
  rm -f "$run_file"
  claim_run || { echo "Another ./run.sh is starting from this folder at this moment; wait for it, or stop it." >&2; exit 1; }
fi

cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  kapuas_pg_down pg
  rm -f "$run_file"
  echo "Stopped."
}
# Ctrl-C (or a TERM) is the normal way to stop: everything stops, and the run ends there.
trap 'cleanup; exit 0' INT TERM
trap cleanup EXIT

# Silos and the Admin of an earlier run that was killed (no live run.sh owns them now) still hold the ports.
leftovers=$(kapuas_processes_of "$KAPUAS_DATA_DIR")
if [ -n "$leftovers" ]; then
  echo "Menghentikan proses sisa run sebelumnya / stopping processes left by an earlier run that was killed: $leftovers"
  # shellcheck disable=SC2086
  kill -TERM $leftovers 2>/dev/null || true
  for _ in $(seq 1 30); do [ -z "$(kapuas_processes_of "$KAPUAS_DATA_DIR")" ] && break; sleep 1; done
  # shellcheck disable=SC2086
  kill -KILL $(kapuas_processes_of "$KAPUAS_DATA_DIR") 2>/dev/null || true
fi

# Every port this run listens on must be free: say which one is not, and how to choose another.
kapuas_port_free "$admin_port" "the Admin site" KAPUAS_ADMIN_PORT
for i in $(seq 0 $((silos - 1))); do
  kapuas_port_free $((silo_port + i)) "silo $i (silo-to-silo)" KAPUAS_SILO_PORT
  kapuas_port_free $((gateway_port + i)) "silo $i (gateway)" KAPUAS_GATEWAY_PORT
  kapuas_port_free $((silo_http_port + i)) "silo $i (health)" KAPUAS_SILO_HTTP_PORT
done

# 1. PostgreSQL. A cluster left running by a killed run is taken over, and stopped with this run.
if [ -z "${KAPUAS_DB:-}" ]; then
  kapuas_pg_up pg "${KAPUAS_PG_PORT:-5433}"
  KAPUAS_PG_STARTED_HERE=1
  export KAPUAS_DB="Host=127.0.0.1;Port=$KAPUAS_PG_PORT_USED;Database=kapuas;Username=postgres"
fi

# 2. Build, then migrate and prepare the data folder once, before any process starts.
if [ "$build" = 1 ]; then
  dotnet build Kapuas.Actors.sln -c "$configuration" -nologo -v:q -clp:NoSummary
fi
silo_dll=Silo/Kapuas.Silo/bin/$configuration/net10.0/Kapuas.Silo.dll
admin_dll=Admin/Kapuas.Admin/bin/$configuration/net10.0/Kapuas.Admin.dll
[ -f "$silo_dll" ] && [ -f "$admin_dll" ] || { echo "No $configuration build: run ./run.sh without --no-build." >&2; exit 1; }
dotnet "$silo_dll" migrate
# The nightly backup (a job on the silos) runs pg_dump, Debian's client, whatever server KAPUAS_DB names; the Admin writes
# its PDFs in DejaVu Sans.
kapuas_tools pg_dump:postgresql-client /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core

# 3. Silos: silo i listens on 11111+i, gateway 30000+i, health 5081+i (or the bases set above).
for i in $(seq 0 $((silos - 1))); do
  (cd Silo/Kapuas.Silo && exec dotnet "../../$silo_dll" \
     --Kapuas:Silo:SiloPort=$((silo_port + i)) --Kapuas:Silo:GatewayPort=$((gateway_port + i)) \
     --Kapuas:Silo:Name="silo-$i" --Urls="http://127.0.0.1:$((silo_http_port + i))") &
  pids+=($!)
done

# 4. Admin.
(cd Admin/Kapuas.Admin && exec dotnet "../../$admin_dll" --Urls="http://127.0.0.1:$admin_port") &
pids+=($!)

# 5. Wait until the Admin answers /health.
up=0
for _ in $(seq 1 180); do
  if kapuas_http_ok "$admin_port" /health; then
    up=1
    echo
    echo "Kapuas.Actors is running: http://127.0.0.1:$admin_port  (Ctrl-C stops it)"
    echo "Logs: $KAPUAS_DATA_DIR/logs/"
    # Demo data on an empty database (KAPUAS_DEMO_WORKERS=0 skips it).
    if [ "${KAPUAS_DEMO_WORKERS:-5000}" -gt 0 ]; then
      dotnet "$silo_dll" seed --if-empty --workers "${KAPUAS_DEMO_WORKERS:-5000}" || echo "Demo data not created; see the log." >&2
    fi
    break
  fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A process exited during start-up; see the output above." >&2; exit 1; }
  done
  sleep 1
done
if [ "$up" = 0 ]; then
  echo "The Admin did not answer /health within 3 minutes; see the output above and $KAPUAS_DATA_DIR/logs/." >&2
  exit 1
fi

wait -n "${pids[@]}" || true
echo "A process stopped; stopping the rest." >&2
