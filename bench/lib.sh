# lib.sh holds what the benchmark scripts share. Source it after setting
# root (the repository's top folder).

# need_gnu_time SCRIPT sets timer to GNU time (/usr/bin/time, for peak
# resident memory), installing Debian's package "time" when running as
# root; without it the script stops, saying so.
need_gnu_time() {
	timer=/usr/bin/time
	if [[ ! -x $timer ]] && [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
		echo "$1: installing GNU time" >&2
		apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
	fi
	if ! "$timer" -v true >/dev/null 2>&1; then
		echo "$1: need GNU time at $timer (apt-get install time)" >&2
		exit 1
	fi
}

# cached_corpus NEWSGEN SIZE SEED [FLAG...] prints the path of the corpus
# that the newsgen binary NEWSGEN makes for SIZE, SEED and any further
# newsgen flags, in bench/.cache, generating it (its gold labels beside
# it, *.gold.tsv) when missing. The name carries the flags and a hash of
# the generator's source, so a changed generator makes a new corpus
# rather than reusing a stale one.
cached_corpus() {
	local hash file tag
	hash=$(find "$root/bench/newsgen" -name '*.go' ! -name '*_test.go' | sort | xargs cat | sha256sum | cut -c1-8)
	tag=$(printf '%s' "${*:4}" | tr -c 'a-zA-Z0-9.' '-' | sed 's/^-*//')
	file=$root/bench/.cache/news-$2-seed$3${tag:+-$tag}-$hash.jsonl
	if [[ ! -s $file ]]; then
		mkdir -p "$root/bench/.cache"
		echo "generating $file" >&2
		"$1" -size "$2" -seed "$3" "${@:4}" -o "$file.tmp" -gold "${file%.jsonl}.gold.tsv" >&2
		mv "$file.tmp" "$file"
	fi
	echo "$file"
}

# wirecopy_binary sets wirecopy to $WIRECOPY, a binary to measure, or
# else to one built from the checkout into $tmp.
wirecopy_binary() {
	wirecopy=${WIRECOPY:-}
	if [[ -z $wirecopy ]]; then
		echo "building wirecopy" >&2
		(cd "$root" && go build -o "$tmp/wirecopy" ./cmd/wirecopy)
		wirecopy=$tmp/wirecopy
	fi
}
