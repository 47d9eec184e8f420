#!/usr/bin/env bash
# T078: what an index run holds in memory is bounded by what Xapian buffers,
# not by how many sections a batch counts.  A vault of long sections, each
# with 1,500 distinct words (30 notes, 330 sections, 3.9 MB), is indexed by
# one writer and by two under 100 MB of resident memory (README: commits
# come after 1,000 sections or 50,000 term-section pairs, whichever is
# first).  Counting sections alone, all 330 were buffered at once: 207 MB.
# Removing notes buffers a posting removal for each of those pairs, so
# removals are committed by the same rule: taking 28 of the notes away, and
# forgetting the whole vault, stay under the cap too (178 and 190 MB when
# removals were committed only at the end of the run; 31 MB now).
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

mkdir away
for n in $(seq -w 1 28); do mv "vault/n$n.md" away/; done
run_capped 240 "$CAP" "$JIKJI" index vault
[ "$RC" = 125 ] && fail "removing 28 notes went over $CAP MB of resident memory"
expect_code 0 "removing 28 notes: exit 0 under $CAP MB"
expect_match "$ERR" '^jikji: 0 added, 0 updated, 28 removed, 2 unchanged.*index: 2 notes, 22 sections$' "removing 28 notes: all removed"
jk search -l headmarkerword tailmarkerword
expect_code 0 "removing 28 notes: the notes kept are searchable"
expect_eq "$(printf "%s\n" "$OUT" | sort)" "vault/n00.md
vault/n29.md" "removing 28 notes: only the notes kept are found"

mv away/*.md vault/
jk index vault
expect_code 0 "the 28 notes indexed again"
run_capped 240 "$CAP" "$JIKJI" index --forget vault
[ "$RC" = 125 ] && fail "--forget went over $CAP MB of resident memory"
expect_code 0 "--forget: exit 0 under $CAP MB"
jk search -l headmarkerword
expect_code 1 "--forget: nothing of the vault is found"

# One section of 200,000 distinct words (2 MB): Xapian holds each term of
# a document being added several times over, so the section is indexed up
# to its first 32,768 distinct terms, with a warning, and the run stays
# under the cap (a 39 MB note of 600,000 distinct words peaked at 485 MB).
py - "$T/wide" <<'EOF'
import itertools, os, sys
os.makedirs(sys.argv[1])
letters = "abcdefghijklmnopqrstuvwxyz"
words = ["".join(p) for p in itertools.islice(itertools.product(letters, repeat=4), 200000)]
words[0], words[-1] = "firstwideword", "lastwideword"
with open(sys.argv[1] + "/wide.md", "w") as f:
    f.write("# wide\n\n" + " ".join(words) + "\n\n## after\n\nafterwideword\n")
EOF
run_capped 240 "$CAP" "$JIKJI" --db "$T/widedb" index "$T/wide"
[ "$RC" = 125 ] && fail "a section of 200,000 distinct words went over $CAP MB of resident memory"
expect_code 0 "a section of 200,000 distinct words: exit 0 under $CAP MB"
expect_contains "$ERR" "wide.md:1: the section has more than 32768 distinct terms; the rest of it is not indexed" "it warns, naming the section's line"
jk --db "$T/widedb" search -c firstwideword
expect_eq "$OUT" 1 "the section's first words are searchable"
jk --db "$T/widedb" search -c lastwideword
expect_eq "$OUT" 0 "its words past the cap are not"
jk --db "$T/widedb" search -c afterwideword
expect_eq "$OUT" 1 "the next section is indexed whole"

# One note of 3,000 sections of 150 distinct words each (450,000 term-section
# pairs): it is committed in batches as it is written, its record first, so
# the run stays under the cap (the note was held whole until its end: a
# 15 MB note of 5,000 such sections took 1 GB); and removing it goes a
# section at a time, in batches (it buffered 1.3 GB of removals).
py - "$T/tall" <<'EOF2'
import os, random, sys
os.makedirs(sys.argv[1])
rnd = random.Random(7)
letters = "abcdefghijklmnopqrstuvwxyz"
with open(sys.argv[1] + "/tall.md", "w") as f:
    f.write("# tall\n\n")
    for s in range(3000):
        words = ["".join(rnd.choice(letters) for _ in range(rnd.randint(5, 9)))
                 for _ in range(150)]
        f.write(f"## part {s}\n\ntallmark{s} " + " ".join(words) + "\n\n")
EOF2
run_capped 240 "$CAP" "$JIKJI" --db "$T/talldb" index "$T/tall"
[ "$RC" = 125 ] && fail "a note of 3,000 sections went over $CAP MB of resident memory"
expect_code 0 "a note of 3,000 sections: exit 0 under $CAP MB"
expect_match "$ERR" '3001 sections written' "every section written"
for w in tallmark0 tallmark2999; do
    jk --db "$T/talldb" search -c "$w"
    expect_eq "$OUT" 1 "its first and last sections are searchable ($w)"
done
jk --db "$T/talldb" status --json
json_check 'allrecs[0]["changed_since"] == {"added": 0, "changed": 0, "reread": 0, "deleted": 0, "skipped": 0}' \
    "its record is the final one: nothing is changed since"
mv "$T/tall/tall.md" "$T/tall.md.away"
printf '# other\n\nshort\n' >"$T/tall/other.md"
run_capped 240 "$CAP" "$JIKJI" --db "$T/talldb" index "$T/tall"
[ "$RC" = 125 ] && fail "removing a note of 3,000 sections went over $CAP MB of resident memory"
expect_code 0 "removing a note of 3,000 sections: exit 0 under $CAP MB"
expect_match "$ERR" '1 added, 0 updated, 1 removed.*index: 1 notes, 1 sections$' "it is removed whole"

# A note of 16 MB in 800 sections of common words (far from the terms'
# cap, with many positions each) is committed in batches as it is written,
# as one of many sections is (QA: 993 sections of a 40 MB note held whole
# took 390 MB); one section of 1.2 million words keeps the positions of
# its first million, with a warning (Xapian holds each position several
# times over); the note's file is blanked where it was read, not copied
# (a 60 MB note of one section took 167 MB).
py - "$T/dense" <<'EOF3'
import os, random, sys
os.makedirs(sys.argv[1])
rnd = random.Random(9)
vocab = ["kafka", "retry", "topic", "consumer", "offset", "재시도", "장애", "배포",
         "커넥션", "정산"] + ["w%d" % i for i in range(3000)]
with open(sys.argv[1] + "/dense.md", "w") as f:
    f.write("# dense\n\n")
    for s in range(800):
        f.write(f"## part {s}\n\ndensemark{s} " +
                " ".join(rnd.choice(vocab) for _ in range(3000)) + "\n\n")
with open(sys.argv[1] + "/long.md", "w") as f:
    f.write("# long\n\nlongfirstword " + "kafka 재시도 topic " * 400000 +
            "longlastword\n")
EOF3
run_capped 240 "$CAP" "$JIKJI" --db "$T/densedb" index "$T/dense"
[ "$RC" = 125 ] && fail "a 16 MB note of 800 sections went over $CAP MB of resident memory"
expect_code 0 "a 16 MB note of 800 dense sections and a section of 1.2 million words: exit 0 under $CAP MB"
expect_contains "$ERR" "long.md:1: the section has more than 1000000 words; those past them are found, but not as phrases" "the long section's positions are cut, with a warning"
for w in densemark0 densemark799 longfirstword longlastword; do
    jk --db "$T/densedb" search -c "$w"
    expect_eq "$OUT" 1 "$w is searchable"
done
jk --db "$T/densedb" search -c '"longfirstword kafka"'
expect_eq "$OUT" 1 "a phrase in the first million words is found"
jk --db "$T/densedb" search -c '"topic longlastword"'
expect_eq "$OUT" 0 "one past them is not (they have no positions)"

# similar on one section of 1.5 million words: the words are counted as
# they come, not held one by one (a 60 MB section took 1 GB).
mkdir -p "$T/rep"
py -c 'import sys; open(sys.argv[1], "w").write("# rep\n\n" + "kafka 재시도 topic " * 500000 + "\n")' "$T/rep/r.md"
printf '# other\n\nkafka 재시도 topic\n' >"$T/rep/o.md"
jk --db "$T/repdb" index -q "$T/rep"
SIMCAP=60
[ "$CAP" = 100 ] || SIMCAP=$CAP
run_capped 120 "$SIMCAP" "$JIKJI" --db "$T/repdb" similar -l "$T/rep/r.md:1"
[ "$RC" = 125 ] && fail "similar on a section of 1.5 million words went over $SIMCAP MB of resident memory"
expect_code 0 "similar on a section of 1.5 million words: exit 0 under $SIMCAP MB"
expect_contains "$OUT" "rep/o.md" "it finds the other note"

done_testing
