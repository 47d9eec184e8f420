#!/usr/bin/env bash
# T050: incremental re-indexing: unchanged, touched, edited, added, deleted
# and renamed notes; two vaults in one index; `index` without a path;
# --rebuild gives the same results as the incremental state, ties of equal
# scores included, in every sort order.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/A"
mkdir -p "$T/B/sub"
printf '# 비 볼트 노트\n\nvaultbword 첫 번째 노트.\n' >"$T/B/one.md"
printf -- '---\ntitle: B 두 번째\n---\n\n## 질문\n\nvaultbsecond 답변.\n' >"$T/B/sub/two.md"
NA=$(count_notes A)
NB=$(count_notes B)

# Save every hit for a query as JSON in $T/$1.json (exit 1 = no hits is fine).
save_hits() {
    local name=$1
    shift
    jk search --json -n 1000 "$@"
    [ "$RC" = 0 ] || [ "$RC" = 1 ] || fail "search $* failed (exit $RC)"
    cp "$OUTF" "$T/$name.json"
}

# --- first run, then nothing changed -------------------------------------------
jk index A
expect_code 0 "first index of A"
expect_summary "$NA" 0 0 0 "first run adds every note"

jk index A
expect_code 0 "re-index A, nothing changed"
expect_summary 0 0 0 "$NA" "nothing changed: all unchanged"
expect_match "$ERR" ' 0 sections written' "nothing changed: no section written"
# ...and nothing written into the index at all (no commit, not even the
# time of the run): same bytes, same modification times.
db_state() {
    (cd "$JIKJI_DB" && stat -c '%n %s %y' ./*.glass iamglass && cksum ./*.glass iamglass)
}
before=$(db_state)
jk index A
expect_code 0 "re-index A again, nothing changed"
expect_eq "$(db_state)" "$before" "nothing changed: the index files are not written"

# touch changes the mtime only: the content hash says unchanged.
touch A/qna/behavioral.md A/projects/redis-cache.md
touch -d '2001-02-03 04:05:06' A/jd/2024-coupang-backend-jd.md
jk index A
expect_code 0 "re-index after touch"
expect_summary 0 0 0 "$NA" "touched notes are unchanged (content hash)"
expect_match "$ERR" ' 0 sections written' "touch: no section re-written"

# --- edit a note ---------------------------------------------------------------
jk search zebrafrost
expect_code 1 "zebrafrost is in no note yet"
printf '\n## 추가 메모\n\nzebrafrost 라는 단어를 넣었다.\n' >>A/qna/behavioral.md
jk index A
expect_code 0 "re-index after an edit"
expect_summary 0 1 0 $((NA - 1)) "an edited note is updated"
expect_match "$ERR" ' 1 sections written' "a section added at the end: the other sections are kept"
jk search --json zebrafrost
expect_code 0 "the new word is found"
json_check 'set(r["path"] for r in recs) == {"A/qna/behavioral.md"}' "zebrafrost is found in the edited note only"

# A note that loses its last sections: they leave the index.
printf '# 줄어드는 노트\n\n## 하나\n\nshrinkone\n\n## 둘\n\nshrinktwo\n\n## 셋\n\nshrinkthree\n' >A/shrink.md
jk index -q A
jk search -l shrinkthree
expect_eq "$OUT" "A/shrink.md" "setup: the three-section note is indexed"
printf '# 줄어드는 노트\n\n## 하나\n\nshrinkone\n' >A/shrink.md
jk index -q A
for w in shrinktwo shrinkthree; do
    jk search "$w"
    expect_code 1 "$w: a section the note no longer has is gone"
done
jk search -l shrinkone
expect_eq "$OUT" "A/shrink.md" "the section the note kept is still found"
rm A/shrink.md
jk index -q A

# A line inserted into an early section: that section is rewritten, the
# later ones keep their terms and only move (their lines are right).
sed -i '/^## 자기소개/a\
\
pangolinword 한 줄 추가.' A/qna/behavioral.md
jk index A
expect_summary 0 1 0 $((NA - 1)) "a note edited in its first question is updated"
expect_match "$ERR" ' 1 sections written' "only the edited section is rewritten"
jk search --json pangolinword
json_vars 1 "$OUTF" line
expect_eq "$J_line" "$(grep -n '^## 자기소개' A/qna/behavioral.md | cut -d: -f1)" "the edited section is found at its line"
jk search --json 단점
json_check 'any(r["path"] == "A/qna/behavioral.md" and r["line"] == '"$(grep -n '^## 단점' A/qna/behavioral.md | cut -d: -f1)"' for r in recs)' "a later, kept section reports its new line"

# Same size, different content (the mtime moves): updated, the old word gone.
sed -i 's/zebrafrost/zebrafrosu/' A/qna/behavioral.md
touch -d '+2 seconds' A/qna/behavioral.md
jk index A
expect_summary 0 1 0 $((NA - 1)) "a same-size edit is updated"
jk search zebrafrosu
expect_code 0 "the replacing word is found"
jk search zebrafrost
expect_code 1 "the replaced word is gone"
expect_empty "$OUT" "the replaced word: empty stdout"

# --- add a note --------------------------------------------------------------
printf -- '---\ntitle: 새 노트\n---\n\n## 새 질문\n\nquokkaleaf 답변.\n' >A/qna/new-note.md
jk index A
expect_code 0 "re-index after adding a note"
expect_summary 1 0 0 "$NA" "a new note is added"
NA=$((NA + 1))
jk search --json quokkaleaf
expect_code 0 "the new note's word is found"
expect_eq "$(json_field path)" "A/qna/new-note.md" "found in the new note"

# --- delete a note ---------------------------------------------------------------
rm A/qna/new-note.md
jk index A
expect_code 0 "re-index after deleting a note"
expect_summary 0 0 1 $((NA - 1)) "a deleted note is removed"
NA=$((NA - 1))
jk search quokkaleaf
expect_code 1 "the deleted note's word is no longer found"
expect_empty "$OUT" "deleted note: empty stdout"
expect_empty "$ERR" "deleted note: nothing on stderr"

# --- rename a note, move a folder ------------------------------------------------------
# README: a note moved with its content unchanged is re-pointed, not re-read.
mv A/qna/behavioral.md A/qna/renamed-behavioral.md
jk index A
expect_code 0 "re-index after a rename"
summary_counts
[ "$ADDED $REMOVED $RENAMED" = "0 0 1" ] ||
    fail "a rename should count as 1 renamed, not added and removed (got $ADDED added, $REMOVED removed, $RENAMED renamed)"
pass "a rename is counted as renamed"
expect_match "$ERR" '; 0 sections written' "a rename writes no section anew"
jk search --json zebrafrosu
expect_code 0 "the renamed note's word is found"
json_check 'set(r["path"] for r in recs) == {"A/qna/renamed-behavioral.md"}' "found under the new path only"
jk search --json -n 1000 "인성 컬처핏"
json_check 'not any(r["path"] == "A/qna/behavioral.md" for r in recs)' "no hit under the old path"
jk search -l 'path:qna/renamed-behavioral.md'
expect_eq "$OUT" "A/qna/renamed-behavioral.md" "path: finds the new name"
jk search -l 'path:qna/behavioral.md'
expect_code 1 "path: no longer finds the old name"
jk search --json zebrafrosu
json_vars 1 "$OUTF" path line
jk show "$J_path:$J_line"
expect_code 0 "show works on the new path"
expect_contains "$OUT" "zebrafrosu" "show prints the renamed note's section"

nproj=$(find A/projects -name '*.md' | wc -l)
mv A/projects A/work-projects
jk index A
expect_code 0 "re-index after moving a folder"
summary_counts
[ "$ADDED $REMOVED $RENAMED" = "0 0 $nproj" ] ||
    fail "moving a folder of $nproj notes: expected 0 added, 0 removed, $nproj renamed, got $ERR"
pass "moving a folder renames its $nproj notes"
jk search -c 'path:projects/'
expect_code 1 "nothing left under the old folder"
jk search -l 'path:work-projects/'
expect_eq "$(printf '%s\n' "$OUT" | wc -l)" "$nproj" "every note is found under the new folder"
mv A/work-projects A/projects
jk index A
summary_counts
[ "$ADDED $REMOVED $RENAMED" = "0 0 $nproj" ] || fail "moving the folder back: expected $nproj renamed, got $ERR"
pass "moving the folder back renames them again"

# A title taken from the file name changes with it: indexed anew instead.
printf 'untitledword 제목 없는 노트\n' >A/old-name.md
jk index A
NA=$((NA + 1))
jk search --json untitledword
json_vars 1 "$OUTF" title
expect_eq "$J_title" "old-name" "setup: the title comes from the file name"
mv A/old-name.md A/new-name.md
jk index A
summary_counts
[ "$ADDED $REMOVED $RENAMED" = "1 1 0" ] ||
    fail "a rename that changes the title should be an add and a remove, got $ERR"
pass "a rename that changes the title is indexed anew"
jk search --json untitledword
json_vars 1 "$OUTF" title path
expect_eq "$J_title $J_path" "new-name A/new-name.md" "the new title and path are found"

# --- two vaults in one index --------------------------------------------------------
jk index B
expect_code 0 "index a second vault B"
expect_summary "$NB" 0 0 0 "B's notes are added"
jk index A
expect_code 0 "re-index A alone"
expect_summary 0 0 0 "$NA" "re-indexing A leaves B alone (no removal)"
jk search --json vaultbword
expect_code 0 "B's notes survive re-indexing A"
expect_eq "$(json_field path)" "B/one.md" "B's note found"

# A run on A does not remove a note deleted from B; a run on B does.
rm B/sub/two.md
printf 'one more line yakbeacon\n' >>A/projects/redis-cache.md
jk index A
expect_summary 0 1 0 $((NA - 1)) "a run on A does not touch B"
jk search vaultbsecond
expect_code 0 "a note deleted from B stays until B is re-indexed"

# `index` without a path updates every vault indexed before, from anywhere.
mkdir -p "$T/elsewhere"
cd "$T/elsewhere" || fail "cd"
jk index
expect_code 0 "index without a path (from another directory)"
expect_summary 0 0 1 $((NA + NB - 1)) "index without a path updates A and B"
cd "$T" || fail "cd"
NB=$((NB - 1))
jk search vaultbsecond
expect_code 1 "the note deleted from B is gone after 'jikji index'"
jk search vaultbword
expect_code 0 "B's other note is still there"
jk search yakbeacon
expect_code 0 "A's edit is there"

printf '# 다시\n\nreturnword\n' >B/sub/three.md
jk index -q
expect_code 0 "index -q without a path"
expect_empty "$ERR" "-q silences the summary"
jk search returnword
expect_code 0 "index -q without a path picked up B's new note"
NB=$((NB + 1))

# A single file as PATH.
mkdir -p "$T/C"
printf '# 단일 파일\n\nsinglefileword\n' >"$T/C/single.md"
printf '# 다른 파일\n\notherfileword\n' >"$T/C/other.md"
jk index C/single.md
expect_code 0 "index a single file"
expect_summary 1 0 0 0 "a single file is added"
jk search singlefileword
expect_code 0 "the single file is searchable"
jk search otherfileword
expect_code 1 "its sibling was not indexed"
jk index A B
expect_code 0 "re-index A and B"
jk search singlefileword
expect_code 0 "the single file stays after re-indexing other vaults"

# Twin notes (the same title and text, no date) tie on score.  Added one
# after the other, their sections are numbered the other way round from a
# rebuild's; every sort order must still give the same hits.
printf -- '---\ntitle: 쌍둥이 노트\n---\n\ntwinword 같은 답변.\n' >"$T/B/twin-z.md"
jk index -q B
cp "$T/B/twin-z.md" "$T/B/twin-a.md"
jk index -q B
expect_code 0 "twin notes added one after the other"
NB=$(count_notes B)
save_dated() { # PHASE: hits of the twins and others by date, then by path
    save_hits "$1-date" --sort date twinword vaultbword
    save_hits "$1-path" --sort path twinword vaultbword
}
same_dated() { # PHASE DESC
    json_checks "$T/inc-date.json" <<EOF
@ $2: the twins tie on score
len(set(h["score"] for h in recs if "twin" in h["path"])) == 1 and len([h for h in recs if "twin" in h["path"]]) == 2
@ $2: same hits in the same order with --sort date
pl(load("$1-date.json")) == pl(load("inc-date.json"))
@ $2: same hits in the same order with --sort path
pl(load("$1-path.json")) == pl(load("inc-path.json"))
EOF
}
save_dated inc

# --- --rebuild gives the same results -----------------------------------------------
QUERIES=("Kafka 재시도" "retry count" "장애 경험" "면접" "zebrafrosu vaultbword singlefileword returnword")
export NQ=${#QUERIES[@]}
i=0
for q in "${QUERIES[@]}"; do
    i=$((i + 1))
    save_hits "inc$i" "$q"
done
jk status
grep -E '^(notes|sections):' "$OUTF" >"$T/status-inc.txt"
[ -s "$T/status-inc.txt" ] || fail "status prints no 'notes:'/'sections:' lines"

# Compare the saved hits of phase $1 with the incremental ones.
same_hits() {
    local i=0 q
    for q in "${QUERIES[@]}"; do
        i=$((i + 1))
        save_hits "$1$i" "$q"
    done
    json_checks "$T/inc1.json" <<EOF
@ $2: some queries have hits
sum(len(load("inc%d.json" % i)) for i in range(1, int(E["NQ"]) + 1)) > 20
$(i=0; for q in "${QUERIES[@]}"; do
        i=$((i + 1))
        printf '@ %s: same hits (paths, lines, order) for %s\n' "$2" "$q"
        printf 'pl(load("%s%d.json")) == pl(load("inc%d.json"))\n' "$1" "$i" "$i"
    done)
EOF
}

jk index --rebuild A B C/single.md
expect_code 0 "index --rebuild A B C/single.md"
expect_summary $((NA + NB + 1)) 0 0 0 "--rebuild adds every note anew"
same_hits reb "--rebuild A B C/single.md"
save_dated reb
same_dated reb "--rebuild A B C/single.md"
jk status
grep -E '^(notes|sections):' "$OUTF" >"$T/status-reb.txt"
cmp -s "$T/status-reb.txt" "$T/status-inc.txt" ||
    fail "status differs after --rebuild: $(diff "$T/status-inc.txt" "$T/status-reb.txt")"
pass "--rebuild: status (notes, sections) is the same"

# `index --rebuild` without a path rebuilds every vault indexed before
# (README: "Without PATH, every vault indexed before is updated").
jk index --rebuild
expect_code 0 "index --rebuild without a path"
expect_summary $((NA + NB + 1)) 0 0 0 "--rebuild without a path re-adds every known vault"
same_hits rebnp "'index --rebuild' (no path)"
save_dated rebnp
same_dated rebnp "'index --rebuild' (no path)"

# A vault moved elsewhere and linked back (into a synced folder): the same
# vault at its new place, its notes moved (renamed, not added twice), the
# old path gone from the vault list; edits there are followed.  The same
# when the link is named as PATH.
for form in bare named; do
    rm -rf "$T/mv" "$T/mvdb"
    mkdir -p "$T/mv/notes/sub"
    printf '# 하나\n\nmvword 첫 노트\n' >"$T/mv/notes/one.md"
    printf '# 둘\n\nmvword 둘째 노트 oldword\n' >"$T/mv/notes/sub/two.md"
    printf '# 셋\n\nmvword 셋째\n' >"$T/mv/notes/three.md"
    jk --db "$T/mvdb" index -q "$T/mv/notes"
    mv "$T/mv/notes" "$T/mv/Synced-notes"
    ln -s Synced-notes "$T/mv/notes"
    printf '\nedited while away\n' >>"$T/mv/Synced-notes/three.md"
    if [ "$form" = bare ]; then
        jk --db "$T/mvdb" index
    else
        jk --db "$T/mvdb" index "$T/mv/notes"
    fi
    expect_code 0 "$form: index after the vault moved and was linked back"
    summary_counts
    [ "$ADDED $UPDATED $REMOVED $RENAMED" = "1 0 1 2" ] ||
        fail "$form: expected 1 added (the edited note), 1 removed (its old self), 2 renamed: $ERR"
    pass "$form: the two unchanged notes moved with their vault, the edited one is new"
    jk --db "$T/mvdb" search --json -n 20 mvword
    json_check "sorted(r['path'][r['path'].find('mv/') + 3:] for r in recs) == ['Synced-notes/one.md', 'Synced-notes/sub/two.md', 'Synced-notes/three.md']" \
        "$form: each note once, at its new path"
    jk --db "$T/mvdb" status
    expect_match "$OUT" "vault: +$T/mv/Synced-notes" "$form: the vault list holds the new folder"
    expect_not_contains "$OUT" "$T/mv/notes" "$form: not the old path"
    sed -i 's/oldword/newword/' "$T/mv/Synced-notes/sub/two.md"
    jk --db "$T/mvdb" index -q
    jk --db "$T/mvdb" search -c oldword
    expect_eq "$OUT" 0 "$form: an edit after the move replaces the old text"
done

# --rebuild with paths keeps only those: each vault of the index that none
# of them holds is named (a folder of a vault alone leaves the vault out).
rm -rf "$T/rbv" "$T/rbdb"
mkdir -p "$T/rbv/notes/sub" "$T/rbv/blog"
printf '# a\n\nrbword\n' >"$T/rbv/notes/sub/a.md"
printf '# b\n\nrbword\n' >"$T/rbv/notes/b.md"
printf '# c\n\nrbword\n' >"$T/rbv/blog/c.md"
jk --db "$T/rbdb" index -q "$T/rbv/notes" "$T/rbv/blog"
jk --db "$T/rbdb" index --rebuild "$T/rbv/notes/sub"
expect_code 0 "--rebuild of a folder of one vault"
expect_contains "$ERR" "the vault $T/rbv/notes will not be in the rebuilt index" "the vault it is part of is named"
expect_contains "$ERR" "the vault $T/rbv/blog will not be in the rebuilt index" "the other vault is named"
jk --db "$T/rbdb" index --rebuild
expect_not_contains "$ERR" "warning" "--rebuild without a path warns of nothing"

# A folder (or a note) indexed as a vault before the vault around it: the
# outer vault absorbs it, its notes read again with paths from the outer
# folder (path: finds them as a rebuild would), and it leaves the vault
# list, so renaming it later warns of no missing vault.
rm -rf "$T/nest" "$T/nestdb"
mkdir -p "$T/nest/notes/inner"
printf '# a\n\nnestword\n' >"$T/nest/notes/inner/a.md"
printf '# b\n\nnestword\n' >"$T/nest/notes/inner/b.md"
printf '# c\n\nnestword\n' >"$T/nest/notes/c.md"
printf '# d\n\nnestword\n' >"$T/nest/notes/d.md"
jk --db "$T/nestdb" index -q "$T/nest/notes/inner" "$T/nest/notes/d.md"
jk --db "$T/nestdb" index "$T/nest/notes"
expect_code 0 "the outer vault after two parts of it"
jk --db "$T/nestdb" status
expect_eq "$(grep -c '^vault:' "$OUTF")" 1 "one vault left: the outer one"
jk --db "$T/nestdb" search -c 'path:inner/ nestword'
expect_eq "$OUT" 2 "the inner folder's notes have paths from the outer vault"
mv "$T/nest/notes/inner" "$T/nest/notes/inner-2024"
rm "$T/nest/notes/d.md"
jk --db "$T/nestdb" index
expect_code 0 "after the inner folder was renamed and the note deleted"
expect_not_contains "$ERR" "no longer exists" "no missing vault is reported"
jk --db "$T/nestdb" index --rebuild
expect_code 0 "--rebuild works (no vault is missing)"

# The same for a note indexed alone, moved and linked back, and for a
# vault moved into another one: each note once, the list without the old
# path; --rebuild with the link's path names no vault as left out.
rm -rf "$T/mv1" "$T/mv1db"
mkdir -p "$T/mv1/Synced"
printf '# 하나\n\nmv1word\n' >"$T/mv1/n.md"
jk --db "$T/mv1db" index -q "$T/mv1/n.md"
mv "$T/mv1/n.md" "$T/mv1/Synced/n.md"
ln -s Synced/n.md "$T/mv1/n.md"
jk --db "$T/mv1db" index
summary_counts
[ "$RENAMED" = 1 ] || fail "a note vault moved and linked back: renamed, got $ERR"
jk --db "$T/mv1db" status
expect_match "$OUT" "notes: +1$" "one note, not two"
expect_match "$OUT" "vault: +$T/mv1/Synced/n.md" "the vault is the note at its new place"
rm -rf "$T/mv2" "$T/mv2db"
mkdir -p "$T/mv2/a" "$T/mv2/b"
printf '# A\n\nmv2word\n' >"$T/mv2/a/a.md"
printf '# B\n\nmv2word\n' >"$T/mv2/b/b.md"
jk --db "$T/mv2db" index -q "$T/mv2/a" "$T/mv2/b"
mv "$T/mv2/b" "$T/mv2/a/b"
ln -s a/b "$T/mv2/b"
jk --db "$T/mv2db" index
expect_code 0 "a vault moved into another and linked back"
jk --db "$T/mv2db" status
expect_match "$OUT" "notes: +2$" "each note once"
expect_eq "$(grep -c '^vault:' "$OUTF")" 1 "one vault: the one it moved into"
jk --db "$T/mv2db" index --rebuild "$T/mv2/a"
expect_not_contains "$ERR" "will not be in the rebuilt index" "--rebuild of the outer vault leaves none out"

# A vault in a folder the outer vault's walks leave out: named as it
# leaves the index (with the other order, the folder is refused).
rm -rf "$T/lo" "$T/lodb"
mkdir -p "$T/lo/v/.archive"
printf '# t\n\nloword\n' >"$T/lo/v/t.md"
printf '# h\n\nloword\n' >"$T/lo/v/.archive/h.md"
jk --db "$T/lodb" index -q "$T/lo/v/.archive"
jk --db "$T/lodb" index "$T/lo/v"
expect_contains "$ERR" ".archive: a vault inside $T/lo/v, in a folder its walks leave out" "the left-out vault is named"

# --forget of a vault moved and linked back before any run followed it:
# by its old path, as status still lists it.
rm -rf "$T/fg" "$T/fgdb"
mkdir -p "$T/fg/notes"
printf '# a\n\nfgword\n' >"$T/fg/notes/a.md"
jk --db "$T/fgdb" index -q "$T/fg/notes"
mv "$T/fg/notes" "$T/fg/Synced"
ln -s Synced "$T/fg/notes"
jk --db "$T/fgdb" index --forget "$T/fg/notes"
expect_code 0 "--forget by the old path, through the link"
jk --db "$T/fgdb" status
expect_match "$OUT" "notes: +0$" "its note is gone"
expect_not_contains "$OUT" "vault:" "and so is the vault"

# A note moved into a vault listed after its own is a rename too, not a
# note read again (its removal waited for the walk of the other vault).
rm -rf "$T/mv2" "$T/mv2db"
mkdir -p "$T/mv2/a" "$T/mv2/b"
printf -- '---\ntitle: Kafka retry\n---\n\n## Why\n\nmvtwoword backoff\n' >"$T/mv2/a/n.md"
printf '# other\n\ntext\n' >"$T/mv2/b/o.md"
jk --db "$T/mv2db" index -q "$T/mv2/a" "$T/mv2/b"
for step in "a b" "b a"; do
    from=${step% *} to=${step#* }
    mv "$T/mv2/$from/n.md" "$T/mv2/$to/n.md"
    jk --db "$T/mv2db" index
    summary_counts
    [ "$ADDED $REMOVED $RENAMED" = "0 0 1" ] ||
        fail "a note moved from vault $from to $to: 1 renamed expected (got $ADDED added, $REMOVED removed, $RENAMED renamed)"
    pass "a note moved from vault $from to $to is renamed"
    jk --db "$T/mv2db" search -l mvtwoword
    expect_eq "$OUT" "mv2/$to/n.md" "found in vault $to only"
done

# A part of a vault moved and linked back, indexed before any run followed
# the vault: the run follows the whole vault, the part is no vault.
rm -rf "$T/pm" "$T/pmdb"
mkdir -p "$T/pm/v/sub" "$T/pm/aux"
printf '# A\n\npmword a\n' >"$T/pm/v/sub/a.md"
jk --db "$T/pmdb" index -q "$T/pm/v"
mv "$T/pm/v" "$T/pm/aux/v"
ln -s aux/v "$T/pm/v"
jk --db "$T/pmdb" index "$T/pm/v/sub"
expect_code 0 "a part of a moved vault indexed"
jk --db "$T/pmdb" status
expect_match "$OUT" "notes: +1$" "its note is there once"
expect_eq "$(grep -c '^vault:' <<<"$OUT")" 1 "one vault"
expect_contains "$OUT" "vault:    $T/pm/aux/v" "the vault where it is now"

# A vault moved to a folder with a line break in its name and linked
# back: a plain run and status go on, the vault left as it was.
rm -rf "$T/nl" "$T/nldb"
mkdir -p "$T/nl/v" "$T/nl/w" "$T/nl/aux"
printf '# a\n\nnlalpha\n' >"$T/nl/v/a.md"
printf '# c\n\nnlgamma\n' >"$T/nl/w/c.md"
jk --db "$T/nldb" index -q "$T/nl/v" "$T/nl/w"
mv "$T/nl/v" "$T/nl/aux/new
line"
ln -s "aux/new
line" "$T/nl/v"
printf '# d\n\nnldelta\n' >"$T/nl/w/d.md"
jk --db "$T/nldb" index
expect_code 0 "a plain run with a vault moved to a path with a line break"
expect_contains "$ERR" "line break" "the warning says why"
expect_contains "$ERR" "left as is" "and that the vault is left as is"
jk --db "$T/nldb" search -c nldelta
expect_eq "$OUT" 1 "the other vault is updated"
jk --db "$T/nldb" search -c nlalpha
expect_eq "$OUT" 1 "the moved vault's note stays"
jk --db "$T/nldb" status
expect_code 0 "status works"

# ... and by where it is now, a note of it or the whole vault.
rm -rf "$T/fg" "$T/fgdb"
mkdir -p "$T/fg/notes/sub"
printf '# a\n\nfgword\n' >"$T/fg/notes/a.md"
printf '# b\n\nfgword\n' >"$T/fg/notes/sub/b.md"
jk --db "$T/fgdb" index -q "$T/fg/notes"
mv "$T/fg/notes" "$T/fg/Synced"
ln -s Synced "$T/fg/notes"
jk --db "$T/fgdb" index --forget "$T/fg/Synced/sub/b.md"
expect_code 0 "--forget of a note by the vault's new path"
jk --db "$T/fgdb" status
expect_match "$OUT" "notes: +1$" "that note is gone"
jk --db "$T/fgdb" index --forget "$T/fg/Synced"
expect_code 0 "--forget of the vault by its new path"
jk --db "$T/fgdb" status
expect_match "$OUT" "notes: +0$" "its notes are gone"
expect_not_contains "$OUT" "vault:" "and so is the vault"

# An edit that keeps the size and puts the old mtime back (cp -p, touch -r,
# an editor's "keep the date") still changes the inode's ctime: the note is
# read again (it stayed at its old text, since size and mtime matched).
mkdir -p "$T/keep"
printf '# m\n\nmeeting on monday\n' >"$T/keep/a.md"
cp -p "$T/keep/a.md" "$T/keep.ref"
jk --db "$T/keepdb" index -q "$T/keep"
sleep 0.05
printf '# m\n\nmeeting on sunday\n' >"$T/keep/a.md"
touch -r "$T/keep.ref" "$T/keep/a.md"
jk --db "$T/keepdb" status --json
json_check 'allrecs[0]["changed_since"]["changed"] == 1' "status counts the note as changed"
jk --db "$T/keepdb" index "$T/keep"
expect_match "$ERR" "0 added, 1 updated" "the note is read again"
jk --db "$T/keepdb" search -c sunday
expect_eq "$OUT" "1" "its new text is found"
jk --db "$T/keepdb" search -c monday
expect_eq "$OUT" "0" "its old text is not"
jk --db "$T/keepdb" index "$T/keep"
expect_match "$ERR" "0 updated, 0 removed, 1 unchanged" "the next run finds it unchanged"

done_testing
