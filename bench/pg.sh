#!/usr/bin/env bash
# pg.sh compares the archive on PostgreSQL with the embedded one:
# ingest throughput of `wirecopy index` with 1, 2 and 4 concurrent
# worker processes (the corpus split into that many parts, each part
# indexed by its own process; wall time from the first start to the
# last exit), then check latency (bench/checklat: median and 95th
# percentile over 50 ten-paragraph articles, half reprints, half fresh
# copy) on the archive the 4-worker run made.
#
# A second part times replacing and removing documents on an archive
# that holds a corpus of REPLACE_SIZE (default 10MB, about 22,000
# paragraphs): `wirecopy index` of the same corpus again (every document
# replaced) and `wirecopy forget` of 100 of its documents (every 20th
# id), on each store, and the PostgreSQL time as a multiple of the
# embedded one's.
#
# Usage: bench/pg.sh [SIZE]
#
#   SIZE  corpus size for bench/newsgen (default 60MB: about 135,000
#         paragraphs; 450MB gives about a million)
#
# PARTS (default "ingest replace") chooses the parts to run.
#
# WORKERS (default "1 2 4") and STORES (default "postgres embedded")
# choose the runs. PG is the server's admin URL (default
# postgres://postgres@127.0.0.1:5432/postgres); each run creates a
# database wirecopy_bench, dropped first. Embedded writers serialize on
# the archive's lock (--lock-timeout), so their "concurrent" runs
# measure one writer at a time, which is the embedded store's limit.
set -euo pipefail

size=${1:-60MB}
seed=${SEED:-1}
pg=${PG:-postgres://postgres@127.0.0.1:5432/postgres}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/bench/lib.sh"

cd "$root"
go build -o "$tmp/wirecopy" ./cmd/wirecopy
go build -o "$tmp/newsgen" ./bench/newsgen
go build -o "$tmp/checklat" ./bench/checklat

corpus=$(cached_corpus "$tmp/newsgen" "$size" "$seed")
fresh=$(cached_corpus "$tmp/newsgen" 2MB $((seed + 1000)))

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ *//' || true)
echo "machine: $(nproc) CPUs, ${cpu:-unknown CPU}, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3-), wirecopy $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "server: $(psql "$pg" -Atc 'SHOW server_version')"
echo "corpus: $corpus ($(wc -c <"$corpus") bytes, $(wc -l <"$corpus") documents)"

dburl=$(sed -E 's#/[^/?]*(\?|$)#/wirecopy_bench\1#' <<<"${pg#*://}")
dburl="${pg%%://*}://$dburl"

parts=" ${PARTS:-ingest replace} "
workers_list=${WORKERS:-1 2 4}
if [[ $parts != *" ingest "* ]]; then
	workers_list=
fi
for workers in $workers_list; do
	split -n "l/$workers" -d --additional-suffix=.jsonl "$corpus" "$tmp/part$workers-"
done

# fresh STORE: prints the --db of an empty archive on STORE.
fresh() {
	if [[ $1 == postgres ]]; then
		psql "$pg" -qc 'DROP DATABASE IF EXISTS wirecopy_bench WITH (FORCE)' -c 'CREATE DATABASE wirecopy_bench'
		echo "$dburl"
	else
		rm -f "$tmp/bench.wca" "$tmp/bench.wca-wal" "$tmp/bench.wca-shm" "$tmp/bench.wca.lock"
		echo "$tmp/bench.wca"
	fi
}

# index STORE WORKERS: prints the wall time of WORKERS processes.
index() {
	local store=$1 workers=$2 db
	db=$(fresh "$store")
	if [[ $store == postgres ]]; then
		"$tmp/wirecopy" db migrate --db "$db" >/dev/null
	fi
	local start end
	start=$(date +%s%N)
	for part in "$tmp"/part"$workers"-*.jsonl; do
		"$tmp/wirecopy" index --db "$db" --lock-timeout 1h "$part" >/dev/null &
	done
	wait
	end=$(date +%s%N)
	paras=$("$tmp/wirecopy" stats --db "$db" | awk '/^paragraphs/ { print $2 }')
	awk -v a="$start" -v b="$end" -v p="$paras" -v s="$store" -v w="$workers" 'BEGIN {
		t = (b - a) / 1e9
		printf "index %-8s %d worker(s): %6.1f s, %7.0f paragraphs/s (%d paragraphs)\n", s, w, t, p / t, p
	}'
	last_db=$db
}

# timed NAME COMMAND...: runs COMMAND, output discarded, and prints
# NAME and its wall time in seconds; the time is also left in $secs.
timed() {
	local name=$1 start end
	shift
	start=$(date +%s%N)
	"$@" >/dev/null
	end=$(date +%s%N)
	secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
	printf '%-34s %7.2f s\n' "$name" "$secs"
}

for store in ${STORES:-postgres embedded}; do
	[[ -n $workers_list ]] || continue
	for workers in $workers_list; do
		index "$store" "$workers"
	done
	"$tmp/wirecopy" stats --db "$last_db" | grep -E '^(documents|paragraphs|on disk)'
	for run in first second; do
		echo -n "check $store, $run run: "
		"$tmp/checklat" -db "$last_db" -reprints "$corpus" -fresh "$fresh" -n 50 -paragraphs 10
	done
done

if [[ $parts == *" replace "* ]]; then
	rcorpus=$(cached_corpus "$tmp/newsgen" "${REPLACE_SIZE:-10MB}" "$seed")
	echo "replace corpus: $rcorpus ($(wc -c <"$rcorpus") bytes, $(wc -l <"$rcorpus") documents)"
	mapfile -t forget_ids < <(grep -o '^{"id":"[^"]*"' "$rcorpus" | cut -d'"' -f4 | awk 'NR % 20 == 0' | head -100)
	declare -A reindex forget
	for store in ${STORES:-postgres embedded}; do
		db=$(fresh "$store")
		timed "index $store (empty archive)" "$tmp/wirecopy" index --db "$db" "$rcorpus"
		timed "re-index $store (all replaced)" "$tmp/wirecopy" index --db "$db" "$rcorpus"
		reindex[$store]=$secs
		timed "forget $store (${#forget_ids[@]} documents)" "$tmp/wirecopy" forget --db "$db" "${forget_ids[@]}"
		forget[$store]=$secs
		"$tmp/wirecopy" stats --db "$db" | grep -E '^(documents|paragraphs)'
	done
	if [[ -n ${reindex[postgres]:-} && -n ${reindex[embedded]:-} ]]; then
		awk -v a="${reindex[postgres]}" -v b="${reindex[embedded]}" -v c="${forget[postgres]}" -v d="${forget[embedded]}" \
			'BEGIN { printf "postgres / embedded: re-index %.2fx, forget %.2fx\n", a / b, c / d }'
	fi
fi
