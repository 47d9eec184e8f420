#!/usr/bin/env bash
# shellcheck disable=SC2154 # the J_* variables are set by json_vars
# T140: the other commands (README "jikji similar", "jikji tags", "jikji
# status", "jikji show --context", "jikji help"): similar leaves its own
# section out and takes the output options, exit 2 for a note not indexed or
# a bad PATH:LINE; tags counts notes per tag; status reports what index
# reported and what changed since; show --context prints the parent question
# first; help COMMAND for every command.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/vault"

jk index vault
expect_code 0 "index samples"
re='index: ([0-9]+) notes, ([0-9]+) sections'
[[ $ERR =~ $re ]] || fail "the index summary should end with 'index: N notes, M sections': [$ERR]"
IDX_NOTES=${BASH_REMATCH[1]} IDX_SECTIONS=${BASH_REMATCH[2]}
expect_eq "$IDX_NOTES" "$(count_notes vault)" "index reports every note of the samples"

# --- similar ---------------------------------------------------------------------------------
jk search --json -n 1 "Kafka 재시도"
expect_code 0 "search for the Kafka retry answer"
json_vars 1 "$OUTF" path line end_line
P=$J_path L=$J_line EL=$J_end_line
expect_eq "$P" "vault/interviews/2024-coupang-backend.md" "setup: the Kafka retry answer is in the coupang note"

jk similar "$P:$L"
expect_code 0 "similar $P:$L"
expect_empty "$ERR" "similar: nothing on stderr"
expect_nonempty "$OUT" "similar prints sections"
cp "$OUTF" "$T/sim.txt"
jk similar --json -n 50 "$P:$L"
expect_code 0 "similar --json"
cp "$OUTF" "$T/sim.json"
export P L EL
json_checks "$T/sim.json" <<'EOF'
@ similar --json: hits, then one summary (version 1, hits counted)
len(recs) >= 3 and allrecs[-1]["type"] == "summary" and allrecs[-1]["version"] == 1 and allrecs[-1]["hits"] == len(recs)
@ similar never returns the section itself
(E["P"], int(E["L"])) not in pl(recs)
@ similar: no hit overlaps the section's lines
none(pl(r for r in recs if r["path"] == E["P"] and r["line"] <= int(E["EL"]) and r["end_line"] >= int(E["L"])))
@ similar: other sections of the same story (a follow-up of the same question) are among the first five
any(r["path"] == E["P"] and "꼬리" in r["headings"][-1] or "재시도" in r["snippet"] or "retry" in r["snippet"].lower()
    for r in recs[:5])
@ similar: ranks 1..N
[r["rank"] for r in recs] == list(range(1, len(recs) + 1))
@ similar: the piped lines are the first 10 hits
[tuple(l.split("\t")[0].split(":")[:2]) for l in open("sim.txt", encoding="utf-8").read().splitlines()] == [(p, str(l)) for p, l in pl(recs[:10])]
EOF
# A line inside the section (not its heading) names the same section.
jk similar --json -n 50 "$P:$((L + 3))"
expect_code 0 "similar at a line inside the section"
json_check 'pl(recs) == pl(load("sim.json")) and (E["P"], int(E["L"])) not in pl(recs)' \
    "similar PATH:LINE inside the section: the same list, still without the section"
jk similar -l "$P:$L"
expect_code 0 "similar -l"
cp "$OUTF" "$T/sim-l.txt"
jk similar --json -n 1000 "$P:$L"
cp "$OUTF" "$T/sim-all.json"
json_checks "$T/sim-all.json" <<'EOF'
@ similar -l: each note once, notes that exist, in the order of their first hit
(lambda ls: len(ls) == len(set(ls)) and all(os.path.isfile(p) for p in ls) and ls == list(dict.fromkeys(paths(recs))))(open("sim-l.txt", encoding="utf-8").read().splitlines())
EOF
for n in 1 3; do
    jk similar --limit "$n" "$P:$L"
    expect_code 0 "similar --limit $n"
    expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "$n" "similar --limit $n prints $n lines"
done
# A path that is not there, or a folder: the same words as show's.
jk similar "$T/nothere.md:1"
expect_code 2 "similar of a missing note: exit 2"
expect_eq "$ERR" "jikji: error: $T/nothere.md: No such file or directory" "similar of a missing note: says so, as show does"
mkdir -p "$T/afolder"
jk similar "$T/afolder:1"
expect_code 2 "similar of a folder: exit 2"
expect_eq "$ERR" "jikji: error: $T/afolder: not a regular file" "similar of a folder: not a regular file"
jk similar -n 2 --offset 2 --json "$P:$L"
json_check 'pl(recs) == pl(load("sim.json"))[2:4] and [r["rank"] for r in recs] == [3, 4]' "similar --offset 2 -n 2"
jk similar -c "$P:$L"
expect_code 0 "similar -c"
expect_match "$OUT" '^[0-9]+$' "similar -c prints one integer"
json_check "len(recs) == int('$OUT')" "similar -c equals the hits with a large limit" "$T/sim-all.json"
jk similar --vimgrep -n 3 "$P:$L"
expect_code 0 "similar --vimgrep"
expect_match "$OUT" '^[^:]+:[0-9]+:[0-9]+:' "similar --vimgrep lines are PATH:LINE:COL:..."
jk similar --explain -n 1 "$P:$L"
expect_code 0 "similar --explain"
expect_match "$ERR" '^similar: [^ ]+( OR [^ ]+)+$' "similar --explain first prints its query: words joined with OR"
expect_contains "$ERR" 'synonyms: 재시도 ->' "... then how each word is searched"
SIMILAR_QUERY=$(printf '%s\n' "$ERR" | head -1)
jk show "$P:$L"
SECTION_TEXT=$OUT
export SECTION_TEXT
py_assert "every word of the similar query is a word of the section (no fragment of an ending)" "$SIMILAR_QUERY" <<'EOF'
import sys
words = sys.argv[1][len("similar: "):].split(" OR ")
text = E["SECTION_TEXT"].lower()
assert len(words) >= 10, words
missing = [w for w in words if w not in text]
assert not missing, missing
assert "재시도" in words and "컨슈머" in words, words
EOF

# A vault of two notes: the other one, about the same topic, is found
# (Xapian's expand set, used before, weighed every term of so small an
# index at zero or less, and similar found nothing).
mkdir "$T/small"
printf '# 재시도 설계\n\n컨슈머가 실패하면 재시도 토픽으로 보낸다. 재시도 횟수는 헤더에 둔다.\n' >"$T/small/a.md"
printf '# 리트라이 회고\n\n재시도 토픽을 나눈 이유와 컨슈머 설정.\n' >"$T/small/b.md"
jk --db "$T/db-small" index -q small
jk --db "$T/db-small" similar --json small/a.md:1
expect_code 0 "similar in a vault of two notes"
expect_eq "$(json_field path)" "small/b.md" "similar in a small vault finds the other note about the topic"
# No word in common with another section: no hit (exit 1), not an error.
printf '# 캐시 정리\n\n레디스 만료와 TTL. 그래서 좋았습니다.\n' >"$T/small/c.md"
jk --db "$T/db-small" index -q small
jk --db "$T/db-small" similar --json small/c.md:3
expect_code 1 "similar of a section sharing no word with the others finds nothing"
json_check 'recs == [] and allrecs[-1]["hits"] == 0' "... and --json says hits 0"
jk --db "$T/db-small" similar --explain small/c.md:3
expect_contains "$ERR" "similar: (no word of the section is in another section)" "--explain says why"
# A note of front matter alone: its title and tags are its words.
printf -- '---\ntitle: 빈 노트\ntags: [컨슈머]\n---\n' >"$T/small/fm.md"
jk --db "$T/db-small" index -q small
jk --db "$T/db-small" similar --json small/fm.md:4
expect_code 0 "similar of a note of front matter alone"
json_check 'set(paths(recs)) == {"small/a.md", "small/b.md"}' "... finds the notes sharing its tag's word"
# A note changed since it was indexed: said, not answered with another section.
printf '# 새 절\n\n재시도\n\n' | cat - "$T/small/a.md" >"$T/small/a2" && mv "$T/small/a2" "$T/small/a.md"
jk --db "$T/db-small" similar small/a.md:1
expect_code 2 "similar of a note changed since indexed"
expect_contains "$ERR" "small/a.md changed since it was indexed: run 'jikji index' first" "... says so"
jk --db "$T/db-small" similar "$T/small-not-indexed.md:1"
expect_code 2 "similar of a file that does not exist"
printf '# x\n\ny\n' >"$T/elsewhere.md"
jk --db "$T/db-small" similar "$T/elsewhere.md:1"
expect_code 2 "similar of a note outside the index"
expect_contains "$ERR" "is not in the index: index its folder with 'jikji index DIR'" "... says how to index it"

# Errors: exit 2, one error line.
printf '# 색인 안 됨\n\nkafka 재시도 이야기.\n' >"$T/not-indexed.md"
for arg in "$T/not-indexed.md:1" "not-indexed.md:3" "$T/no-such-file.md:1" "$P" "$P:" "$P:abc" "$P:0" "$P:-1" ":12" "$P:1x"; do
    jk similar "$arg"
    expect_code 2 "similar $arg"
    expect_error "similar $arg"
    expect_empty "$OUT" "similar $arg: nothing on stdout"
done
jk similar "$T/not-indexed.md:1"
expect_contains "$ERR" "not-indexed.md" "similar: the error names the note that is not indexed"
jk similar
expect_code 2 "similar without PATH:LINE"
expect_error "similar without PATH:LINE"

# --- tags ---------------------------------------------------------------------------------------
jk tags
expect_code 0 "tags"
cp "$OUTF" "$T/tags.txt"
jk tags --json
expect_code 0 "tags --json"
cp "$OUTF" "$T/tags.json"
# What the samples say about a few tags: front matter tags (a list, a block
# list or a string) and inline #tags, counted once per note.
py - "$T/vault" >"$T/expect-tags.txt" <<'EOF' || fail "setup: cannot count the tags of the samples"
import glob, os, re, sys
counts = {}
for path in glob.glob(os.path.join(sys.argv[1], "**", "*.*"), recursive=True):
    text = open(path, encoding="utf-8-sig").read()
    tags = set()
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    if m:
        lines = m.group(1).split("\n")
        for i, line in enumerate(lines):
            if line.startswith("tags:"):
                v = line[5:].strip()
                if v.startswith("["):
                    tags |= {t.strip().strip("'\"").lower() for t in v.strip("[]").split(",") if t.strip()}
                elif v:
                    tags.add(v.strip("'\"").lower())
                else:
                    for l2 in lines[i + 1:]:
                        if not l2.startswith(("  -", "- ")):
                            break
                        tags.add(l2.split("-", 1)[1].strip().strip("'\"").lower())
        body = text[m.end():]
    else:
        body = text
    for t in ("kafka", "redis", "outbox", "회고"):
        if re.search(r"(^|\s)#" + t + r"(\s|$)", body, re.I):
            tags.add(t)
    for t in tags:
        counts[t] = counts.get(t, 0) + 1
for t in ("kafka", "redis", "outbox", "회고", "project", "airflow"):
    print("%s %d" % (t, counts.get(t, 0)))
EOF
json_checks "$T/tags.json" <<'EOF'
@ tags --json: one {"tag", "notes"} object per line
len(allrecs) >= 10 and all(set(r) >= {"tag", "notes"} and isinstance(r["tag"], str) and is_int(r["notes"]) and r["notes"] >= 1 for r in allrecs)
@ tags --json: each tag once, in lower case
len({r["tag"] for r in allrecs}) == len(allrecs) and all(r["tag"] == r["tag"].lower() for r in allrecs)
@ tags --json: most used first
[r["notes"] for r in allrecs] == sorted([r["notes"] for r in allrecs], reverse=True)
@ tags: the text output lists the same tags and counts, in the same order
[tuple(l.split()) for l in open("tags.txt", encoding="utf-8").read().splitlines()] == [(str(r["notes"]), r["tag"]) for r in allrecs]
@ tags: the counts of kafka, redis, outbox, 회고, project, airflow agree with the samples' front matter and inline tags
{r["tag"]: r["notes"] for r in allrecs if r["tag"] in ("kafka", "redis", "outbox", "회고", "project", "airflow")} == {l.split()[0]: int(l.split()[1]) for l in open("expect-tags.txt", encoding="utf-8").read().splitlines()}
@ tags: kafka is on 3 notes (baemin: a string, coupang and kafka-pipeline: lists)
{r["tag"]: r["notes"] for r in allrecs}["kafka"] == 3
EOF
# A tag's count is the number of notes that tag:NAME finds.
jk search -l tag:kafka
expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 3 "search -l tag:kafka lists the 3 notes that tags counts"
mkdir -p "$T/untagged"
printf '# 태그 없는 노트\n\n본문만 있다.\n' >"$T/untagged/a.md"
jk --db "$T/db-untagged" index -q untagged
expect_code 0 "index a vault without tags"
jk --db "$T/db-untagged" tags
expect_code 1 "tags on an index without tags: exit 1"
expect_empty "$OUT" "tags without tags: nothing on stdout"
jk --db "$T/no-index" tags
expect_code 2 "tags without an index"
expect_error "tags without an index"

# --- status -------------------------------------------------------------------------------------
jk status
expect_code 0 "status"
cp "$OUTF" "$T/status.txt"
field() { sed -n "s/^$1: *//p" "$T/status.txt" | head -n 1; }
expect_eq "$(field index)" "$JIKJI_DB" "status: index is the index directory"
expect_eq "$(field vault)" "$T/vault" "status: vault is the absolute path of the vault"
expect_eq "$(field notes)" "$IDX_NOTES" "status: notes == what index reported"
expect_eq "$(field sections)" "$IDX_SECTIONS" "status: sections == what index reported"
expect_match "$(field size)" '^[0-9.]+ [KMG]?B$' "status: size in (K/M/G)B"
expect_match "$(field updated)" '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}' "status: updated is a date and time"
expect_match "$(field since)" '^0 new, 0 changed, 0 deleted notes' "status right after index: nothing changed since"
jk status --json
expect_code 0 "status --json"
export IDX_NOTES IDX_SECTIONS
json_checks <<'EOF'
@ status --json: one object
len(allrecs) == 1
@ status --json: index, vaults, notes, sections
allrecs[0]["index"] == E["JIKJI_DB"] and allrecs[0]["vaults"] == [E["T"] + "/vault"]
and allrecs[0]["notes"] == int(E["IDX_NOTES"]) and allrecs[0]["sections"] == int(E["IDX_SECTIONS"])
@ status --json: size_bytes and updated are positive integers (updated: Unix time, recent)
is_int(allrecs[0]["size_bytes"]) and allrecs[0]["size_bytes"] > 0 and is_int(allrecs[0]["updated"])
and abs(allrecs[0]["updated"] - __import__("time").time()) < 3600
@ status --json: changed_since all 0
allrecs[0]["changed_since"] == {"added": 0, "changed": 0, "reread": 0, "deleted": 0, "skipped": 0}
@ status --json: no missing vault
allrecs[0]["missing_vaults"] == []
EOF
# A relative --db is printed absolute, as the vaults are.
run sh -c 'cd "$(dirname "$JIKJI_DB")" && exec "$1" --db "$(basename "$JIKJI_DB")" status --json' sh "$JIKJI"
json_check 'allrecs[0]["index"] == E["JIKJI_DB"]' "status --json: a relative --db is printed absolute"

# A vault deleted after indexing: status names it and how to drop its notes,
# and a snippet of one of its notes says the note is gone.
mkdir -p "$T/gone"
printf '# 사라질 노트\n\ngonevaultword 메모\n' >"$T/gone/g.md"
jk --db "$T/dbgone" index -q "$T/gone"
rm -rf "$T/gone"
jk --db "$T/dbgone" status
expect_code 0 "status with a deleted vault"
expect_contains "$OUT" "vault:    $T/gone (no longer exists: its notes stay in the index until 'jikji index --forget $T/gone')" \
    "status says the vault no longer exists and how to drop its notes"
jk --db "$T/dbgone" status --json
json_check 'allrecs[0]["missing_vaults"] == [E["T"] + "/gone"]' "status --json: missing_vaults lists it"
# ... and so is a vault whose folder is now a file.
printf 'not a folder\n' >"$T/gone"
jk --db "$T/dbgone" status --json
json_check 'allrecs[0]["missing_vaults"] == [E["T"] + "/gone"]' "status --json: a vault replaced by a file is missing too"
jk --db "$T/dbgone" status
expect_contains "$OUT" "vault:    $T/gone (no longer a folder: its notes stay in the index until 'jikji index --forget $T/gone')" \
    "status says a vault replaced by a file is no longer a folder"
jk --db "$T/dbgone" index
expect_code 0 "a plain run with a vault replaced by a file"
expect_contains "$ERR" "gone: vault is no longer a folder (a file now, not a note); left as is" \
    "index says it as status does, not that the vault is not a note"
rm "$T/gone"
jk --db "$T/dbgone" search gonevaultword
expect_code 0 "its note is still found"
expect_contains "$OUT" "(note gone since indexed; run jikji index, or jikji index --forget PATH for a vault you removed)" \
    "the snippet says the note is gone and names --forget"
# A gone note's hit, then one of a note that only changed: each says which.
mkdir -p "$T/gc"
printf '# A\n\ngcword one\n' >"$T/gc/a.md"
printf '# C\n\ngcword gcword gcword gcword\n' >"$T/gc/c.md"
jk --db "$T/dbgc" index -q "$T/gc"
rm "$T/gc/c.md"
echo more >>"$T/gc/a.md"
jk --db "$T/dbgc" search --json gcword
json_check '[r["snippet"][:18] for r in recs] == ["(note gone since i", "(note changed sinc"]' \
    "after a gone note's hit, a changed note's hit says changed, not gone"

# Edit, touch, add and delete without re-indexing.
echo "한 줄 더 (size changes)" >>vault/qna/behavioral.md
touch -d '2001-02-03 04:05:06' vault/jd/2024-coupang-backend-jd.md
rm vault/retro/2024-h2-retro.md
printf '# 새 노트\n\nnewnoteword\n' >vault/new-note.md
mkdir -p vault/newdir
printf '# 새 노트 둘\n\nnewnoteword\n' >vault/newdir/second.md
printf 'not a note\n' >vault/newdir/ignored.png
mkdir -p vault/.obsidian
printf '# hidden\n' >vault/.obsidian/hidden.md
jk status
expect_code 0 "status after changes"
cp "$OUTF" "$T/status.txt"
expect_match "$(field since)" '^2 new, 2 changed, 1 deleted notes' \
    "status: 2 new, 2 changed (an edit, a touch), 1 deleted (hidden and non-note files do not count)"
expect_eq "$(field notes)" "$IDX_NOTES" "status still reports the indexed notes"
jk status --json
json_check 'allrecs[0]["changed_since"] == {"added": 2, "changed": 2, "reread": 0, "deleted": 1, "skipped": 0}' "status --json: changed_since 2, 2, 1"
jk search newnoteword
expect_code 1 "the new notes are not searchable before index"
jk index
expect_code 0 "index again"
expect_summary 2 1 1 $((IDX_NOTES - 2)) "index: 2 added, 1 updated (the touch re-reads nothing), 1 removed"
jk status
cp "$OUTF" "$T/status.txt"
expect_match "$(field since)" '^0 new, 0 changed, 0 deleted notes' "status after index: nothing since"
expect_eq "$(field notes)" "$((IDX_NOTES + 1))" "status: one note more"
jk --db "$T/no-index" status --json
expect_code 2 "status --json without an index"
expect_error "status --json without an index"

# --- show --context ---------------------------------------------------------------------------------
NOTE=vault/interviews/2024-coupang-backend.md
FL=$(grep -n -F -x '#### 🎯 1차 꼬리 질문' "$NOTE" | cut -d: -f1)
PL=$(grep -n -F -x '### 2번 질문: 컨슈머 처리 실패 시 재시도는 어떻게 하나요?' "$NOTE" | cut -d: -f1)
{ [ -n "$FL" ] && [ -n "$PL" ]; } || fail "setup: headings not found in $NOTE"
jk show "$NOTE:$FL"
expect_code 0 "show the follow-up"
expect_not_contains "$OUT" "### 2번 질문" "show without --context: no parent question"
jk show --context "$NOTE:$FL"
expect_code 0 "show --context the follow-up"
cp "$OUTF" "$T/ctx.txt"
pq=$(grep -n -F -x '### 2번 질문: 컨슈머 처리 실패 시 재시도는 어떻게 하나요?' "$T/ctx.txt" | head -n 1 | cut -d: -f1)
fq=$(grep -n -F -x '#### 🎯 1차 꼬리 질문' "$T/ctx.txt" | head -n 1 | cut -d: -f1)
{ [ -n "$pq" ] && [ -n "$fq" ] && [ "$pq" -lt "$fq" ]; } ||
    fail "show --context: the parent question (line $pq of the output) should come before the follow-up (line $fq)"
pass "show --context prints the parent question before the follow-up"
expect_contains "$OUT" "재시도 전략을 설명해 주세요" "show --context: the parent's text"
expect_contains "$OUT" "순서가 깨지지 않나요" "show --context: the follow-up's text"
jk show --context --json "$NOTE:$((FL + 2))"
expect_code 0 "show --context --json"
export PL FL
json_checks <<'EOF'
@ show --context --json: the section and its parent (line, end_line, text)
recs[0]["line"] == int(E["FL"]) and recs[0]["parent"]["line"] == int(E["PL"])
and recs[0]["parent"]["end_line"] < int(E["FL"]) and recs[0]["parent"]["text"].startswith("### 2번 질문")
and recs[0]["text"].startswith("#### 🎯 1차 꼬리 질문")
EOF

# --- help COMMAND -------------------------------------------------------------------------------------
for c in index search show similar tags status; do
    jk help "$c"
    expect_code 0 "help $c"
    expect_match "$OUT" "^usage: jikji $c" "help $c: its usage"
    expect_empty "$ERR" "help $c: nothing on stderr"
    cp "$OUTF" "$T/help.txt"
    jk "$c" --help
    expect_code 0 "$c --help"
    cmp -s "$OUTF" "$T/help.txt" || fail "$c --help differs from help $c"
    pass "$c --help == help $c"
done

# --- documented behaviour that exposed a bug (kept last) ------------------------------------------------
# help is a command (--help lists 'help [COMMAND]' among the commands; the
# man page documents it under COMMANDS).
jk help help
expect_code 0 "help help"
expect_match "$OUT" '^usage: jikji help' "help help: its usage"

done_testing
