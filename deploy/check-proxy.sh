#!/usr/bin/env bash
# Checks the reverse-proxy configurations in deploy/ with the proxies' own tools, where they are installed:
#   nginx -t  on deploy/nginx/kapuas.conf, inside a throwaway nginx.conf, with a throwaway self-signed certificate
#             standing in for certbot's files and the log paths moved into the temporary folder;
#   caddy validate (and caddy fmt) on deploy/caddy/Caddyfile.
# Exits 1 when a tool finds an error (or Caddy a warning), 0 otherwise; a proxy that is not installed is reported as
# skipped. Needs no network (Caddy's validate obtains no certificate) and removes what it created.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kapuas-proxy.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
failed=0

nginx_bin=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
if [ -n "$nginx_bin" ] && command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=kapuas.example.id" \
    -keyout "$work/privkey.pem" -out "$work/fullchain.pem" >/dev/null 2>&1
  sed -e "s#/etc/letsencrypt/live/kapuas.example.id/#$work/#" -e "s#/var/log/nginx/#$work/#" \
    "$here/nginx/kapuas.conf" > "$work/kapuas.conf"
  cat > "$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
    access_log $work/access.log;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    include $work/kapuas.conf;
}
CONF
  if out=$("$nginx_bin" -t -q -p "$work" -c "$work/nginx.conf" 2>&1); then
    echo "nginx -t: deploy/nginx/kapuas.conf is valid ($("$nginx_bin" -v 2>&1))"
  else
    echo "nginx -t failed on deploy/nginx/kapuas.conf:" >&2; echo "$out" >&2; failed=1
  fi
else
  echo "nginx -t: skipped (nginx or openssl not installed)"
fi

if command -v caddy >/dev/null; then
  out=$(cd "$work" && HOME="$work" XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work" \
    caddy validate --config "$here/caddy/Caddyfile" --adapter caddyfile 2>&1)
  rc=$?
  warnings=$(grep '"level":"\(warn\|error\)"' <<< "$out" || true)
  if [ $rc -ne 0 ] || [ -n "$warnings" ]; then
    echo "caddy validate failed or warned on deploy/caddy/Caddyfile:" >&2; echo "$out" >&2; failed=1
  elif ! caddy fmt "$here/caddy/Caddyfile" | cmp -s - "$here/caddy/Caddyfile"; then
    echo "caddy fmt would reformat deploy/caddy/Caddyfile (run: caddy fmt --overwrite deploy/caddy/Caddyfile)" >&2; failed=1
  else
    echo "caddy validate: deploy/caddy/Caddyfile is valid ($(caddy version | cut -d' ' -f1))"
  fi
else
  echo "caddy validate: skipped (caddy not installed)"
fi
exit $failed
