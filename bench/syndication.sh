#!/usr/bin/env bash
# syndication.sh measures wirecopy on heavy syndication: a newsgen corpus
# in which every story is carried by OUTLETS outlets (newsgen
# -outlets-per-story), so every cluster has about OUTLETS members and the
# article pairs run to thousands. It times `gzip -1` on the corpus (the
# yardstick), then `wirecopy scan --format json` and `--format html`:
# wall time, peak resident memory and the size of what each writes.
#
# Usage: bench/syndication.sh [SIZE [OUTLETS]]
#
#   SIZE     corpus size for bench/newsgen (default 50MB)
#   OUTLETS  outlets per story (default 114)
#
# Environment:
#   SEED      newsgen seed (default 1)
#   WIRECOPY  a wirecopy binary to measure instead of building ./cmd/wirecopy
#             (an older build, to compare)
#
# The corpus is cached in bench/.cache/ like scan.sh's; the reports are
# written to a temporary folder and removed.
set -euo pipefail

size=${1:-50MB}
outlets=${2:-114}
seed=${SEED:-1}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$root/bench/lib.sh"
need_gnu_time syndication.sh

cd "$root"
wirecopy_binary
go build -o "$tmp/newsgen" ./bench/newsgen
corpus=$(cached_corpus "$tmp/newsgen" "$size" "$seed" -outlets-per-story "$outlets")

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || true)
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, load average $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3-), wirecopy $rev"
echo "corpus: $corpus ($(wc -c <"$corpus") bytes, every story at $outlets outlets)"

start=$(date +%s%N)
gzip -1 -c "$corpus" >/dev/null
end=$(date +%s%N)
gz=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
echo "gzip -1: $gz s"

for format in json html; do
	out=$tmp/report.$format
	start=$(date +%s%N)
	if ! "$timer" -v -o "$tmp/time.txt" "$wirecopy" scan --format "$format" -o "$out" "$corpus" 2>"$tmp/scan.err"; then
		echo "syndication.sh: wirecopy scan --format $format failed:" >&2
		cat "$tmp/scan.err" "$tmp/time.txt" >&2
		exit 1
	fi
	end=$(date +%s%N)
	kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
	awk -v f="$format" -v a="$start" -v b="$end" -v gz="$gz" -v kb="$kb" -v out="$(wc -c <"$out")" 'BEGIN {
		s = (b - a) / 1e9
		printf "scan --format %s: %.1f s (%.1fx gzip -1), %.0f MiB peak RSS, report %.1f MB\n", f, s, s / gz, kb / 1024, out / 1e6
	}'
done
