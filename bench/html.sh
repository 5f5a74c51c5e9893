#!/usr/bin/env bash
# html.sh measures the HTML report on a generated news corpus: the page's
# size (plain and gzipped) and, in headless Chromium, the time to load it,
# to filter its clusters by a source and to open every cluster
# (report.TestHTMLBrowserLoad, which only reports figures).
#
# Usage: bench/html.sh [SIZE]
#
#   SIZE  corpus size for bench/newsgen, e.g. 20MB (default)
#
# Environment: SEED (newsgen seed, default 1), WIRECOPY_BROWSER (a
# Chromium to use instead of the one on PATH). The corpus and the page
# are kept in bench/.cache/.
set -euo pipefail

size=${1:-20MB}
seed=${SEED:-1}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=$root/bench/.cache
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
mkdir -p "$cache"

go build -o "$tmp/wirecopy" ./cmd/wirecopy
corpus=$cache/news-$size-seed$seed.jsonl
if [[ ! -s $corpus ]]; then
	go run ./bench/newsgen -size "$size" -seed "$seed" -o "$corpus.tmp"
	mv "$corpus.tmp" "$corpus"
fi
page=$cache/news-$size-seed$seed.html
/usr/bin/env time -f "scan --format html: %e s, %M KiB peak RSS" "$tmp/wirecopy" scan --format html -o "$page" "$corpus"

rev=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), wirecopy $rev"
echo "corpus: $corpus ($(wc -c <"$corpus") bytes)"
echo "page: $(wc -c <"$page") bytes, $(gzip -c "$page" | wc -c) gzipped"
go test ./report -count=1 -run '^TestHTMLBrowserLoad$' -load "$page" -v 2>&1 | sed -n 's/^ *html_browser_test.go:[0-9]*: /browser: /p'
