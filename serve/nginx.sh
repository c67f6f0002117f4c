#!/bin/sh
# Serves a built folder with nginx as a deployment would: precompressed `.br`/`.gz` files sent as they are,
# immutable caching for content-hashed names, revalidation for the rest, CORS for embedding from other origins,
# and the strict Content-Security-Policy of the demo news site under /news-site/.
# Usage: serve/nginx.sh ROOT PORT [PORT...]   (runs in the foreground; Ctrl-C or SIGTERM stops it)
set -eu
root=$(cd "$1" && pwd)
shift
[ $# -ge 1 ] || { echo "usage: serve/nginx.sh ROOT PORT [PORT...]" >&2; exit 2; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is missing: make setup installs it" >&2; exit 1; }
prefix=$(mktemp -d "${TMPDIR:-/tmp}/tidings-nginx.XXXXXX")
here=$(cd "$(dirname "$0")" && pwd)
listen=""
for port in "$@"; do listen="$listen    listen 127.0.0.1:$port;
"; done
brotli=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
{
  [ -f "$brotli" ] && echo "load_module $brotli;"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@ROOT@|$root|g" "$here/nginx.conf" | awk -v listen="$listen" '{ if ($0 ~ /@LISTEN@/) printf "%s", listen; else print }'
  [ -f "$brotli" ] || echo "# brotli_static module missing: .br files are not used" >&2
} > "$prefix/nginx.conf"
[ -f "$brotli" ] || sed -i '/brotli_static/d' "$prefix/nginx.conf"
PATH="$PATH:/usr/sbin" nginx -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" -g "daemon off; master_process off;" &
nginx=$!
# Whoever stops this script (a test run, the benchmark) stops nginx with it: an nginx left behind would keep the
# port and go on serving its folder to the next run.
trap 'kill "$nginx" 2>/dev/null; wait "$nginx"; rm -rf "$prefix"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
wait "$nginx"
