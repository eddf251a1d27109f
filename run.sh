#!/usr/bin/env bash
# Brings up the whole system: PostgreSQL (project-local under .data/pg, or KAPUAS_DB), the database migrations,
# N silo processes (default 1) and the Admin site on http://127.0.0.1:5080. Ctrl-C stops everything it started.
#
#   ./run.sh              one silo
#   ./run.sh --silos 3    three silos in one cluster
set -euo pipefail
cd "$(dirname "$0")"
export KAPUAS_ROOT=$PWD
source scripts/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

silos=1
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) silos=${2:?--silos needs a number}; shift 2 ;;
    --silos=*) silos=${1#*=}; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$silos" in ''|*[!0-9]*|0) echo "--silos takes a whole number from 1" >&2; exit 2 ;; esac

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
admin_port=${KAPUAS_ADMIN_PORT:-5080}
pids=()

cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  kapuas_pg_down pg
  echo "Stopped."
}
trap cleanup INT TERM EXIT

# 1. PostgreSQL.
if [ -z "${KAPUAS_DB:-}" ]; then
  port=${KAPUAS_PG_PORT:-5433}
  kapuas_pg_up pg "$port"
  export KAPUAS_DB="Host=127.0.0.1;Port=$KAPUAS_PG_PORT_USED;Database=kapuas;Username=postgres"
fi

# 2. Build, then migrate once before any process starts.
dotnet build Kapuas.Actors.sln -c Release -nologo -v:q -clp:NoSummary
silo_dll=Silo/Kapuas.Silo/bin/Release/net10.0/Kapuas.Silo.dll
admin_dll=Admin/Kapuas.Admin/bin/Release/net10.0/Kapuas.Admin.dll
dotnet "$silo_dll" migrate

# 3. Silos: silo i listens on 11111+i, gateway 30000+i, health 5081+i.
for i in $(seq 0 $((silos - 1))); do
  (cd Silo/Kapuas.Silo && exec dotnet "../../$silo_dll" \
     --Kapuas:Silo:SiloPort=$((11111 + i)) --Kapuas:Silo:GatewayPort=$((30000 + i)) \
     --Kapuas:Silo:Name="silo-$i" --Urls="http://127.0.0.1:$((5081 + i))") &
  pids+=($!)
done

# 4. Admin.
(cd Admin/Kapuas.Admin && exec dotnet "../../$admin_dll" --Urls="http://127.0.0.1:$admin_port") &
pids+=($!)

# 5. Wait until the Admin answers /health.
for _ in $(seq 1 180); do
  if kapuas_http_ok "$admin_port" /health; then
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

wait -n "${pids[@]}" || true
echo "A process stopped; stopping the rest." >&2
