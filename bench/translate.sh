#!/usr/bin/env bash
# translate.sh scores cross-language matching on testdata/translations with
# `wirecopy eval` at default flags (languages detected, nothing labelled in
# the input): English with each other language alone, then all together,
# for the dev and test splits. Hard negatives (other stories sharing names)
# are in every subset. Extra arguments go to wirecopy eval, for example
# --cross-threshold 0.45 or --translate=false.
#
# Usage: bench/translate.sh [EVAL FLAGS...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/bench/lib.sh"
wirecopy_binary
data=$root/testdata/translations
printf '%-5s %-7s %5s %9s %7s %7s\n' split pair docs precision recall F1
for split in dev test; do
	for other in de es fr pl all; do
		if [[ $other == all ]]; then
			cp "$data/$split.jsonl" "$tmp/in.jsonl"
		else
			grep -E "\"id\": \"$split-(s[0-9]+p[0-9]+-(en|$other)|x[0-9]+-[a-z]+)\"" "$data/$split.jsonl" >"$tmp/in.jsonl"
		fi
		"$wirecopy" eval --gold "$data/$split.gold.tsv" "$@" "$tmp/in.jsonl" >"$tmp/out.txt"
		awk -v s="$split" -v o="en+$other" '
			$1 == "documents" { d = $2 } $1 == "precision" { p = $2 } $1 == "recall" { r = $2 } $1 == "F1" { f = $2 }
			END { printf "%-5s %-7s %5d %9s %7s %7s\n", s, o, d, p, r, f }' "$tmp/out.txt"
	done
done
