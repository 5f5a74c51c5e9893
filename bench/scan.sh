#!/usr/bin/env bash
# scan.sh measures `wirecopy scan --format json` on a generated news corpus:
# wall time, peak resident memory and throughput of each run, then the
# medians, with the machine it ran on.
#
# Usage: bench/scan.sh [SIZE [RUNS]]
#
#   SIZE  corpus size for bench/newsgen, e.g. 100MB (default), 1GB
#   RUNS  number of timed scans (default 3)
#
# Environment:
#   SEED        newsgen seed (default 1)
#   SCAN_FLAGS  extra flags for wirecopy scan, e.g. "--workers 4"
#   WIRECOPY    a wirecopy binary to measure instead of building ./cmd/wirecopy
#
# The corpus is cached in bench/.cache/, named by size, seed and a hash of
# the generator's source, so it is made once and remade when newsgen
# changes. Runs read it from a warm page cache.
set -euo pipefail

size=${1:-100MB}
runs=${2:-3}
seed=${SEED:-1}
read -r -a scan_flags <<<"${SCAN_FLAGS:-}"

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
	echo "scan.sh: RUNS must be a positive number, not $runs" >&2
	exit 2
fi

. "$root/bench/lib.sh"
need_gnu_time scan.sh

cd "$root"
wirecopy_binary
go build -o "$tmp/newsgen" ./bench/newsgen

corpus=$(cached_corpus "$tmp/newsgen" "$size" "$seed")
bytes=$(wc -c <"$corpus")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }')

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || true)
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(go version | cut -d' ' -f3-), wirecopy $rev"
echo "corpus: $corpus ($bytes bytes)"

secs=()
rss=()
for ((i = 1; i <= runs; i++)); do
	start=$(date +%s%N)
	if ! "$timer" -v -o "$tmp/time.txt" "$wirecopy" scan --format json "${scan_flags[@]}" "$corpus" \
		>"$tmp/scan.json" 2>"$tmp/scan.err"; then
		echo "scan.sh: wirecopy scan failed:" >&2
		cat "$tmp/scan.err" "$tmp/time.txt" >&2
		exit 1
	fi
	end=$(date +%s%N)
	s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
	kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
	secs+=("$s")
	rss+=("$kb")
	awk -v n="$i" -v mb="$mb" -v s="$s" -v kb="$kb" -v b="$bytes" 'BEGIN {
		printf "run %d: scan %s MB: %.1f s, %.0f MiB peak RSS, %.1f MB/s\n", n, mb, s, kb / 1024, b / 1e6 / s
	}'
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
s=$(median "${secs[@]}")
kb=$(median "${rss[@]}")
awk -v runs="$runs" -v mb="$mb" -v s="$s" -v kb="$kb" -v b="$bytes" 'BEGIN {
	printf "median of %d: scan %s MB: %.1f s, %.0f MiB peak RSS, %.1f MB/s\n", runs, mb, s, kb / 1024, b / 1e6 / s
}'
