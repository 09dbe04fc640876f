#!/usr/bin/env bash
# Load run: Byline serving a cached demo article vs nginx serving the same
# HTML bytes from disk, side by side on this machine, with wrk.
# Needs: wrk and nginx (Debian packages "wrk" and "nginx-light").
# Usage: scripts/bench-vs-nginx.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
conns="${2:-64}"
work="$(mktemp -d)"
chmod 755 "$work" # nginx workers run as another user
trap 'kill $(jobs -p) 2>/dev/null || true; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT

go build -o "$work/byline" ./cmd/byline
"$work/byline" demo --addr 127.0.0.1:18190 --data "$work/data" --log-level warn >"$work/demo.log" 2>&1 &
for _ in $(seq 1 100); do curl -fs http://127.0.0.1:18190/healthz >/dev/null && break; sleep 0.1; done

path=/articles/ferrier-street-bridge-closure
mkdir -p "$work/www/articles"
curl -fs "http://127.0.0.1:18190$path" >"$work/www/articles/ferrier-street-bridge-closure.html"
# nginx gets the page pre-compressed too, as Byline keeps it in its cache.
gzip -k -5 "$work/www/articles/ferrier-street-bridge-closure.html"

cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  gzip_static on;
  etag on;
  server {
    listen 127.0.0.1:18191;
    root $work/www;
    location / { try_files \$uri.html =404; }
  }
}
CONF
nginx -c "$work/nginx.conf"
sleep 0.5

curl -fsS -o /dev/null -H "Accept-Encoding: gzip" "http://127.0.0.1:18191$path" # fail early if nginx does not serve the page
echo "bytes: byline $(curl -fs -H 'Accept-Encoding: gzip' http://127.0.0.1:18190$path | wc -c) gzip," \
     "nginx $(curl -fs -H 'Accept-Encoding: gzip' http://127.0.0.1:18191$path | wc -c) gzip"
for target in "byline http://127.0.0.1:18190$path" "nginx http://127.0.0.1:18191$path"; do
	set -- $target
	echo "== $1 (wrk -t2 -c$conns -d${secs}s, Accept-Encoding: gzip)"
	wrk -t2 -c"$conns" -d"${secs}s" -H 'Accept-Encoding: gzip' "$2" | grep -E 'Requests/sec|Latency|Transfer/sec'
done
echo "note: nginx runs two worker processes, Byline GOMAXPROCS=2; wrk shares the same 2 cores."
