"""Signing and LSH with datasketch, for lshcompare (main.go).

Usage: python3 datasketch.py SETS PERMUTATIONS BANDS ROWS

SETS holds one shingle set per line, as decimal 64-bit integers. Prints
the seconds spent signing, indexing and querying, and the number of
candidate pairs found.
"""
import sys
import time

from datasketch import MinHash, MinHashLSH


def main():
    path, perms, bands, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    with open(path) as f:
        sets = [[int(x).to_bytes(8, "little") for x in line.split()] for line in f]
    start = time.perf_counter()
    lsh = MinHashLSH(num_perm=perms, params=(bands, rows))
    sigs = []
    for i, s in enumerate(sets):
        m = MinHash(num_perm=perms, seed=1)
        m.update_batch(s)
        sigs.append(m)
        lsh.insert(i, m)
    pairs = 0
    for i, m in enumerate(sigs):
        pairs += sum(1 for j in lsh.query(m) if j > i)
    print(time.perf_counter() - start, pairs)


if __name__ == "__main__":
    main()
