#!/usr/bin/env bash
# tiny.sh measures what many tiny records cost: scan and dedup of N gzipped
# JSONL records of one or two words each (too short for any paragraph of
# --min-words words), peak resident memory and time for each, then the
# time a gzip stream of blank lines takes to read up to --max-input-bytes.
#
# Usage: bench/tiny.sh [N [BLANK]]
#
#   N      records (default 3000000: about 87 MB of JSONL, 11 MB gzipped)
#   BLANK  bytes of newlines in the blank-line stream (default 1GiB; the
#          default --max-input-bytes, 4GiB, takes four times as long)
#
# The inputs are cached in bench/.cache/. Peak memory comes from GNU time.
set -euo pipefail

n=${1:-3000000}
blank=${2:-1GiB}

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$root/bench/lib.sh"
need_gnu_time tiny.sh

cd "$root"
echo "building wirecopy" >&2
go build -o "$tmp/wirecopy" ./cmd/wirecopy

mkdir -p bench/.cache
tiny=bench/.cache/tiny-$n.jsonl.gz
if [[ ! -s $tiny ]]; then
	echo "generating $tiny" >&2
	# {"id":"1234567","text":"w42 x"}: about 29 bytes a record.
	awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) printf "{\"id\":\"%d\",\"text\":\"w%d x\"}\n", i, i % 97 }' |
		gzip -6 >"$tiny.tmp"
	mv "$tiny.tmp" "$tiny"
fi
blankfile=bench/.cache/blank-$blank.jsonl.gz
if [[ ! -s $blankfile ]]; then
	echo "generating $blankfile" >&2
	bytes=$(numfmt --from=auto "${blank/iB/i}")
	head -c "$bytes" /dev/zero | tr '\0' '\n' | gzip -6 >"$blankfile.tmp"
	mv "$blankfile.tmp" "$blankfile"
fi
jsonl=$(gzip -dc "$tiny" | wc -c)
awk -v n="$n" -v j="$jsonl" -v z="$(stat -c %s "$tiny")" 'BEGIN { printf "%d records, %.1f MB of JSONL, %.1f MB gzipped\n", n, j / 1e6, z / 1e6 }'

# measure NAME COMMAND...: wall and CPU seconds and peak resident memory.
measure() {
	local name=$1
	shift
	"$timer" -v -o "$tmp/time.txt" "$@" >/dev/null 2>"$tmp/stderr" || {
		cat "$tmp/stderr" >&2
		echo "tiny.sh: $name failed" >&2
		exit 1
	}
	awk -F': ' -v name="$name" '
		/Elapsed \(wall clock\)/ { split($2, t, ":"); wall = (length(t) == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
		/User time/ { user = $2 } /System time/ { sys = $2 }
		/Maximum resident set size/ { kb = $2 }
		END { printf "%-8s %6.1f s wall  %6.1f s CPU  %7.0f MiB resident\n", name, wall, user + sys, kb / 1024 }' "$tmp/time.txt"
}

measure scan "$tmp/wirecopy" scan "$tiny"
measure dedup "$tmp/wirecopy" dedup -q "$tiny" -o "$tmp/out.jsonl"
if ! gzip -dc "$tiny" | cmp -s - "$tmp/out.jsonl"; then
	echo "tiny.sh: dedup did not write every record back" >&2
	exit 1
fi
measure blank "$tmp/wirecopy" scan "$blankfile"
