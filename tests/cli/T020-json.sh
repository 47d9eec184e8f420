#!/usr/bin/env bash
# shellcheck disable=SC2154 # the J_* variables are set by json_vars
# T020: search --json follows README's schema: field types, byte offsets of
# matches, headings/title, lines, paths relative to the current directory,
# --limit and --offset paging.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/vault"
# A second vault for the title and date fallbacks.
mkdir -p "$T/extra"
printf '# 헤딩 제목 노트\n\ntitlefallbackword 본문\n' >"$T/extra/h1-title.md"
printf 'plain text only namefallbackword\n' >"$T/extra/bare-note.md"
printf -- '---\ncreated: 2024-11-02 21:13\n---\n\n## 질문\n\ncreateddateword 답변\n' \
    >"$T/extra/created.md"

jk index -q vault extra
expect_code 0 "index samples and extra notes"

# --- the schema, over several queries ---------------------------------------
i=0
: >"$T/all.json"
for q in "Kafka 재시도" "retry count" "장애 경험" "redis 캐시" "면접"; do
    i=$((i + 1))
    jk search --json -n 20 "$q"
    expect_code 0 "search --json '$q'"
    expect_empty "$ERR" "'$q': nothing on stderr"
    cp "$OUTF" "$T/q$i.json"
    cat "$OUTF" >>"$T/all.json"
done
export NQ=$i

json_checks "$T/all.json" <<'EOF'
@ every query has hits
all(len(load("q%d.json" % i)) >= 1 for i in range(1, int(E["NQ"]) + 1))
@ every README field is present
all(set(r) >= {"type", "rank", "path", "line", "end_line", "title", "headings",
               "date", "score", "snippet", "matches", "heading_matches"} for r in recs)
@ every record has a type; the hits come first (README: other record types may follow)
all(all(isinstance(r.get("type"), str) for r in load_jsonl(f))
    and [r["type"] for r in load_jsonl(f)][:len(load(f))] == ["hit"] * len(load(f))
    for f in ["q%d.json" % i for i in range(1, int(E["NQ"]) + 1)])
@ a summary record, if any, is the last line and counts the hits
all(all(r["type"] != "summary" or (i == len(rs) - 1 and r.get("hits") == len(hits_of(rs)))
        for i, r in enumerate(rs))
    for rs in [load_jsonl("q%d.json" % k) for k in range(1, int(E["NQ"]) + 1)])
@ rank, line, end_line are integers
all(is_int(r["rank"]) and is_int(r["line"]) and is_int(r["end_line"]) for r in recs)
@ path, title, snippet are strings
all(isinstance(r[k], str) for r in recs for k in ("path", "title", "snippet"))
@ headings is a non-empty array of strings
all(isinstance(r["headings"], list) and r["headings"]
    and all(isinstance(h, str) for h in r["headings"]) for r in recs)
@ date is null or YYYY-MM-DD
all(r["date"] is None or (isinstance(r["date"], str)
    and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", r["date"])) for r in recs)
@ score is a number
all(is_num(r["score"]) for r in recs)
@ matches is an array of {start, end, text} with integer offsets
all(isinstance(r["matches"], list) and all(isinstance(m, dict) and is_int(m["start"])
    and is_int(m["end"]) and isinstance(m["text"], str) for m in r["matches"]) for r in recs)
@ 0 <= start < end <= length of the snippet in bytes
all(0 <= m["start"] < m["end"] <= len(sbytes(r)) for r in recs for m in r["matches"])
@ matches[*].text == snippet[start:end] on the UTF-8 bytes
all(mtext(r, m) == m["text"] for r in recs for m in r["matches"])
@ most hits mark some words
sum(1 for r in recs if r["matches"]) * 2 > len(recs)
@ heading_matches has one array of {start, end, text} per heading
all(isinstance(r["heading_matches"], list) and len(r["heading_matches"]) == len(r["headings"])
    and all(isinstance(ms, list) and all(is_int(m["start"]) and is_int(m["end"])
            and isinstance(m["text"], str) for m in ms) for ms in r["heading_matches"]) for r in recs)
@ heading_matches[i][*].text == headings[i][start:end] on the UTF-8 bytes, in order, apart
all(all(0 <= m["start"] < m["end"] <= len(h.encode())
        and h.encode()[m["start"]:m["end"]].decode() == m["text"] for m in ms)
    and all(a["end"] <= b["start"] for a, b in zip(ms, ms[1:]))
    for r in recs for h, ms in zip(r["headings"], r["heading_matches"]))
@ some hits mark words in their headings
any(ms for r in recs for ms in r["heading_matches"])
@ headings[0] == title
all(r["headings"][0] == r["title"] for r in recs)
@ 1 <= line <= end_line
all(1 <= r["line"] <= r["end_line"] for r in recs)
@ path is relative to the current directory and the file exists
all(not r["path"].startswith(("/", "./")) and os.path.isfile(r["path"]) for r in recs)
@ end_line is within the file
all(r["end_line"] <= len(open(r["path"], "rb").read().rstrip(b"\n").split(b"\n")) for r in recs)
@ snippet is one line, whitespace collapsed
all(not re.search(r"[\n\r\t]|  ", r["snippet"]) for r in recs)
@ ranks are 1..N in order, for each query
all([r["rank"] for r in load("q%d.json" % i)] == list(range(1, len(load("q%d.json" % i)) + 1))
    for i in range(1, int(E["NQ"]) + 1))
@ no section is listed twice in one query
all(len(set(pl(load("q%d.json" % i)))) == len(load("q%d.json" % i)) for i in range(1, int(E["NQ"]) + 1))
@ the first hit for Kafka 재시도 marks both Kafka and 재시도
{"Kafka", "재시도"} <= {m["text"] for m in load("q1.json")[0]["matches"]}
EOF

# --- known values for the first hit -------------------------------------------
NOTE=vault/interviews/2024-coupang-backend.md
HEADING='### 2번 질문: 컨슈머 처리 실패 시 재시도는 어떻게 하나요?'
L=$(grep -n -F -x -- "$HEADING" "$NOTE" | cut -d: -f1)
TITLE=$(sed -n 's/^title: "\(.*\)"$/\1/p' "$NOTE" | head -n 1)
[ -n "$L" ] && [ -n "$TITLE" ] || fail "setup: cannot find the heading or title in $NOTE"

json_vars 1 "$T/q1.json" path line end_line title date headings.1 headings.-1
expect_eq "$J_path" "$NOTE" "first hit path"
expect_eq "$J_line" "$L" "first hit line is the heading's line"
expect_eq "$J_title" "$TITLE" "title comes from the front matter"
expect_eq "$J_date" "2024-07-20" "date '2024-07-20 17:47' is given as YYYY-MM-DD"
expect_eq "$J_headings__1" "${HEADING#\#\#\# }" "headings end with the section's own heading"
expect_eq "$J_headings_1" "기술 질문" "headings hold the enclosing heading"
sed -n "${L},${J_end_line}p" "$NOTE" | grep -q -F '재시도하도록' ||
    fail "the section $L-$J_end_line should contain the answer text (재시도하도록)"
pass "line..end_line spans the answer text"
next_heading=$(awk -v s="$L" 'NR > s && /^#/ { print NR; exit }' "$NOTE")
[ "$J_end_line" -lt "$next_heading" ] || fail "end_line $J_end_line runs into the next heading at $next_heading"
pass "end_line stops before the next heading"

# --- title and date fallbacks -------------------------------------------------------
jk search --json titlefallbackword
expect_code 0 "search a note without front matter"
json_vars 1 "$OUTF" title date path
expect_eq "$J_title" "헤딩 제목 노트" "title falls back to the first '# ' heading"
expect_eq "$J_date" "null" "no date in the note: date is null"
expect_eq "$J_path" "extra/h1-title.md" "path of the second vault is relative too"

jk search --json namefallbackword
expect_code 0 "search a note with neither front matter nor heading"
json_vars 1 "$OUTF" title
case $J_title in
bare-note | bare-note.md) pass "title falls back to the file name ($J_title)" ;;
*) fail "title should fall back to the file name, got [$J_title]" ;;
esac

jk search --json createddateword
expect_code 0 "search a note dated with 'created'"
json_vars 1 "$OUTF" date
expect_eq "$J_date" "2024-11-02" "date falls back to front matter 'created'"

# --- --limit and --offset ------------------------------------------------------
Q="Kafka 재시도"
jk search --json --limit 3 "$Q"
expect_code 0 "--limit 3"
cp "$OUTF" "$T/l3.json"
jk search --json -n 1 "$Q"
expect_code 0 "-n 1"
cp "$OUTF" "$T/n1.json"
jk search --json "$Q"
cp "$OUTF" "$T/l10.json"
jk search --json --limit 4 "$Q"
cp "$OUTF" "$T/p04.json"
jk search --json --offset 0 --limit 2 "$Q"
expect_code 0 "--offset 0 --limit 2"
cp "$OUTF" "$T/p0.json"
jk search --json --offset 2 --limit 2 "$Q"
expect_code 0 "--offset 2 --limit 2"
cp "$OUTF" "$T/p2.json"
jk search --json --offset 5 -n 3 "$Q"
expect_code 0 "--offset 5 -n 3"
cp "$OUTF" "$T/p5.json"

json_checks "$T/l3.json" <<'EOF'
@ --limit 3 gives 3 hits (there are more)
len(recs) == 3 and len(load("q1.json")) > 3
@ -n 1 gives 1 hit
len(load("n1.json")) == 1
@ the default limit is 10
len(load("l10.json")) == 10
@ --limit keeps the order: the first 3 of the default page
pl(recs) == pl(load("l10.json"))[:3]
@ offset 0 limit 2 + offset 2 limit 2 == limit 4 (same paths and lines, in order)
len(load("p04.json")) == 4 and pl(load("p0.json")) + pl(load("p2.json")) == pl(load("p04.json"))
@ ranks count from offset+1: page 1 has 1, 2; page 2 has 3, 4
[r["rank"] for r in load("p0.json")] == [1, 2] and [r["rank"] for r in load("p2.json")] == [3, 4]
@ --offset 5 -n 3: ranks 6, 7, 8, the same hits as in the first page of 10
[r["rank"] for r in load("p5.json")] == [6, 7, 8] and pl(load("p5.json")) == pl(load("l10.json"))[5:8]
EOF

jk search --json --offset 100000 "$Q"
expect_code 1 "--offset past the last hit finds nothing"
json_check 'recs == []' "--offset past the end: no hit record"

# --- paths from other directories ---------------------------------------------------------
cd "$T/vault/interviews" || fail "cd"
jk search --json -n 1 "$Q"
expect_code 0 "search from inside the vault"
json_vars 1 "$OUTF" path
expect_eq "$J_path" "2024-coupang-backend.md" "path is relative to the current directory"
[ -f "$J_path" ] || fail "the relative path does not name the file"
pass "the relative path names the file from there"
mkdir -p "$T/elsewhere"
cd "$T/elsewhere" || fail "cd"
jk search --json -n 1 "$Q"
expect_code 0 "search from a directory outside the vault"
json_vars 1 "$OUTF" path
expect_eq "$J_path" "$T/$NOTE" "path is absolute when the note is not under the current directory"
[ -f "$J_path" ] || fail "the absolute path does not name the file"
pass "the absolute path names the file"
cd "$T" || fail "cd"

# --- a match longer than 511 bytes (this found a bug) ------------------------------------
# A span's text was copied through a 512-byte buffer: a quoted phrase
# matched in a long heading gave a text cut short, maybe mid-character.
mkdir -p "$T/long-heading"
long=$(py -c "print(' '.join('단어%d' % i for i in range(60)))")
printf '# %s\n\nbody\n' "$long" >"$T/long-heading/a.md"
jk --db "$T/long-db" index -q long-heading
jk --db "$T/long-db" search --json "\"$long\""
expect_code 0 "a 60-word quoted phrase found in its heading"
json_checks <<'EOF2'
@ one hit, its heading matched whole
len(recs) == 1 and len(recs[0]["heading_matches"][0]) == 1
@ the match's text is the heading's bytes from start to end (529 bytes)
all(m["text"].encode() == h.encode()[m["start"]:m["end"]] and m["end"] - m["start"] > 511 for h, ms in zip(recs[0]["headings"], recs[0]["heading_matches"]) for m in ms)
EOF2

done_testing
