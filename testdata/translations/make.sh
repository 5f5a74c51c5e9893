#!/bin/sh
# make.sh builds dev.jsonl/dev.gold.tsv and test.jsonl/test.gold.tsv from
# the texts in src/ (see README.md). With --mt it first remakes src/es.txt
# with Apertium (Debian package apertium-eng-spa).
set -eu
cd "$(dirname "$0")"
if [ "${1:-}" = "--mt" ]; then
	{
		echo "# Spanish machine translations of en.txt by Apertium (Debian package apertium-eng-spa $(dpkg-query -W -f '${Version}' apertium-eng-spa 2>/dev/null | cut -d- -f1), \`apertium -u eng-spa\`), unedited; see README.md."
		grep -v '^#' src/en.txt | while IFS="$(printf '\t')" read -r id text; do
			printf '%s\t%s\n' "$id" "$(printf '%s\n' "$text" | apertium -u eng-spa | tr '\n' ' ' | sed 's/ *$//')"
		done
	} > src/es.txt.new
	mv src/es.txt.new src/es.txt
fi
# Each language version comes from its own outlet; a story's versions
# share its date. Stories s1, s3, s5, s7 and negatives x1-x3 are dev;
# the rest is test.
python3 - <<'PY'
import json
outlets = {"en": "reuters", "de": "faz", "fr": "lemonde", "pl": "rzeczpospolita", "es": "noticiasya"}
dates = {"s1": "2022-02-16", "s2": "2022-01-04", "s3": "2022-09-30", "s4": "2022-11-07",
         "s5": "2023-05-16", "s6": "2023-07-27", "s7": "2023-07-17", "s8": "2023-04-14",
         "x1": "2022-03-24", "x2": "2022-02-23", "x3": "2023-01-16", "x4": "2022-12-06",
         "x5": "2023-07-27", "x6": "2022-11-07"}
dev = {"s1", "s3", "s5", "s7", "x1", "x2", "x3"}
docs = []
def lines(name):
    for line in open("src/" + name, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")
for lang in ["en", "de", "fr", "pl", "es"]:
    for pid, text in lines(lang + ".txt"):
        docs.append((pid[:2], pid, lang, text))
for xid, lang, text in lines("neg.txt"):
    docs.append((xid, xid, lang, text))
for split in ["dev", "test"]:
    rows = sorted((dates[s], f"{split}-{pid}-{lang}", lang, pid, text) for s, pid, lang, text in docs if (s in dev) == (split == "dev"))
    with open(f"{split}.jsonl", "w", encoding="utf-8") as f, open(f"{split}.gold.tsv", "w", encoding="utf-8") as g:
        for date, id, lang, pid, text in rows:
            f.write(json.dumps({"id": id, "source": outlets[lang], "date": date, "text": text}, ensure_ascii=False) + "\n")
            g.write(f"{id}\t{pid}\n")
PY
