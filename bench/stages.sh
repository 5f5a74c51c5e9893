#!/usr/bin/env bash
# stages.sh prints a scan's CPU seconds per pipeline stage from a CPU
# profile, the way docs/reference.md ("Where the time goes") lists them:
#
#   wirecopy scan --cpuprofile cpu.prof --format json FILE > /dev/null
#   bench/stages.sh wirecopy cpu.prof
#
# Usage: bench/stages.sh BINARY PROFILE
#
# A stage is the cumulative CPU of the functions that run it, summed
# over the goroutines that do; "on one goroutine" is what runs under
# runtime.main, the rest of the run being on the workers.
set -euo pipefail

if [[ $# -ne 2 ]]; then
	echo "usage: bench/stages.sh BINARY PROFILE" >&2
	exit 2
fi
top=$(go tool pprof -top -cum -nodecount=100000 -nodefraction=0 -edgefraction=0 "$1" "$2" 2>/dev/null)
serial=$(go tool pprof -top -cum -nodecount=100000 -nodefraction=0 -edgefraction=0 -focus='runtime\.main$' "$1" "$2" 2>/dev/null)

# cum PATTERN [TOP] sums the cumulative seconds of the functions matching
# the extended regular expression PATTERN.
cum() {
	grep -E "$1" <<<"${2:-$top}" | awk '{
		v = $4; u = substr(v, length(v) - 1)
		if (u == "ms") s += substr(v, 1, length(v) - 2) / 1000; else s += substr(v, 1, length(v) - 1)
	} END { printf "%.1f s", s }'
}

grep 'Total samples' <<<"$top" | sed 's/^ *//'
echo "reading JSONL: $(cum 'corpus\.Walk$')"
echo "shingling and signing (sign.Pool workers): $(cum 'sign\.NewPool.*func1$'), of which language detection $(cum 'cluster\.Options\.ParagraphLang$')"
echo "pivot keys, features, cross-language lookups: $(cum 'Builder\)\.crossPairs\.func1$|Builder\)\.readKeys\.func1$|translationLinks.*extract\.func[0-9]+$|Builder\)\.crossPairs$')"
echo "same-language translations: $(cum 'Builder\)\.samePairs\.func[0-9]+$|Builder\)\.samePairs$')"
echo "verifying candidate pairs: $(cum 'join\.\(\*Verifier\)\.work$|join\.\(\*Verifier\)\.Add$'), of which keeping each pair once $(cum 'pairSet\)\.add$')"
echo "clusters from links (join.Groups): $(cum 'join\.Groups$|join\.bestHomes\.func1$|join\.rounds\.func1$')"
echo "representatives: $(cum 'Result\)\.representative$')"
echo "explanations: $(cum 'Result\)\.explain\.func1$')"
echo "writing the report (its encoding workers included): $(cum 'report\.Write$|report\.inOrder\.func[0-9]+$')"
echo "on one goroutine: $(cum 'runtime\.main$' "$serial")"
