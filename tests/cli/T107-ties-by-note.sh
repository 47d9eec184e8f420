#!/usr/bin/env bash
# T107: equal scores and the search by note (README "Result order", -l).
# Many notes with the same text and date tie on score and on date; their
# order is fixed by a key of each note's full path (schema 7), so:
#   - a page (--offset/-n) of --sort date or relevance is the same slice of
#     the whole list, also where a page ends inside a group of ties that
#     goes on past it (jikji then orders that group with a search of its
#     date alone; by relevance, Xapian ranks by score and section number,
#     and jikji orders the ties that reach into the page, fetched whole
#     with a margin around it, or leaves a group of ties longer than
#     thousands of hits to Xapian's own sort);
#   - copies of one note at the same place in two vaults come in the same
#     order whichever vault was indexed first;
#   - -l gives each note once, at its best section, in the order of the
#     notes' first hits, also for a note whose every section matches
#     (Xapian collapses the matches by note: -l and --sort date took 106 s
#     and 10 s for a note of 560,000 sections).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/A/notes" "$T/B/notes"
for i in $(seq -w 1 40); do
    printf -- '---\ntitle: 같은 답변\ndate: 2024-05-01\n---\n\n# 답변\n\ntieword 같은 답변입니다.\n' \
        >"$T/A/notes/twin-$i.md"
done
# Copies of A's notes at the same place in B.
cp "$T/A/notes/"*.md "$T/B/notes/"
# One note whose 400 sections all match, and two that score higher.
{
    printf -- '---\ntitle: 큰 노트\ndate: 2024-05-01\n---\n\n'
    for i in $(seq 1 400); do printf '## 항목 %d\n\ntieword 기록 %d\n\n' "$i" "$i"; done
} >"$T/A/big.md"
printf -- '---\ndate: 2023-01-01\n---\n\n# tieword tieword\n\ntieword tieword tieword\n' >"$T/A/strong.md"
printf '# 날짜 없음\n\ntieword tieword 날짜 없는 노트\n' >"$T/B/nodate.md"

save() { # NAME ARGS...: the hits of `search --json ARGS`
    local name=$1
    shift
    jk search --json "$@"
    expect_code 0 "search $*"
    cp "$OUTF" "$T/$name.json"
}

jk index -q A B
expect_code 0 "index A, then B"
jk search -c tieword
expect_eq "$OUT" 482 "every section of the 83 notes matches"

# --- pages are slices of the whole list ------------------------------------
for order in relevance date; do
    save "all-$order" --sort "$order" -n 1000 tieword
    # Pages of 7: most of them end inside a group of ties that goes on.
    for off in 0 7 14 21 35 77 84 119 399 476; do
        save "page-$order-$off" --sort "$order" -n 7 --offset "$off" tieword
    done
    json_checks "$T/all-$order.json" <<EOF
@ --sort $order: all 482 sections
len(recs) == 482
@ --sort $order: each page is its slice of the whole list
none(o for o in (0, 7, 14, 21, 35, 77, 84, 119, 399, 476) if pl(load("page-$order-%d.json" % o)) != pl(recs)[o:o + 7])
@ --sort $order: a note's sections of equal score come in the note's order
none(a for a, b in zip(recs, recs[1:]) if a["path"] == b["path"] and a["score"] == b["score"] and a["line"] > b["line"])
EOF
done
json_checks "$T/all-date.json" <<'EOF'
@ --sort date: newest first, notes without a date last
[r["date"] for r in recs] == sorted((r["date"] for r in recs if r["date"]), reverse=True) + [None]
EOF

# --- -l: each note once, in the order of its first hit -------------------------
for order in relevance date path; do
    save "notes-$order" -l --sort "$order" tieword
    save "secs-$order" --sort "$order" -n 1000 tieword
    save "notes-$order-p2" -l --sort "$order" -n 10 --offset 30 tieword
    json_checks "$T/notes-$order.json" <<EOF
@ -l --sort $order: 83 notes, each once
len(recs) == 83 and len(set(paths(recs))) == 83
@ -l --sort $order: in the order of each note's first section in the list of sections
paths(recs) == list(dict.fromkeys(paths(load("secs-$order.json"))))
@ -l --sort $order: each note at its first section there
pl(recs) == [next((r["path"], r["line"]) for r in load("secs-$order.json") if r["path"] == p) for p in paths(recs)]
@ -l --sort $order --offset 30 -n 10: the notes 31 to 40
paths(load("notes-$order-p2.json")) == paths(recs)[30:40]
EOF
done
# Two words: the big note has both (the first tier), the others one (the
# next tier); pages of notes run across the two.
save notes-two -l "tieword 기록"
for off in 0 1 5; do
    save "notes-two-$off" -l -n 4 --offset "$off" "tieword 기록"
done
json_checks "$T/notes-two.json" <<'EOF'
@ -l of two words: the note with both first, then the 82 others, each once
paths(recs)[0] == "A/big.md" and len(recs) == 83 and len(set(paths(recs))) == 83
@ -l of two words: pages across the two tiers are slices of the list
none(o for o in (0, 1, 5) if paths(load("notes-two-%d.json" % o)) != paths(recs)[o:o + 4])
EOF
run_capped 20 200 "$JIKJI" search -l 기록
expect_code 0 "-l of the note whose every section matches"
expect_eq "$(printf '%s\n' "$OUT" | grep -c .)" 1 "that note comes once"
expect_contains "$OUT" "big.md" "it is the big note"

# --- copies in two vaults: the same order whichever was indexed first ---------
JIKJI_DB="$T/db-ba" jk index -q B A
expect_code 0 "index B, then A, into another index"
for order in relevance date; do
    JIKJI_DB="$T/db-ba" save "ba-$order" --sort "$order" -n 1000 tieword
    json_check "pl(recs) == pl(load('all-$order.json'))" \
        "--sort $order: copies in two vaults come in the same order either way" "$T/ba-$order.json"
done
JIKJI_DB="$T/db-ba" save "ba-notes" -l tieword
json_check "paths(recs) == paths(load('notes-relevance.json'))" \
    "-l: the same notes in the same order either way" "$T/ba-notes.json"

done_testing
