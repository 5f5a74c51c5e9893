#!/usr/bin/env bash
# archive.sh measures the archive: `wirecopy index` of a generated news
# corpus (throughput, peak resident memory, size on disk per paragraph),
# then the latency of checking 10-paragraph articles against it (median
# and 95th percentile over 50 articles, half reprints of archived
# documents, half fresh copy, measured inside one process by
# bench/checklat, twice), and one `wirecopy check` run end to end (wall
# time including process start, peak resident memory, which counts the
# archive pages check maps from the OS's file cache).
#
# Usage: bench/archive.sh [SIZE]
#
#   SIZE  corpus size for bench/newsgen (default 450MB: about a million
#         paragraphs)
#
# The corpus and the archive are cached in bench/.cache/ (named by size,
# seed and a hash of the generator's source); delete the .wca file to
# time indexing again.
set -euo pipefail

size=${1:-450MB}
seed=${SEED:-1}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/bench/lib.sh"
need_gnu_time archive.sh

cd "$root"
go build -o "$tmp/wirecopy" ./cmd/wirecopy
go build -o "$tmp/newsgen" ./bench/newsgen
go build -o "$tmp/checklat" ./bench/checklat

corpus=$(cached_corpus "$tmp/newsgen" "$size" "$seed")
fresh=$(cached_corpus "$tmp/newsgen" 2MB $((seed + 1000)))
db=${corpus%.jsonl}.wca
bytes=$(wc -c <"$corpus")

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || true)
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(go version | cut -d' ' -f3-), wirecopy $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "corpus: $corpus ($bytes bytes)"

if [[ ! -s $db ]]; then
	rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
	start=$(date +%s%N)
	"$timer" -v -o "$tmp/time.txt" "$tmp/wirecopy" index --db "$db" "$corpus" >"$tmp/index.out"
	end=$(date +%s%N)
	kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
	awk -v a="$start" -v b="$end" -v kb="$kb" -v bytes="$bytes" 'BEGIN {
		s = (b - a) / 1e9
		printf "index: %.1f s, %.1f MB/s, %.0f MiB peak RSS\n", s, bytes / 1e6 / s, kb / 1024
	}'
else
	echo "index: cached archive $db (delete it to time indexing)"
fi
"$tmp/wirecopy" stats --db "$db"

# Twice: the first run reads archive pages the OS may not have cached
# since indexing; the second is what a checker that runs all day sees.
for run in first second; do
	echo -n "check, $run run: "
	"$tmp/checklat" -db "$db" -reprints "$corpus" -fresh "$fresh" -n 50 -paragraphs 10
done

# One article end to end, as an editor runs it.
sed -n 1p "$fresh" >"$tmp/article.jsonl"
start=$(date +%s%N)
"$timer" -v -o "$tmp/time.txt" "$tmp/wirecopy" check --db "$db" "$tmp/article.jsonl" >/dev/null || [[ $? -eq 3 ]]
end=$(date +%s%N)
kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
awk -v a="$start" -v b="$end" -v kb="$kb" 'BEGIN {
	printf "wirecopy check of one article, end to end: %.0f ms, %.0f MiB peak RSS\n", (b - a) / 1e6, kb / 1024
}'
