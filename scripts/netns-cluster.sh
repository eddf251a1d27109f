#!/usr/bin/env bash
# Proves the several-machines settings: PostgreSQL, two silos and the Admin each run in their own network namespace
# with their own address on a private LAN (a bridge in a namespace of its own, 10.231.7.0/24: db .10, silos .11 and
# .12, Admin .20). They form one cluster, serve requests (sign-in, an API key, grain-backed API calls), and carry on
# through silo 1 once silo 2's namespace is cut off the LAN and the cluster has declared it dead.
#
#   scripts/netns-cluster.sh [--timeout SECONDS] [--dead-timeout SECONDS] [--keep]
#
#   --timeout N        how long the cluster may take to form, and the Admin to recover after the cut (default 120)
#   --dead-timeout N   how long the cluster may take to declare the cut-off silo dead (default 180)
#   --keep             keep the PostgreSQL data folder too (the logs are always kept)
#
# Needs root and iproute2 (exits 77 otherwise). Never builds: uses the build already there (KAPUAS_CONFIGURATION,
# default Debug). Temp files go under $KAPUAS_DATA_DIR (else /tmp); their folder is printed. Exit 0: passed; 1: failed.
set -euo pipefail

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

form_timeout=120
dead_timeout=180
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --timeout) form_timeout=${2:?--timeout needs a number of seconds}; shift 2 ;;
    --timeout=*) form_timeout=${1#*=}; shift ;;
    --dead-timeout) dead_timeout=${2:?--dead-timeout needs a number of seconds}; shift 2 ;;
    --dead-timeout=*) dead_timeout=${1#*=}; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "netns-cluster: unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$form_timeout" "$dead_timeout"; do
  case "$n" in ''|*[!0-9]*|0) echo "netns-cluster: timeouts are whole numbers of seconds from 1" >&2; exit 2 ;; esac
done

if [ "$EUID" -ne 0 ] || ! command -v ip >/dev/null 2>&1 || ! ip netns list >/dev/null 2>&1; then
  echo "netns-cluster: skipped (needs root and iproute2)"
  exit 77
fi

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration=${KAPUAS_CONFIGURATION:-Debug}
silo_dll=$root/Silo/Kapuas.Silo/bin/$configuration/net10.0/Kapuas.Silo.dll
admin_dll=$root/Admin/Kapuas.Admin/bin/$configuration/net10.0/Kapuas.Admin.dll

# ---------------------------------------------------------------------------------------------------------------------
# Names. Every namespace carries this run's pid, so parallel runs never collide; the interfaces and the bridge live
# inside those namespaces (the root namespace is never touched), so their short names cannot collide either.
# ---------------------------------------------------------------------------------------------------------------------
tag="nc$$"
ns_lan="kapuas-lan-$tag" ns_db="kapuas-db-$tag" ns_s1="kapuas-s1-$tag" ns_s2="kapuas-s2-$tag" ns_admin="kapuas-admin-$tag"
net=10.231.7
ip_db=$net.10 ip_s1=$net.11 ip_s2=$net.12 ip_admin=$net.20
admin_url="http://$ip_admin:5080"
created_ns=()
declare -A pid_of=()
pg_data=""
pg_bin=""
started=$(date +%s)

elapsed() { echo $(( $(date +%s) - ${1:-$started} )); }
ok() { printf 'ok: %s (%ss)\n' "$*" "$(elapsed)"; }

# Namespaces left by an earlier run that was killed (its script is gone): what runs in them is stopped, they are removed.
owner_alive() { { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null | grep -q 'netns-cluster'; }
for ns in $(ip netns list | awk '{print $1}'); do
  if [[ $ns =~ ^kapuas-(lan|db|s1|s2|admin)-nc([0-9]+)$ ]]; then
    owner=${BASH_REMATCH[2]}
    if [ "$owner" != "$$" ] && owner_alive "$owner"; then continue; fi
    # shellcheck disable=SC2046
    kill -KILL $(ip netns pids "$ns" 2>/dev/null) 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    echo "netns-cluster: removed namespace $ns left by an earlier run"
  fi
done
temp_base=${KAPUAS_DATA_DIR:-/tmp}
mkdir -p "$temp_base"
for old in "$temp_base"/netns-cluster.nc*; do
  [ -d "$old/pg" ] || continue
  [[ $old =~ netns-cluster\.nc([0-9]+)\. ]] || continue
  owner_alive "${BASH_REMATCH[1]}" && continue
  rm -rf "$old/pg"
done

work=$(mktemp -d "$temp_base/netns-cluster.$tag.XXXXXX")
chmod 755 "$work"
logs=$work/logs
mkdir -p "$logs"
echo "netns-cluster: logs in $logs"

# ---------------------------------------------------------------------------------------------------------------------
# Clean-up on any exit: the processes started here, PostgreSQL, anything else still running in these namespaces, the
# namespaces (their veths and the bridge go with them) and the PostgreSQL data.
# ---------------------------------------------------------------------------------------------------------------------
cut_off=0
torn_down=0
teardown() {
  local name pid ns left
  [ "$torn_down" = 0 ] || return 0
  torn_down=1
  set +e
  # (bash would report each killed job on stderr: not news here.)
  exec 4>&2 2>/dev/null
  # A silo cut off the LAN cannot leave the cluster gracefully: it is killed at once, the others get 10 s.
  if [ "$cut_off" = 1 ] && [ -n "${pid_of[s2]:-}" ]; then kill -KILL "${pid_of[s2]}" 2>/dev/null; fi
  for name in "${!pid_of[@]}"; do kill -TERM "${pid_of[$name]}" 2>/dev/null; done
  for _ in $(seq 1 20); do
    left=0
    for name in "${!pid_of[@]}"; do kill -0 "${pid_of[$name]}" 2>/dev/null && left=1; done
    [ "$left" = 0 ] && break
    sleep 0.5
  done
  for name in "${!pid_of[@]}"; do kill -KILL "${pid_of[$name]}" 2>/dev/null; wait "${pid_of[$name]}" 2>/dev/null; done
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    ip netns exec "$ns_db" runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w -t 20 stop >/dev/null 2>&1
  fi
  # Anything else still running in these namespaces (a curl, a psql) was started here too.
  for ns in "${created_ns[@]}"; do
    pid=$(ip netns pids "$ns" 2>/dev/null)
    # shellcheck disable=SC2086
    [ -z "$pid" ] || kill -KILL $pid 2>/dev/null
  done
  sleep 0.2
  # Deleting a namespace deletes its veth ends (and so their peers) and, for the LAN namespace, the bridge.
  for ns in "${created_ns[@]}"; do ip netns del "$ns" 2>/dev/null; done
  exec 2>&4 4>&-
  # The logs stay; the database, the sign-in cookies and key ring of this throwaway installation do not.
  if [ "$keep" = 0 ]; then rm -rf "$work/pg" "$work/body" "$work/cookies" "$work/admin/keys"; fi
  left=$(ip netns list | awk '{print $1}' | grep -- "-$tag\$" | paste -sd' ')
  [ -z "$left" ] || echo "netns-cluster: WARNING: namespaces not removed: $left" >&2
  echo "netns-cluster: cleaned up (logs kept in $logs)"
  set -e
}
on_exit() {
  local rc=$?
  trap - EXIT INT TERM ERR
  teardown
  exit "$rc"
}
trap on_exit EXIT
trap 'echo "netns-cluster: FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

# The failing step, the last lines of the logs that explain it, exit 1.
fail() {
  local step=$1 log; shift
  echo "netns-cluster: FAILED at: $step" >&2
  for log in "$@"; do
    [ -f "$logs/$log.log" ] || continue
    echo "----- last lines of $logs/$log.log -----" >&2
    tail -n 40 "$logs/$log.log" >&2
  done
  exit 1
}

# ---------------------------------------------------------------------------------------------------------------------
# 1. The LAN: a bridge in its own namespace, and one veth pair per machine into it.
# ---------------------------------------------------------------------------------------------------------------------
add_ns() { ip netns add "$1"; created_ns+=("$1"); ip -n "$1" link set lo up; }
add_ns "$ns_lan"
ip -n "$ns_lan" link add br0 type bridge
ip -n "$ns_lan" link set br0 up
machine() { # NAMESPACE PORT-NAME ADDRESS
  add_ns "$1"
  ip -n "$ns_lan" link add "$2" type veth peer name eth0 netns "$1"
  ip -n "$ns_lan" link set "$2" master br0 up
  ip -n "$1" addr add "$3/24" dev eth0
  ip -n "$1" link set eth0 up
}
machine "$ns_db" p-db "$ip_db"
machine "$ns_s1" p-s1 "$ip_s1"
machine "$ns_s2" p-s2 "$ip_s2"
machine "$ns_admin" p-admin "$ip_admin"
ok "LAN $net.0/24 on bridge br0 in $ns_lan: $ns_db=$ip_db $ns_s1=$ip_s1 $ns_s2=$ip_s2 $ns_admin=$ip_admin"

# ---------------------------------------------------------------------------------------------------------------------
# 2. PostgreSQL in kapuas-db, on the LAN address only, trusting the LAN.
# ---------------------------------------------------------------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || fail "PostgreSQL: no /usr/lib/postgresql/*/bin/initdb (run scripts/postgres.sh's kapuas_pg_bin once, or apt-get install postgresql)"
id postgres >/dev/null 2>&1 || fail "PostgreSQL: no postgres user"
p=$work
while [ "$p" != "/" ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
mkdir -p "$work/pg/data" "$work/pg/run"
chown -R postgres:postgres "$work/pg"
chmod 700 "$work/pg/data"
pg_data=$work/pg/data
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$logs/initdb.log" 2>&1 \
  || fail "PostgreSQL initdb" initdb
cat > "$pg_data/pg_hba.conf" <<EOF
# netns-cluster.sh: the LAN is trusted (password authentication is not what this test proves).
local all all              trust
host  all all $net.0/24  trust
EOF
chown postgres:postgres "$pg_data/pg_hba.conf"
touch "$logs/postgres.log"
chown postgres:postgres "$logs/postgres.log"
ip netns exec "$ns_db" runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$logs/postgres.log" -w -t 60 \
  -o "-p 5432 -k $work/pg/run -c listen_addresses=$ip_db -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || fail "PostgreSQL start" postgres
psql_lan() { ip netns exec "$1" psql -h "$ip_db" -p 5432 -U postgres -d "${3:-postgres}" -XAtq -v ON_ERROR_STOP=1 -c "$2"; }
listening=$(ip netns exec "$ns_db" ss -Hltn 'sport = :5432' | awk '{print $4}' | sort -u | tr '\n' ' ')
[ "$listening" = "$ip_db:5432 " ] || fail "PostgreSQL listens on $listening, not only on $ip_db:5432" postgres
for ns in "$ns_s1" "$ns_s2" "$ns_admin"; do
  [ "$(PGCONNECT_TIMEOUT=5 psql_lan "$ns" 'SELECT 1' 2>>"$logs/postgres.log")" = 1 ] || fail "PostgreSQL: $ip_db:5432 not reachable from $ns" postgres
done
ok "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') in $ns_db listens only on $ip_db:5432; reached over the LAN from s1, s2 and admin"

# ---------------------------------------------------------------------------------------------------------------------
# 3. Settings as on separate machines: each process has its own data folder; the NIK key is given, not shared by file.
# ---------------------------------------------------------------------------------------------------------------------
export KAPUAS_DB="Host=$ip_db;Port=5432;Database=kapuas;Username=postgres"
KAPUAS_NIK_KEY=$(head -c 32 /dev/urandom | base64 -w0)
export KAPUAS_NIK_KEY
export ASPNETCORE_ENVIRONMENT=Production
admin_password="Nc$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')Z9"
mkdir -p "$work/s1" "$work/s2" "$work/admin"

# A build being rewritten at this moment makes a start fail with a load error: wait for the files, then try again.
dll_trouble() { grep -qE 'BadImageFormat|Could not load file or assembly|FileNotFoundException|FileLoadException|The application to execute does not exist|being used by another process|Failed to load the dll|cannot open shared object|Unhandled exception\. System\.IO' "$1" 2>/dev/null; }
wait_for_dlls() {
  for _ in $(seq 1 60); do
    [ -f "$silo_dll" ] && [ -f "$admin_dll" ] && return 0
    sleep 2
  done
  fail "no $configuration build at $silo_dll and $admin_dll (this script never builds)"
}
wait_for_dlls

for attempt in 1 2 3 4; do
  if (cd "$root/Silo/Kapuas.Silo" && ip netns exec "$ns_admin" env KAPUAS_DATA_DIR="$work/admin" dotnet "$silo_dll" migrate) \
       >"$logs/migrate.log" 2>&1; then
    break
  fi
  [ "$attempt" -lt 4 ] && dll_trouble "$logs/migrate.log" || fail "dotnet Kapuas.Silo.dll migrate (from $ns_admin)" migrate postgres
  echo "netns-cluster: migrate could not load the build (being rebuilt?); trying again"
  sleep 5; wait_for_dlls
done
ok "migrated database kapuas on $ip_db from $ns_admin"

# ---------------------------------------------------------------------------------------------------------------------
# 4. Silo 1, silo 2 and the Admin, each in its machine's namespace.
# ---------------------------------------------------------------------------------------------------------------------
declare -A ns_of=([s1]=$ns_s1 [s2]=$ns_s2 [admin]=$ns_admin)
declare -A restarts=([s1]=0 [s2]=0 [admin]=0)
start_process() {
  local name=$1
  case "$name" in
    s1|s2)
      local address=$ip_s1; [ "$name" = s2 ] && address=$ip_s2
      (cd "$root/Silo/Kapuas.Silo" && exec ip netns exec "${ns_of[$name]}" env KAPUAS_DATA_DIR="$work/$name" \
         dotnet "$silo_dll" --Kapuas:Silo:AdvertisedAddress="$address" --Kapuas:Silo:SiloPort=11111 \
         --Kapuas:Silo:GatewayPort=30000 --Kapuas:Silo:Name="$name" --Urls=http://127.0.0.1:5081 \
         --Serilog:MinimumLevel:Override:Orleans.Runtime.MembershipService=Information) >>"$logs/$name.log" 2>&1 &
      ;;
    admin)
      (cd "$root/Admin/Kapuas.Admin" && exec ip netns exec "$ns_admin" env KAPUAS_DATA_DIR="$work/admin" \
         KAPUAS_ADMIN_PASSWORD="$admin_password" dotnet "$admin_dll" --Urls="$admin_url" \
         --Serilog:MinimumLevel:Override:Orleans.Messaging=Information) >>"$logs/admin.log" 2>&1 &
      ;;
  esac
  pid_of[$name]=$!
}
# A process that exited: started again when the build was being rewritten under it, else the step fails.
check_alive() { # STEP [NAME...] (default: every process)
  local step=$1 name; shift
  [ $# -gt 0 ] || set -- "${!pid_of[@]}"
  for name in "$@"; do
    kill -0 "${pid_of[$name]}" 2>/dev/null && continue
    wait "${pid_of[$name]}" 2>/dev/null || true
    if dll_trouble "$logs/$name.log" && [ "${restarts[$name]}" -lt 3 ]; then
      restarts[$name]=$(( ${restarts[$name]} + 1 ))
      echo "netns-cluster: $name could not load the build (being rebuilt?); starting it again"
      sleep 3; wait_for_dlls
      echo "===== restart ${restarts[$name]} =====" >>"$logs/$name.log"
      start_process "$name"
    else
      fail "$step: process $name exited" "$name"
    fi
  done
}
start_process s1
start_process s2
ok "started s1 in $ns_s1 and s2 in $ns_s2"

# ---------------------------------------------------------------------------------------------------------------------
# 5. The cluster forms: both silos healthy, two active rows on the LAN addresses, the Admin healthy through them.
# ---------------------------------------------------------------------------------------------------------------------
# HTTP status of a request from a namespace; the body goes to $work/body.
http() { # NAMESPACE curl-args...
  local ns=$1; shift
  ip netns exec "$ns" curl -sS -o "$work/body" -w '%{http_code}' --max-time 15 "$@" 2>>"$logs/curl.log" || true
}
membership() {
  psql_lan "$ns_db" "SELECT siloname || ' ' || address || ':' || port || ' gw ' || proxyport || ' status ' || status
                     FROM orleans.orleansmembershiptable WHERE deploymentid = 'kapuas' ORDER BY siloname, generation" kapuas 2>/dev/null || true
}
admin_healthy() {
  [ "$(http "$ns_admin" "$admin_url/health")" = 200 ] && grep -q '"orleans":{"status":"Healthy"' "$work/body"
}
form_start=$(date +%s)
want_s1=0 want_s2=0 want_table=0 want_admin=0
while :; do
  check_alive "the cluster forms"
  [ "$want_s1" = 1 ] || { [ "$(http "$ns_s1" http://127.0.0.1:5081/health)" = 200 ] && want_s1=1 && ok "s1 /health 200 (127.0.0.1:5081 inside $ns_s1)"; } || true
  [ "$want_s2" = 1 ] || { [ "$(http "$ns_s2" http://127.0.0.1:5081/health)" = 200 ] && want_s2=1 && ok "s2 /health 200 (127.0.0.1:5081 inside $ns_s2)"; } || true
  if [ "$want_table" = 0 ]; then
    rows=$(membership)
    if grep -qx "s1 $ip_s1:11111 gw 30000 status 3" <<<"$rows" && grep -qx "s2 $ip_s2:11111 gw 30000 status 3" <<<"$rows" \
       && [ "$(grep -c 'status 3$' <<<"$rows")" = 2 ]; then
      want_table=1
      ok "membership table: 2 active silos: $(grep 'status 3$' <<<"$rows" | cut -d' ' -f1,2 | paste -sd, | sed 's/,/, /g')"
      # The Admin starts once both gateways are in the table, so that its first gateway list holds both (a client
      # reads the list again only every minute).
      start_process admin
      ok "started the Admin in $ns_admin"
    fi
  fi
  if [ "$want_admin" = 0 ] && [ -n "${pid_of[admin]:-}" ] && admin_healthy; then
    want_admin=1
    ok "Admin $admin_url/health 200, orleans Healthy: $(grep -o '"description":"Kluster[^"]*"' "$work/body" | cut -d'"' -f4)"
  fi
  [ "$want_s1$want_s2$want_table$want_admin" = 1111 ] && break
  if [ "$(elapsed "$form_start")" -ge "$form_timeout" ]; then
    echo "membership table now:" >&2; membership >&2
    missing=""
    [ "$want_s1" = 1 ] || missing="$missing s1"
    [ "$want_s2" = 1 ] || missing="$missing s2"
    [ "$want_admin" = 1 ] || missing="$missing admin"
    fail "the cluster did not form within ${form_timeout}s (silo /health, 2 active rows, Admin /health)" $missing postgres
  fi
  sleep 1
done
form_seconds=$(elapsed "$form_start")

# The silos listen on their LAN address (listenOnAnyHostAddress: false), the Admin on its own, nothing on 0.0.0.0.
for name in s1 s2; do
  address=$ip_s1; [ "$name" = s2 ] && address=$ip_s2
  sockets=$(ip netns exec "${ns_of[$name]}" ss -Hltn | awk '{print $4}' | sort | tr '\n' ' ')
  for want in "$address:11111" "$address:30000" "127.0.0.1:5081"; do
    grep -qw -- "$want" <<<"$sockets" || fail "$name does not listen on $want (it listens on: $sockets)" "$name"
  done
  if grep -qE '(^| )(0\.0\.0\.0|\*|\[::\]):(11111|30000) ' <<<"$sockets"; then fail "$name listens on every address: $sockets" "$name"; fi
done
sockets=$(ip netns exec "$ns_admin" ss -Hltn | awk '{print $4}' | sort | tr '\n' ' ')
grep -qw -- "$ip_admin:5080" <<<"$sockets" || fail "the Admin does not listen on $ip_admin:5080 ($sockets)" admin
ok "silos listen on their advertised address only (s1: $ip_s1:11111 and :30000, s2: $ip_s2:11111 and :30000), the Admin on $ip_admin:5080; cluster formed in ${form_seconds}s"

# ---------------------------------------------------------------------------------------------------------------------
# 6. Requests, from a browser on another machine (kapuas-db): sign in, the dashboard, an API key, grain-backed API calls.
# ---------------------------------------------------------------------------------------------------------------------
client=$ns_db
jar=$work/cookies
token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' "$work/body" | head -n 1; }
[ "$(http "$client" -c "$jar" -b "$jar" "$admin_url/Account/Login")" = 200 ] || fail "GET /Account/Login from $client" admin
t=$(token); [ -n "$t" ] || fail "no antiforgery token on /Account/Login" admin
status=$(http "$client" -c "$jar" -b "$jar" --data-urlencode "Input.UserName=admin" --data-urlencode "Input.Password=$admin_password" \
  --data-urlencode "__RequestVerificationToken=$t" "$admin_url/Account/Login")
[ "$status" = 302 ] || fail "sign-in as admin (answered $status)" admin
dashboard_ok() {
  [ "$(http "$client" -c "$jar" -b "$jar" "$admin_url/")" = 200 ] && grep -qE '<strong class="ok">' "$work/body"
}
dashboard_ok || fail "the dashboard (GET /) does not show the cluster as reachable" admin
ok "signed in as admin from $client; the dashboard shows the cluster reachable"

[ "$(http "$client" -c "$jar" -b "$jar" "$admin_url/Users")" = 200 ] || fail "GET /Users" admin
user_id=$(grep -o 'action="/Users?[^"]*handler=IssueKey[^"]*"' "$work/body" | grep -o 'id=[0-9a-fA-F-]*' | head -n 1 | cut -d= -f2 || true)
t=$(token)
[ -n "$user_id" ] && [ -n "$t" ] || fail "no API key form on /Users" admin
status=$(http "$client" -c "$jar" -b "$jar" --data-urlencode "keyName=netns-cluster" --data-urlencode "__RequestVerificationToken=$t" \
  "$admin_url/Users?handler=IssueKey&id=$user_id")
[ "$status" = 302 ] || fail "issuing an API key (answered $status)" admin
[ "$(http "$client" -c "$jar" -b "$jar" "$admin_url/Users")" = 200 ] || fail "GET /Users after issuing the key" admin
api_key=$(grep -o 'kpk_[A-Za-z0-9_-]*' "$work/body" | head -n 1 || true)
[ -n "$api_key" ] || fail "the issued API key is not shown on /Users" admin
ok "issued an API key on /Users"

api() { http "$client" -H "X-Api-Key: $api_key" -H 'Content-Type: application/json' "$@"; }
register() { # SERIAL -> worker id
  local serial=$1 status
  status=$(api --data "{\"nik\":\"620301120488$(printf '%04d' "$serial")\",\"name\":\"Netns Pekerja $serial\",\"sex\":\"Male\",\"birthDate\":\"1988-04-12\",\"kecamatan\":\"Selat\",\"desa\":\"Selat Hulu\",\"occupation\":\"nelayan\",\"phone\":\"081234567890\"}" \
    "$admin_url/api/workers")
  [ "$status" = 201 ] || { echo "POST /api/workers answered $status: $(head -c 300 "$work/body")" >&2; return 1; }
  grep -o '"id":"[0-9a-fA-F-]*"' "$work/body" | head -n 1 | cut -d'"' -f4 || true
}
read_back() { # SERIAL ID
  [ "$(api "$admin_url/api/workers/$2")" = 200 ] && grep -q "\"name\":\"Netns Pekerja $1\"" "$work/body"
}
declare -A worker=()
for serial in 1 2 3 4 5 6 7 8; do
  worker[$serial]=$(register "$serial") || fail "registering worker $serial through the API (worker grain)" admin s1 s2
done
for serial in "${!worker[@]}"; do
  read_back "$serial" "${worker[$serial]}" || fail "reading worker $serial back through the API" admin s1 s2
done
ok "registered 8 workers through POST /api/workers (worker grains on the silos) and read each back"

# The Admin talks to both gateways (found through the membership table), so that cutting s2 off matters to it.
gateway_wait=$(date +%s)
until [ "$(ip netns exec "$ns_admin" ss -Htn state established "( dport = :30000 )" | awk '{print $4}' | cut -d: -f1 | sort -u | paste -sd' ')" = "$ip_s1 $ip_s2" ]; do
  [ "$(elapsed "$gateway_wait")" -lt "$form_timeout" ] || fail "the Admin is not connected to both gateways ($ip_s1:30000 and $ip_s2:30000): $(ip netns exec "$ns_admin" ss -Htn state established)" admin
  for serial in "${!worker[@]}"; do read_back "$serial" "${worker[$serial]}" || true; done
  sleep 1
done
ok "the Admin holds connections to both gateways, $ip_s1:30000 and $ip_s2:30000"

# ---------------------------------------------------------------------------------------------------------------------
# 7. Silo 2's machine is cut off the LAN: the cluster declares it dead, the Admin carries on through silo 1.
# ---------------------------------------------------------------------------------------------------------------------
admin_healthy || fail "Admin /health just before the cut" admin
health_before=$(grep -o '"description":"Kluster[^"]*"' "$work/body" | grep -oE 'S[0-9.]+:11111' | head -n 1 || true)
ip -n "$ns_lan" link set p-s2 down
cut_at=$(date +%s)
cut_off=1
ip netns exec "$ns_s1" timeout 3 bash -c "exec 3<>/dev/tcp/$ip_s2/11111" 2>/dev/null && fail "s2 still reachable from s1 after cutting p-s2"
PGCONNECT_TIMEOUT=3 psql_lan "$ns_s2" 'SELECT 1' >/dev/null 2>&1 && fail "PostgreSQL still reachable from s2 after cutting p-s2"
ok "cut $ns_s2 off the LAN (bridge port p-s2 down)"

while :; do
  check_alive "s2 declared dead" s1 admin
  rows=$(membership)
  if grep -qx "s2 $ip_s2:11111 gw 30000 status 6" <<<"$rows"; then break; fi
  if [ "$(elapsed "$cut_at")" -ge "$dead_timeout" ]; then
    echo "membership table now:" >&2; echo "$rows" >&2
    fail "s2 was not declared dead within ${dead_timeout}s of the cut" s1 admin
  fi
  sleep 1
done
dead_seconds=$(elapsed "$cut_at")
grep -qx "s1 $ip_s1:11111 gw 30000 status 3" <<<"$rows" || fail "s1 is not active any more: $rows" s1
ok "membership table: s2 Dead (status 6) ${dead_seconds}s after the cut; s1 still active"

# The Admin's gateway list follows the table: requests succeed again through s1.
recover_start=$(date +%s)
while :; do
  check_alive "the Admin recovers" s1 admin
  if admin_healthy; then
    all=1
    for serial in "${!worker[@]}"; do read_back "$serial" "${worker[$serial]}" || { all=0; break; }; done
    [ "$all" = 1 ] && break
  fi
  if [ "$(elapsed "$recover_start")" -ge "$form_timeout" ]; then
    fail "the Admin did not serve requests through s1 within ${form_timeout}s of s2 being declared dead (last: $(head -c 300 "$work/body"))" admin s1
  fi
  sleep 1
done
recover_seconds=$(elapsed "$recover_start")
since_cut=$(elapsed "$cut_at")
ok "the Admin serves again ${recover_seconds}s after s2 was declared dead (${since_cut}s after the cut)"

# Then every request succeeds, not just one.
for i in 1 2 3; do
  admin_healthy || fail "Admin /health after the cut (try $i): $(head -c 300 "$work/body")" admin s1
done
description=$(grep -o '"description":"Kluster[^"]*"' "$work/body" | cut -d'"' -f4 || true)
grep -q "$ip_s1" <<<"$description" || fail "the health grain does not answer from s1: $description" admin s1
ok "Admin /health Healthy 3 times in a row: $description"
[ "$health_before" != "S$ip_s2:11111" ] || ok "the health grain, which lived on s2 before the cut, now answers from s1"
for serial in "${!worker[@]}"; do
  read_back "$serial" "${worker[$serial]}" || fail "reading worker $serial after the cut" admin s1
done
ok "all 8 workers read back through the API after the cut (any that lived on s2 reactivated on s1 from PostgreSQL)"
new_id=$(register 9) || fail "registering a worker after the cut" admin s1
read_back 9 "$new_id" || fail "reading back the worker registered after the cut" admin s1
dashboard_ok || fail "the dashboard after the cut does not show the cluster reachable" admin s1
ok "registered and read back a new worker, and the dashboard shows the cluster reachable, with s2 cut off"

echo "netns-cluster: cluster formed in ${form_seconds}s; s2 declared dead ${dead_seconds}s after the cut; Admin serving again ${since_cut}s after the cut; wall time $(elapsed)s"
teardown
echo "netns-cluster: passed"
