#!/usr/bin/env bash
# xlshare.sh measures, on a parallel corpus like ../shared/eval/xl-multi-dev
# (documents "LANG-N": paragraph N in language LANG), the share of English
# paragraphs whose translation into each other language shares a cluster
# with them, and the pairwise precision, recall and F1 of `wirecopy eval`.
# Extra arguments go to wirecopy scan and eval.
#
# Usage: bench/xlshare.sh [DATA.jsonl [FLAGS...]]
#   default DATA: ../shared/eval/xl-multi-dev.jsonl (gold labels beside it)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data=${1:-$root/../shared/eval/xl-multi-dev.jsonl}
shift || true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/bench/lib.sh"
wirecopy_binary
"$wirecopy" scan --format json "$@" "$data" >"$tmp/out.json"
printf "lang\tshare\tjoined/English\n"
total=$(grep -c '"id": "en-' "$data")
jq -r --argjson total "$total" '
	[.clusters[] | .id as $c | .members[] | {doc, c: $c}] as $m
	| ($m | map({key: .doc, value: .c}) | from_entries) as $of
	| ["fr", "es", "it", "pt", "pl"][] as $l
	| [range(0; 10000) | tostring | select($of["en-" + .] != null and $of["en-" + .] == $of[$l + "-" + .])] | length
	| "\($l)\t\(. / $total * 10000 | round / 10000)\t\(.)/\($total)"
' "$tmp/out.json"
"$wirecopy" eval --gold "${data%.jsonl}.gold.tsv" "$@" "$data"
