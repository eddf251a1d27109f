#!/usr/bin/env bash
# Checks the systemd units in deploy/systemd/ with `systemd-analyze verify` (and, where this systemd can, their
# exposure with `systemd-analyze security --offline`), on a machine that need not have the kapuas user, /opt/kapuas or
# /etc/kapuas. Exits 0 when the units are clean, 1 on any error or warning, 2 when it cannot check at all.
#
#   deploy/verify-units.sh              the units beside this script
#   deploy/verify-units.sh DIR          the units in DIR (a deliberately broken copy, say)
#
# What it does: copies the units into a temporary folder (removed on exit), points ExecStart= at a dotnet that exists
# here if /usr/bin/dotnet does not (verify only checks that the program is executable), and verifies all units
# together (kapuas-silo@.service as instance 1), so that the Requires= on kapuas-migrate.service resolves.
# systemd-analyze prints unknown keys and bad values as warnings yet exits 0: any line it prints counts as a failure
# here, except lines that only say an installation path or the kapuas user is missing on this machine.
# It needs no network and runs as any user.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
units=${1:-$here/systemd}
env_examples=$here/env
max_exposure=${KAPUAS_MAX_EXPOSURE:-3.0}

analyze=$(command -v systemd-analyze || true)
[ -n "$analyze" ] || { echo "systemd-analyze not found (Debian package systemd)" >&2; exit 2; }
[ -d "$units" ] || { echo "no unit folder $units" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kapuas-units.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

shopt -s nullglob
files=("$units"/*.service "$units"/*.timer)
[ ${#files[@]} -gt 0 ] || { echo "no units in $units" >&2; exit 2; }
cp "${files[@]}" "$work/"

# The program the units start. Debian's dotnet packages put it at /usr/bin/dotnet; Microsoft's install script and the
# SDK tarball at /usr/share/dotnet/dotnet. Only whether it is executable matters to verify.
if [ ! -x /usr/bin/dotnet ]; then
  stand_in=$(command -v dotnet || true)
  [ -n "$stand_in" ] || stand_in=/usr/share/dotnet/dotnet
  [ -x "$stand_in" ] || stand_in=$(command -v true)
  sed -i "s#/usr/bin/dotnet #$stand_in #" "$work"/*.service
  echo "note: /usr/bin/dotnet missing here; ExecStart= checked with $stand_in"
fi

# Each unit to verify; a template as its instance 1.
names=()
for f in "$work"/*; do
  name=$(basename "$f")
  case "$name" in
    *@.service) names+=("$work/${name%@.service}@1.service") ;;
    *) names+=("$f") ;;
  esac
done

# Lines that only report what this machine lacks compared with a server (paths of the installation, the user).
machine_specific='(/opt/kapuas|/etc/kapuas|/var/lib/kapuas|/var/backups/kapuas|[Uu]ser .?kapuas|kapuas: no such)'

echo "systemd-analyze verify (${analyze}, $("$analyze" --version | head -n 1))"
output=$(cd "$work" && "$analyze" verify --man=no "${names[@]}" 2>&1)
rc=$?
while IFS= read -r line; do
  [ -n "$line" ] || continue
  if [[ "$line" =~ $machine_specific ]]; then
    echo "  ignored (not on this machine): $line"
  else
    echo "  $line"
    fail "systemd-analyze verify: $line"
  fi
done <<< "$output"
if [ $rc -ne 0 ] && [ $failed -eq 0 ]; then
  # A non-zero exit whose every line was only about a missing path is still reported, never silently passed.
  fail "systemd-analyze verify exited $rc"
fi

# Exposure: each long-running unit must keep its hardening (systemd 250 and later can score a unit file offline).
if "$analyze" security --help 2>/dev/null | grep -q -- '--offline'; then
  for unit in "${names[@]}"; do
    score=$(cd "$work" && "$analyze" security --offline=true --no-pager "$unit" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
    if [ -z "$score" ]; then
      fail "systemd-analyze security gave no score for $(basename "$unit")"
    elif awk -v s="$score" -v m="$max_exposure" 'BEGIN { exit !(s > m) }'; then
      fail "$(basename "$unit") exposure $score is above $max_exposure"
    else
      echo "  exposure $(basename "$unit"): $score (at most $max_exposure)"
    fi
  done
else
  echo "note: this systemd cannot score unit files offline; exposure not checked"
fi

# Every EnvironmentFile= a unit reads has its example in deploy/env/ (silo-%i.env: silo-1.env.example).
if [ -d "$env_examples" ]; then
  for f in "$work"/*.service; do
    while IFS= read -r path; do
      example="$env_examples/$(basename "${path//%i/1}").example"
      [ -f "$example" ] || fail "$(basename "$f") reads $path but $example is missing"
    done < <(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$f")
  done
fi

if [ $failed -ne 0 ]; then
  echo "Units NOT clean." >&2
  exit 1
fi
echo "Units clean: ${#names[@]} verified."
