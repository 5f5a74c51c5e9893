#!/usr/bin/env bash
# serve.sh measures wirecopy serve under concurrent large checks: N
# (default 8) POST /api/check requests of a BODY-byte article (default
# 4 MiB less 1 KiB, just under serve's --max-body) sent at once, against
# an archive of a newsgen corpus of SIZE (default 10MB). It prints each
# request's status and time, then serve's peak resident memory (GNU
# time) once it has been stopped with SIGINT.
#
# Usage: bench/serve.sh [SIZE]
#
# N and BODY choose the load; ROUNDS (default 1) sends it that many
# times in a row.
set -euo pipefail

size=${1:-10MB}
n=${N:-8}
body=${BODY:-$((4 * 1024 * 1024 - 1024))}
rounds=${ROUNDS:-1}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
serve_pid=
trap '[[ -n $serve_pid ]] && kill "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
. "$root/bench/lib.sh"
need_gnu_time serve.sh

cd "$root"
go build -o "$tmp/wirecopy" ./cmd/wirecopy
go build -o "$tmp/newsgen" ./bench/newsgen
corpus=$(cached_corpus "$tmp/newsgen" "$size" 1)
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3-), wirecopy $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
"$tmp/wirecopy" index --db "$tmp/a.wca" "$corpus" >/dev/null

# The article: the texts of another corpus (so that some of it is
# archived copy and most is not), paragraphs as they are, cut at BODY.
other=$(cached_corpus "$tmp/newsgen" 8MB 2)
jq -r '.text + "\n"' "$other" >"$tmp/texts.txt"
head -c "$body" "$tmp/texts.txt" >"$tmp/article.txt"
echo "article: $(wc -c <"$tmp/article.txt") bytes; $n concurrent requests x $rounds round(s)"

/usr/bin/time -f '%M' -o "$tmp/rss" "$tmp/wirecopy" serve --db "$tmp/a.wca" --addr 127.0.0.1:0 2>"$tmp/serve.err" &
serve_pid=$!
addr=
for _ in $(seq 100); do
	addr=$(grep -o 'http://[0-9.:]*' "$tmp/serve.err" || true)
	[[ -n $addr ]] && break
	sleep 0.1
done
[[ -n $addr ]] || { cat "$tmp/serve.err" >&2; exit 1; }

for round in $(seq "$rounds"); do
	for i in $(seq "$n"); do
		curl -s -o /dev/null -w "round $round request $i: %{http_code} in %{time_total} s\n" \
			--data-binary @"$tmp/article.txt" "$addr/api/check" &
	done
	wait $(jobs -p | grep -v "^$serve_pid$") 2>/dev/null || true
done

# GNU time runs serve as its child: stop serve itself, then wait for time.
pkill -INT -P "$serve_pid" -x wirecopy || true
wait "$serve_pid" || true
serve_pid=
grep -v '^wirecopy: serving\|^wirecopy: stopped' "$tmp/serve.err" || true
awk '{ printf "serve peak RSS: %.0f MiB\n", $1 / 1024 }' "$tmp/rss"
