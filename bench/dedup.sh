#!/usr/bin/env bash
# dedup.sh measures `wirecopy dedup` on a generated news corpus with known
# duplicates: wall time, throughput of text end to end and peak resident
# memory, then its precision, recall and F1 against the generator's gold
# labels, and the signing+LSH stage alone against ekzhu/minhash-lsh (Go)
# and datasketch (Python, when installed), side by side.
#
# Usage: bench/dedup.sh [SIZE [UNIT [SAMPLE]]]
#
#   SIZE    corpus size for bench/newsgen (default 1GB)
#   UNIT    document (default) or paragraph
#   SAMPLE  documents for the signing+LSH comparison (default 20000)
#
# Environment:
#   SEED         newsgen seed (default 1)
#   DEDUP_FLAGS  extra flags for wirecopy dedup, e.g. "--workers 4"
#   SKIP_EVAL    set to skip the F1 run (it reads the corpus once more)
#
# The corpus is cached in bench/.cache/ exactly as scan.sh caches it (by
# size, seed and a hash of the generator's source) and read from a warm
# page cache. Peak memory comes from GNU time.
set -euo pipefail

size=${1:-1GB}
unit=${2:-document}
sample=${3:-20000}
seed=${SEED:-1}
read -r -a dedup_flags <<<"${DEDUP_FLAGS:-}"

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$root/bench/lib.sh"
need_gnu_time dedup.sh

cd "$root"
echo "building wirecopy, newsgen and lshcompare" >&2
go build -o "$tmp/wirecopy" ./cmd/wirecopy
go build -o "$tmp/newsgen" ./bench/newsgen
(cd bench/lshcompare && go build -o "$tmp/lshcompare" .)

corpus=$(cached_corpus "$tmp/newsgen" "$size" "$seed")
gold=${corpus%.jsonl}.gold.tsv
bytes=$(wc -c <"$corpus")

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || true)
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, $(go version | cut -d' ' -f3-), wirecopy $rev, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: $corpus ($bytes bytes)"

# End to end: both passes, output and removed file written.
start=$(date +%s%N)
if ! "$timer" -v -o "$tmp/time.txt" "$tmp/wirecopy" dedup --unit "$unit" "${dedup_flags[@]}" "$corpus" \
	-o "$tmp/out.jsonl" --removed "$tmp/removed.jsonl" 2>"$tmp/dedup.err"; then
	echo "dedup.sh: wirecopy dedup failed:" >&2
	cat "$tmp/dedup.err" "$tmp/time.txt" >&2
	exit 1
fi
end=$(date +%s%N)
grep '^dedup:' "$tmp/dedup.err"
awk -F': ' -v a="$start" -v b="$end" -v bytes="$bytes" -v unit="$unit" '/Maximum resident set size/ { kb = $2 }
	/User time/ { cpu += $2 } /System time/ { cpu += $2 }
	END { s = (b - a) / 1e9; printf "dedup --unit %s: %.0f MB in %.1f s, %.1f MB/s end to end, %.0f MiB peak RSS; %.1f CPU seconds (%.1f MB per CPU second)\n", unit, bytes / 1e6, s, bytes / 1e6 / s, kb / 1024, cpu, bytes / 1e6 / cpu }' "$tmp/time.txt"

if [[ -z ${SKIP_EVAL:-} ]]; then
	echo "quality against the generator's labels (wirecopy eval --dedup --unit $unit):"
	"$tmp/wirecopy" eval --dedup --unit "$unit" "${dedup_flags[@]}" --gold "$gold" "$corpus" | sed 's/^/  /'
fi

echo "signing+LSH alone, first $sample documents:"
"$tmp/lshcompare" -in "$corpus" -docs "$sample" -datasketch "$root/bench/lshcompare/datasketch.py" | sed 's/^/  /'
