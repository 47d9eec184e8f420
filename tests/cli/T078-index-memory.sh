#!/usr/bin/env bash
# T078: what an index run holds in memory is bounded by what Xapian buffers,
# not by how many sections a batch counts.  A vault of long sections, each
# with 1,500 distinct words (30 notes, 330 sections, 3.9 MB), is indexed by
# one writer and by two under 100 MB of resident memory (README: commits
# come after 1,000 sections or 50,000 term-section pairs, whichever is
# first).  Counting sections alone, all 330 were buffered at once: 207 MB.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

py - "$T/vault" <<'EOF'
import os, random, sys
root = sys.argv[1]
os.makedirs(root)
rnd = random.Random(78)
letters = "abcdefghijklmnopqrstuvwxyz"
for n in range(30):
    with open(f"{root}/n{n:02d}.md", "w") as f:
        f.write(f"# wide note {n}\n\n")
        for s in range(10):
            words = ["".join(rnd.choice(letters) for _ in range(rnd.randint(6, 10)))
                     for _ in range(1500)]
            if n == 0 and s == 0:
                words[0] = "headmarkerword"
            if n == 29 and s == 9:
                words[-1] = "tailmarkerword"
            f.write(f"## part {s}\n\n" + " ".join(words) + "\n\n")
EOF

# AddressSanitizer's shadow memory and quarantine take hundreds of MB of
# their own: there the run is checked, its memory is not.
CAP=100
if grep -aq __asan_init "$JIKJI"; then
    CAP=2000
    note "sanitizer build: memory cap $CAP MB instead of 100 MB"
fi

for jobs in 1 2; do
    run_capped 240 "$CAP" "$JIKJI" index --rebuild -j "$jobs" vault
    [ "$RC" = 125 ] && fail "index -j $jobs went over $CAP MB of resident memory"
    expect_code 0 "index -j $jobs: exit 0 under $CAP MB"
    expect_match "$ERR" '^jikji: 30 added, .*; 330 sections written' "index -j $jobs: every section written"
    for w in headmarkerword tailmarkerword; do
        jk search -l "$w"
        expect_code 0 "index -j $jobs: the first and the last section are searchable ($w)"
    done
    expect_eq "$OUT" "vault/n29.md" "index -j $jobs: tailmarkerword is in the last note"
done

done_testing
