#!/usr/bin/env bash
# T155: compaction after a run that wrote a large part of the index (README:
# "a first index or a --rebuild compacts the index"): the index directory is
# swapped for a compacted copy atomically, searches running meanwhile never
# fail, small runs do not compact, big removals and --forget do, a
# leftover copy from a killed run is cleaned up, and a foreign folder in the
# copy's place, or a foreign file in the index folder, is never deleted or
# moved.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

# 60 notes x 20 sections = 1,200 sections: over the 1,000-section threshold.
py - <<'EOF'
import os
os.makedirs("vault", exist_ok=True)
for n in range(60):
    with open("vault/note%02d.md" % n, "w") as f:
        f.write("# 노트 %d\n\n" % n)
        for s in range(20):
            f.write("## 질문 %d-%d\n\nKafka 재시도 compactword%d 답변 %d 내용.\n\n" % (n, s, n, s))
EOF
DB=$T/db
inode() { stat -c %i "$DB"; }

xcheck() { # DESC: xapian-check finds no error
    if command -v xapian-check >/dev/null; then
        xapian-check "$DB" >"$T/xcheck.txt" 2>&1 || fail "$1: xapian-check: $(tail -n 3 "$T/xcheck.txt")"
        pass "$1: xapian-check finds no error"
    fi
}

jk index vault
expect_code 0 "first index of 1,200 sections"
expect_not_contains "$ERR" "warning" "no warning"
[ ! -e "$DB.compacting" ] || fail "the compaction copy is left behind"
pass "no compaction copy is left beside the index"
xcheck "after the first index"
jk search -c compactword7
expect_eq "$OUT" 20 "the 20 sections of note07 are found"

# A small run: nothing is copied (the directory stays the same one).
before=$(inode)
printf '# 새 노트\n\nsmallrunword\n' >vault/new.md
jk index vault
expect_code 0 "a one-note run"
expect_eq "$(inode)" "$before" "a one-note run does not compact (same directory)"
jk search -c smallrunword
expect_eq "$OUT" 1 "the new note is found"

# Re-indexing every note compacts, and searches running meanwhile never
# fail nor miss a section (each note is replaced within one commit).
(
    for _ in $(seq 1 40); do
        "$JIKJI" search -c compactword3 >"$T/bg-out" 2>"$T/bg-err"
        rc=$?
        if [ "$rc" != 0 ] || [ "$(cat "$T/bg-out")" != 20 ]; then
            echo "exit $rc, count $(cat "$T/bg-out"): $(cat "$T/bg-err")" >"$T/bg-fail"
            break
        fi
    done
) &
bg=$!
for round in 1 2 3; do
    # A new title: every section of every note is made anew (a line added
    # to one section would rewrite that section only).
    for f in vault/note*.md; do sed -i "1s/\$/ r$round/" "$f"; done
    jk index vault
    expect_code 0 "round $round: every note changed, re-indexed while searches run"
    expect_match "$ERR" " 1260 sections written" "round $round: every section (21 per note) rewritten"
    [ "$(inode)" != "$before" ] || fail "round $round: the run should have swapped in a compacted directory"
    before=$(inode)
done
pass "each round compacts (a new directory took the index's place)"
wait "$bg"
[ ! -e "$T/bg-fail" ] || fail "a search during compaction failed: $(cat "$T/bg-fail")"
pass "40 searches during three compacting runs all answered 20"
xcheck "after the compacting runs"
jk index --rebuild vault
expect_code 0 "--rebuild"
[ "$(inode)" != "$before" ] || fail "--rebuild should compact"
pass "--rebuild compacts"

# Removals count as well: blocks that removed sections leave half empty
# take space until compacted.  Taking 50 of the 60 notes away (1,050 of
# 1,281 sections) compacts; forgetting the vault leaves a small index, not the
# size of the notes it had.
before=$(inode)
mkdir "$T/away"
mv vault/note[0-4]?.md "$T/away/"
jk index vault
expect_match "$ERR" "^jikji: 0 added, 0 updated, 50 removed" "50 notes taken away are removed"
[ "$(inode)" != "$before" ] || fail "removing half of the index should compact"
pass "removing half of the index compacts"
xcheck "after the removals"
jk search -c compactword52
expect_eq "$OUT" 20 "the notes kept are found"
mv "$T/away"/*.md vault/
jk index -q vault
expect_code 0 "the 50 notes indexed again"
kb_before=$(du -sk "$DB" | cut -f1)
jk index --forget vault
expect_code 0 "--forget the vault"
kb_after=$(du -sk "$DB" | cut -f1)
[ "$kb_after" -lt $((kb_before / 4)) ] || fail "--forget left $kb_after KB of $kb_before KB"
pass "--forget compacts: $kb_before KB -> $kb_after KB"
xcheck "after --forget"
jk index -q vault
expect_code 0 "the vault indexed again"

# A leftover copy of a run killed while compacting: removed, no warning.
cp -r "$DB" "$DB.compacting"
jk index --rebuild vault
expect_code 0 "--rebuild with a leftover compaction copy"
expect_not_contains "$ERR" "warning" "the leftover is removed silently"
[ ! -e "$DB.compacting" ] || fail "the leftover copy is still there"
pass "the leftover copy is gone"

# Something that is not an index in the copy's place is never deleted.
mkdir "$DB.compacting"
printf 'my own file\n' >"$DB.compacting/keep.md"
jk index --rebuild vault
expect_code 0 "--rebuild with a foreign folder in the copy's place: still exit 0"
expect_match "$ERR" "^jikji: warning: .*compacting" "the compaction is skipped with a warning naming the folder"
[ "$(cat "$DB.compacting/keep.md" 2>/dev/null)" = "my own file" ] || fail "the foreign file was deleted"
pass "the foreign file is left alone"
jk search -c compactword59
expect_eq "$OUT" 20 "the uncompacted index answers"
# --forget, whose compaction failed in silence (exit 0, the index left
# twice its size): the same warning, saying the next run compacts.
jk index --forget vault
expect_code 0 "--forget with a foreign folder in the copy's place: exit 0"
expect_match "$ERR" "^jikji: warning: .*compacting.*the index was left uncompacted .* and the next run compacts it" \
    "--forget warns that its compaction failed"
[ "$(cat "$DB.compacting/keep.md" 2>/dev/null)" = "my own file" ] || fail "the foreign file was deleted"
jk index -q vault
rm -rf "$DB.compacting"
# A compaction that failed leaves an empty copy folder behind, so that the
# next run, whatever it finds to do, compacts (as after a kill).
mkdir "$DB.compacting"
jk index vault
expect_code 0 "a run after a failed compaction"
expect_not_contains "$ERR" "warning" "... compacts without a warning"
[ ! -e "$DB.compacting" ] || fail "the empty copy folder is still there"
pass "the empty copy folder left by a failed compaction is taken for one cut short"

# A file put into the index folder itself: a swap would carry it away with
# the old index, so no writer opens the folder until it is moved out.
printf 'my note\n' >"$DB/mine.md"
for cmd in "index --rebuild vault" "index vault"; do
    # shellcheck disable=SC2086
    jk $cmd
    expect_code 2 "'$cmd' with a foreign file in the index folder: refused"
    expect_match "$ERR" "is not an index: it holds 'mine.md'" "'$cmd': the message names the file"
done
[ "$(cat "$DB/mine.md" 2>/dev/null)" = "my note" ] || fail "the foreign file was moved or changed"
pass "the foreign file stays in the index folder"
jk search -c compactword59
expect_eq "$OUT" 20 "searches still answer"
rm "$DB/mine.md"

# --- a first build in shards (README: merged by the final compaction) ---------------
# JIKJI_SHARD_SECTIONS makes the shards small enough for this vault.
export JIKJI_DB="$T/sharded"
JIKJI_SHARD_SECTIONS=100 jk index vault
expect_code 0 "a first build in shards of 100 sections"
expect_not_contains "$ERR" "warning" "no warning"
ls -d "$T"/sharded.* >/dev/null 2>&1 && fail "shard or compaction folders are left: $(ls -d "$T"/sharded.*)"
pass "no shard folder is left beside the index"
DB=$T/sharded xcheck "the merged index"
JIKJI_DB="$T/db" jk status
grep -E '^(notes|sections):' "$OUTF" >"$T/st-plain.txt"
same_counts() { # DESC: $JIKJI_DB has the notes and sections of the plain index
    jk status
    grep -E '^(notes|sections):' "$OUTF" >"$T/st-other.txt"
    cmp -s "$T/st-other.txt" "$T/st-plain.txt" || fail "$1: notes/sections differ: $(diff "$T/st-plain.txt" "$T/st-other.txt")"
    pass "$1"
}
same_counts "the same notes and sections as the unsharded index"
for q in "Kafka 재시도" compactword42 "질문 17-3" "추가"; do
    JIKJI_DB="$T/db" jk search --json -n 100 "$q"
    cp "$OUTF" "$T/plain.json"
    jk search --json -n 100 "$q"
    json_check 'pl(recs) == pl(load("plain.json"))' "same hits as the unsharded index for [$q]"
done
jk index vault
expect_summary 0 0 0 "$(find vault -name '*.md' | wc -l)" "the next run finds every note up to date (their records were merged)"

# A folder of the user's named like a shard is not jikji's: left alone,
# and the message says so (it said "cannot remove ...: Directory not
# empty"); moved away, the next plain run finishes the build.
mkdir -p "$T/own.shard-1"
printf 'mine\n' >"$T/own.shard-1/keep.txt"
JIKJI_SHARD_SECTIONS=100 jk --db "$T/own" index -q vault
expect_code 2 "a first build beside a folder of the user's named like a shard"
expect_contains "$ERR" "own.shard-1 holds files of no index, so it is not a shard of jikji's and is left alone" \
    "the message says the folder is not jikji's"
expect_eq "$(cat "$T/own.shard-1/keep.txt")" mine "the folder is left as it was"
mv "$T/own.shard-1" "$T/own-folder"
JIKJI_SHARD_SECTIONS=100 jk --db "$T/own" index -q
expect_code 0 "the folder moved away: the next plain run finishes the build"
JIKJI_DB="$T/own" same_counts "the same notes and sections as the unsharded index, after"

# --- a first build by several writers (README: --jobs) ----------------------
# Writers take the next chunk of 16 notes, each into shards of its own: the
# same sections and hits as one writer, in the same order on every build
# (thread timing changes section numbers, which must not change results).
NOTES=$(find vault -name '*.md' | wc -l)
for j in 2 3; do
    export JIKJI_DB="$T/crew$j"
    JIKJI_SHARD_SECTIONS=100 jk index --jobs "$j" vault
    expect_code 0 "a first build by $j writers in shards of 100 sections"
    expect_not_contains "$ERR" "warning" "$j writers: no warning"
    expect_match "$ERR" " $NOTES added,.* $(awk '/^sections:/ {print $2}' "$T/st-plain.txt") sections written" "$j writers: every note and section counted once"
    ls -d "$T/crew$j".* >/dev/null 2>&1 && fail "$j writers: folders left: $(ls -d "$T/crew$j".*)"
    pass "$j writers: no shard folder is left beside the index"
    DB=$T/crew$j xcheck "the index of $j writers"
    same_counts "$j writers: the same notes and sections as one writer"
    for q in "Kafka 재시도" compactword42 "질문 17-3" "추가"; do
        JIKJI_DB="$T/db" jk search --json -n 2000 "$q"
        cp "$OUTF" "$T/plain.json"
        jk search --json -n 2000 "$q"
        cp "$OUTF" "$T/crew$j-$q.json"
        json_check 'pl(recs) == pl(load("plain.json"))' "$j writers: the same hits in the same order as one writer for [$q]"
    done
    jk index vault
    expect_summary 0 0 0 "$NOTES" "$j writers: the next run finds every note up to date"
done
export JIKJI_DB="$T/crew2b"
JIKJI_SHARD_SECTIONS=100 jk index -q -j 2 vault
for q in "Kafka 재시도" "추가"; do
    jk search --json -n 2000 "$q"
    json_check 'pl(recs) == pl(load("crew2-'"$q"'.json"))' "two builds by 2 writers rank [$q] in the same order, ties included"
done
# --db with a trailing slash names the same index: shards and the
# compaction copy go beside it, not inside it (the swap used to fail).
JIKJI_SHARD_SECTIONS=100 jk --db "$T/slash/" index -j 2 vault
expect_code 0 "a sharded first build with --db DIR/"
expect_not_contains "$ERR" "error" "--db DIR/: no error"
ls -d "$T"/slash.* "$T"/slash/.shard* "$T"/slash/.compacting >/dev/null 2>&1 &&
    fail "--db DIR/: folders left: $(ls -d "$T"/slash.* "$T"/slash/.* 2>/dev/null)"
pass "--db DIR/: no shard or compaction folder left, beside or inside"
jk --db "$T/slash" search -c compactword42
expect_eq "$OUT" 20 "--db DIR/: every section is in the index"

# Leftover shards of a killed crew may be numbered with gaps: every
# INDEX.shard-N goes; a look-alike name or a folder with a file of yours stays.
mkdir -p "$T/gap.shard-7" "$T/gap.shard-x" "$T/gap.shard-9"
: >"$T/gap.shard-7/postlist.glass"
: >"$T/gap.shard-x/postlist.glass"
echo mine >"$T/gap.shard-9/notes.txt"
JIKJI_DB="$T/gap" jk index -q vault
expect_code 0 "a first build beside leftover shard folders"
[ ! -e "$T/gap.shard-7" ] || fail "the leftover shard-7 (a gap after shard-1) is still there"
pass "a leftover shard after a gap is removed"
[ -e "$T/gap.shard-x/postlist.glass" ] && [ "$(cat "$T/gap.shard-9/notes.txt")" = mine ] ||
    fail "a folder that is not a shard, or holds a file of yours, was touched"
pass "a look-alike folder and a folder with your file are left alone"
for bad in 0 -1 x 17 "" " 2" +2; do
    jk index --jobs "$bad" vault
    expect_code 2 "--jobs '$bad' is refused"
    expect_contains "$ERR" "--jobs takes a number from 1 to 16, not '$bad'" "--jobs '$bad': the message says what is allowed and what was given"
done

# Killed in the middle of a sharded build by two writers (a bigger vault,
# killed once shards exist): the index answers, the next run removes the
# shards (numbered by both writers, so maybe with gaps) and finishes.
py - <<'EOF'
import os
os.makedirs("big", exist_ok=True)
for n in range(400):
    with open("big/b%03d.md" % n, "w") as f:
        f.write("# 큰 노트 %d\n\n" % n)
        for s in range(20):
            f.write("## 질문 %d-%d\n\nbigword%d 카프카 재시도 답변 %d.\n\n" % (n, s, n, s))
EOF
export JIKJI_DB="$T/killed"
(JIKJI_SHARD_SECTIONS=500 exec "$JIKJI" index -q -j 2 big) &
victim=$!
for _ in $(seq 1 200); do
    [ -d "$T/killed.shard-2" ] && break
    sleep 0.02
done
kill -9 "$victim" 2>/dev/null
wait "$victim" 2>/dev/null
if [ -d "$T/killed.shard-1" ]; then
    pass "killed while writing shards ($(ls -d "$T"/killed.shard-* | wc -l) shard folders)"
    jk search -c bigword0
    case $RC in 0 | 1) pass "after kill -9 the index answers (exit $RC)" ;; *) fail "after kill -9: exit $RC: $ERR" ;; esac
else
    note "the build finished before it could be killed; the kill checks are skipped"
fi
JIKJI_SHARD_SECTIONS=500 jk index -q big
expect_code 0 "the next run after the kill"
jk search -c bigword399
expect_eq "$OUT" 20 "the next run completes the index"
ls -d "$T"/killed.* >/dev/null 2>&1 && fail "folders left after the kill and the next run: $(ls -d "$T"/killed.*)"
pass "no shard folder is left after the next run"
jk status
expect_match "$OUT" '^notes: +400$' "all 400 notes are in the index"

# A compaction's copy left by a killed run: its changes are in the index,
# their compaction is not, so the next run compacts (a compaction swaps
# the folder: a new inode), even when it finds nothing changed.
mkdir -p "$T/cv"
printf '# 압축\n\ncompactdueword\n' >"$T/cv/a.md"
jk --db "$T/cdb" index -q "$T/cv"
ino0=$(stat -c %i "$T/cdb")
jk --db "$T/cdb" index -q
expect_eq "$(stat -c %i "$T/cdb")" "$ino0" "a run with nothing to do does not compact"
mkdir "$T/cdb.compacting"
: >"$T/cdb.compacting/iamglass"
jk --db "$T/cdb" index -q
expect_code 0 "the run after a killed compaction"
[ "$(stat -c %i "$T/cdb")" != "$ino0" ] || fail "the run after a killed compaction did not compact"
pass "the run after a killed compaction compacts"
[ ! -e "$T/cdb.compacting" ] || fail "the killed compaction's copy is left"
pass "the killed compaction's copy is removed"
jk --db "$T/cdb" search -c compactdueword
expect_eq "$OUT" 1 "the compacted index answers"

# An index reached through a symlink: a rebuild and the compaction swap
# the folder it points at, and the link stays a link.
mkdir -p "$T/realidx" "$T/small"
printf '# 링크\n\nlinkedindexword\n' >"$T/small/a.md"
ln -s realidx "$T/linkidx"
jk --db "$T/linkidx" index -q "$T/small"
expect_code 0 "a first build through a symlinked --db"
expect_not_contains "$ERR" "not compacted" "... is compacted like any other"
jk --db "$T/linkidx" index --rebuild -q
expect_code 0 "a rebuild through a symlinked --db"
[ -L "$T/linkidx" ] || fail "the link was replaced"
pass "the symlink is still a symlink"
jk --db "$T/linkidx" search -c linkedindexword
expect_eq "$OUT" 1 "the rebuilt index answers through the link"
ls -d "$T"/realidx.* "$T"/linkidx.* >/dev/null 2>&1 && fail "left beside: $(ls -d "$T"/realidx.* "$T"/linkidx.* 2>/dev/null)"
pass "nothing is left beside the index or the link"

done_testing
