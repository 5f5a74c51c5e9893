#!/usr/bin/env bash
# peer.sh times wirecopy dedup against the peer in ../shared/peers:
# datasketch_dedup.py (text-dedup's MinHash recipe with datasketch: word
# 3-grams, 128 permutations, MinHashLSH at 0.5), on the first SIZE of the
# realnews corpus of ../shared/bench, alternating the two RUNS times.
# The peer runs on one core (Python, single-threaded); dedup on every
# core (--workers: one per core). gzip -1 on the same file is the
# yardstick the other benchmarks use.
#
# Usage: bench/peer.sh [SIZE_MB [RUNS]]
#
#   SIZE_MB  megabytes of realnews (default 20)
#   RUNS     runs of each (default 2)
#
# Environment:
#   WIRECOPY  a wirecopy binary to measure instead of building ./cmd/wirecopy
#
# The peer needs Debian's python3-numpy and python3-scipy for
# /usr/bin/python3 (PyPI is not reachable here); without them, or without
# ../shared, it is skipped with a line saying why.
set -euo pipefail

size=${1:-20}
runs=${2:-2}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=$root/../shared
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [[ ! -f $shared/bench/realnews.py ]]; then
	echo "peer.sh: $shared/bench/realnews.py not found: skipped" >&2
	exit 0
fi
. "$root/bench/lib.sh"
wirecopy_binary

# realnews.py writes whole records up to the size asked for.
corpus=$root/bench/.cache/realnews-${size}MB.jsonl
if [[ ! -s $corpus ]]; then
	mkdir -p "$root/bench/.cache"
	echo "generating $corpus" >&2
	python3 "$shared/bench/realnews.py" "$corpus.tmp" "$size" >&2
	mv "$corpus.tmp" "$corpus"
fi
peer=$shared/peers/datasketch_dedup.py
if ! /usr/bin/python3 -c 'import numpy, scipy' 2>/dev/null; then
	echo "peer.sh: /usr/bin/python3 lacks numpy or scipy (apt-get install python3-numpy python3-scipy): the peer is skipped" >&2
	peer=
fi

seconds() { # prints the wall seconds of a command, its output dropped
	local start end
	start=$(date +%s.%N)
	"$@" >/dev/null
	end=$(date +%s.%N)
	awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}

echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3-4)"
echo "corpus: $corpus ($(stat -c %s "$corpus") bytes)"
echo "gzip -1: $(seconds gzip -1 -c "$corpus") s"
for run in $(seq "$runs"); do
	d=$(seconds "$wirecopy" dedup -q "$corpus" -o /dev/null)
	if [[ -n $peer ]]; then
		p=$(seconds /usr/bin/python3 "$peer" "$corpus" 0.5)
		awk -v r="$run" -v d="$d" -v p="$p" 'BEGIN { printf "run %d: wirecopy dedup %.2f s (both cores), datasketch %.2f s (one core): %.1fx\n", r, d, p, p / d }'
	else
		printf 'run %d: wirecopy dedup %.2f s (both cores)\n' "$run" "$d"
	fi
done
