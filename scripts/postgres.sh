# Sourced by run.sh and test.sh: a project-local PostgreSQL cluster under .data/, or the server KAPUAS_DB names.
#
#   kapuas_pg_up NAME PORT [fast]   ensure the cluster .data/NAME exists and runs on 127.0.0.1 and a Unix socket, on PORT
#                                   or the next free port; sets KAPUAS_PG_PORT_USED
#   kapuas_pg_down NAME             stop it (only if this shell started it)
#   kapuas_port_free PORT WHAT VAR  fail with a sentence when PORT (used by WHAT, set by VAR) is taken
#   kapuas_processes_of DATA_DIR    pids of the Silo and Admin processes that use DATA_DIR
#   kapuas_tools CMD:PACKAGE ...    installs each Debian PACKAGE whose command CMD is missing (one apt-get run)
#
# PostgreSQL refuses to run as root: as root, initdb and pg_ctl run as the `postgres` user, which owns the folders.

KAPUAS_ROOT=${KAPUAS_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
KAPUAS_DATA_DIR=${KAPUAS_DATA_DIR:-$KAPUAS_ROOT/.data}
export KAPUAS_DATA_DIR

kapuas_pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "PostgreSQL is not installed: installing the Debian package (postgresql)..." >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    # Debian starts its own cluster on 5432; this project does not use it.
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -x "$dir/initdb" ] || { echo "initdb not found after installing postgresql" >&2; return 1; }
  echo "$dir"
}

# Runs a PostgreSQL binary as the cluster owner.
kapuas_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

kapuas_pg_up() {
  local name=$1 port=$2 fast=${3:-}
  local bin base data run log
  bin=$(kapuas_pg_bin) || return 1
  base="$KAPUAS_DATA_DIR/$name"
  data="$base/data"; run="$base/run"; log="$base/log"
  mkdir -p "$data" "$run" "$log"
  chmod 755 "$KAPUAS_DATA_DIR" "$base"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres:postgres "$base"
    chmod 700 "$data"
    # The postgres user must be able to reach the folder through every parent.
    local p="$base"
    while [ "$p" != "/" ]; do p=$(dirname "$p"); chmod o+x "$p" 2>/dev/null || true; done
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    echo "Creating the PostgreSQL cluster in $data ..." >&2
    kapuas_pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$log/initdb.log" 2>&1 \
      || { cat "$log/initdb.log" >&2; return 1; }
  fi
  if kapuas_pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    KAPUAS_PG_STARTED_HERE=""
    # Already running (an earlier run left it): use the port it listens on.
    port=$(sed -n '4p' "$data/postmaster.pid" 2>/dev/null || echo "$port")
  else
    # Another server (another checkout's cluster, Debian's own) may hold the port: take the next free one.
    local tries=0
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      tries=$((tries + 1))
      [ "$tries" -le 20 ] || { echo "No free port near $port for PostgreSQL" >&2; return 1; }
      port=$((port + 1))
    done
    local opts="-p $port -k $run -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=256MB"
    # A renewal writes about 5 KB of log per worker: room for a 100,000-worker run between checkpoints, which would
    # otherwise double it with full-page images (measured; see docs/benchmarks.md).
    opts="$opts -c max_wal_size=4GB -c checkpoint_timeout=15min"
    # Extra server settings for this start (the benchmarks' profile mode loads pg_stat_statements this way).
    opts="$opts ${KAPUAS_PG_OPTIONS:-}"
    if [ "$fast" = "fast" ]; then
      # Throwaway test data: durability is not needed, speed is.
      opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    kapuas_pg_as_owner "$bin/pg_ctl" -D "$data" -l "$log/postgresql.log" -o "$opts" -w -t 60 start >/dev/null \
      || { tail -n 30 "$log/postgresql.log" >&2; return 1; }
    KAPUAS_PG_STARTED_HERE=1
  fi
  KAPUAS_PG_PORT_USED=$port
  export KAPUAS_PG_STARTED_HERE KAPUAS_PG_PORT_USED
}

kapuas_pg_down() {
  local name=$1 bin
  [ -n "${KAPUAS_PG_STARTED_HERE:-}" ] || return 0
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  kapuas_pg_as_owner "$bin/pg_ctl" -D "$KAPUAS_DATA_DIR/$name/data" -m fast -w stop >/dev/null 2>&1 || true
}

kapuas_tools() {
  local pair missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || [ -e "${pair%%:*}" ] || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  echo "Installing Debian packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# True when http://127.0.0.1:PORT/PATH answers 200 (bash's /dev/tcp: no curl needed on a fresh machine).
kapuas_http_ok() {
  local port=$1 path=$2 status
  status=$( { exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3 && head -n 1 <&3; } 2>/dev/null ) || return 1
  [[ "$status" == *" 200 "* ]]
}

# Fails, saying what to do, when something already listens on 127.0.0.1:PORT.
kapuas_port_free() {
  local port=$1 what=$2 variable=$3
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port ($what) sudah dipakai program lain / is taken by another program: stop that program, or choose another port with $variable=<port> ./run.sh" >&2
    return 1
  fi
}

# The Silo and Admin processes (any command of theirs) whose KAPUAS_DATA_DIR is DATA_DIR, read from /proc.
kapuas_processes_of() {
  local data=$1 dir found=""
  for dir in /proc/[0-9]*; do
    [ "${dir#/proc/}" != "$$" ] || continue
    case "$( { tr '\0' ' ' < "$dir/cmdline"; } 2>/dev/null)" in
      *Kapuas.Silo.dll*|*Kapuas.Admin.dll*)
        if { tr '\0' '\n' < "$dir/environ"; } 2>/dev/null | grep -qxF "KAPUAS_DATA_DIR=$data"; then
          found="$found ${dir#/proc/}"
        fi ;;
    esac
  done
  echo "${found# }"
}
