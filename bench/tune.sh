#!/usr/bin/env bash
# Grid search behind wirecopy's quality defaults: runs `wirecopy eval` on a
# labelled set for each shingle size, threshold and minimum paragraph
# length, and prints one line per setting (F1 last, so `sort -k7 -n` ranks).
#
#   bench/tune.sh                      # dev set of testdata/reprints
#   bench/tune.sh test                 # the held-out test set, to check
#   SIZES="3" THRESHOLDS="0.5" bench/tune.sh
set -euo pipefail
cd "$(dirname "$0")/.."
set_name=${1:-dev}
data=testdata/reprints/$set_name.jsonl
gold=testdata/reprints/$set_name.gold.tsv
bin=$(mktemp -d)/wirecopy
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/wirecopy

printf '%-6s %-9s %-9s %-9s %-9s %-9s\n' size threshold minwords precision recall F1
for size in ${SIZES:-2 3 4 5}; do
	for th in ${THRESHOLDS:-0.3 0.4 0.5 0.6 0.7 0.8}; do
		for mw in ${MINWORDS:-10}; do
			out=$("$bin" eval --gold "$gold" --shingle-size "$size" --threshold "$th" --min-words "$mw" "$data")
			p=$(awk '/^precision/ {print $2}' <<<"$out")
			r=$(awk '/^recall/ {print $2}' <<<"$out")
			f=$(awk '/^F1/ {print $2}' <<<"$out")
			printf '%-6s %-9s %-9s %-9s %-9s %-9s\n' "$size" "$th" "$mw" "$p" "$r" "$f"
		done
	done
done
