#!/usr/bin/env bash
# T075: notes and trees at the edges of size and shape, through the CLI:
# a 30 MB note on one line (indexed in bounded memory), 100,000 headings
# in one note, file and folder names in NFD (as macOS writes them), and a
# directory tree deeper than the walk descends (README: 64 levels; deeper
# folders are reported, not read).
# Everything else in the vault stays indexed and findable.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

V="$T/vault"
mkdir -p "$V"

# --- a 30 MB line and 100,000 headings ---------------------------------------------
py - "$V" <<'EOF'
import sys
v = sys.argv[1]
unit = "재시도 Kafka retry 로그 "
line = unit * (30 * 1024 * 1024 // len(unit.encode()) + 1)
with open(v + "/line30.md", "w") as f:
    f.write("# 긴 줄\n\n" + line + " fiftyendword\n\n## 뒤 섹션\n\nafterlineword\n")
with open(v + "/heads.md", "w") as f:
    f.write("".join("## 질문 %d headword%d\n답 %d\n" % (i, i, i) for i in range(100000)))
EOF
[ "$(stat -c %s "$V/line30.md")" -gt $((30 * 1024 * 1024)) ] || fail "setup: line30.md should be over 30 MB"

# --- NFD names: a Hangul folder and file written decomposed ---------------------------
NFD_DIR=$(py -c 'import unicodedata; print(unicodedata.normalize("NFD", "면접"), end="")')
NFD_FILE=$(py -c 'import unicodedata; print(unicodedata.normalize("NFD", "카프카 재시도.md"), end="")')
mkdir -p "$V/$NFD_DIR"
printf '# 재시도 토픽\n\nnfdnameword 분해된 이름의 노트.\n' >"$V/$NFD_DIR/$NFD_FILE"

# --- a tree 70 folders deep, a note at 10 and at 70 ---------------------------------
deep="$V/deep"
for i in $(seq 1 70); do
    deep="$deep/d$i"
    [ "$i" = 10 ] && { mkdir -p "$deep"; printf '# 얕은 노트\n\ndepthtenword\n' >"$deep/ten.md"; }
done
mkdir -p "$deep"
printf '# 깊은 노트\n\ndepthseventyword\n' >"$deep/seventy.md"
printf '# 평범\n\nplainword 평범한 노트\n' >"$V/plain.md"

# --- index --------------------------------------------------------------------------
# The 30 MB section's terms are held for the fold of BM25's length into
# their wdfs (schema 8) only until the fold stops depending on the length,
# so the run takes about what Xapian's document of it takes (150 MB for 50 MB; 690
# MB when the whole section was held).  AddressSanitizer's own memory is
# too much to tell: there the cap is only a guard.
CAP=400
grep -aq __asan_init "$JIKJI" && CAP=4000
run_capped 240 "$CAP" "$JIKJI" index vault
[ "$RC" = 125 ] && fail "index went over $CAP MB of resident memory"
expect_code 0 "index: exit 0 (a folder too deep is a warning, not an error), under $CAP MB"
summary_counts
[ "$ADDED" = 5 ] || fail "5 notes should be added (line30, heads, the NFD note, ten, plain), got $ADDED: $ERR"
pass "5 notes added; the one below the depth limit is not"
expect_match "$ERR" '^jikji: warning: .*deep/d1/.*too deep' "the tree below 64 levels is reported"
expect_not_contains "$ERR" "seventy.md" "the note below the limit is never opened"
expect_match "$ERR" '; 100005 sections written' "100,000 sections from heads.md, 2 from line30.md, 1 from each other note"

# --- searches -------------------------------------------------------------------------
# A hit in the 30 MB section whose word is only at its end: the snippet scans
# the section 256 KB at a time, so memory stays near the text's own size (all
# its 15 million tokens at once took over 1 GB).
RUN_TIMEOUT=240
run_capped 240 600 "$JIKJI" search --json fiftyendword
expect_code 0 "the word after 30 MB on one line is found, in under 600 MB"
json_checks <<'EOF'
@ in line30.md, first section, the word marked
recs[0]["path"] == "vault/line30.md" and recs[0]["line"] == 1 and any(m["text"] == "fiftyendword" for m in recs[0]["matches"])
@ the snippet of a 30 MB section stays short
len(sbytes(recs[0])) < 4096
EOF
run_capped 60 600 "$JIKJI" search --json -n 1 'path:line30 Kafka 재시도'
expect_code 0 "words all through the 30 MB line are found"
json_checks <<'EOF'
@ the snippet comes from the line's first chunk, with both words marked
recs[0]["line"] == 1 and {m["text"].lower() for m in recs[0]["matches"]} >= {"kafka", "재시도"}
EOF
jk search --json afterlineword
expect_code 0 "the section after the 30 MB line is found"
json_check 'recs[0]["path"] == "vault/line30.md" and recs[0]["headings"][-1] == "뒤 섹션"' "its heading is right"

jk search --json headword77777
expect_code 0 "one heading of 100,000 is found"
json_check 'recs[0]["path"] == "vault/heads.md" and recs[0]["line"] == 155555 and recs[0]["headings"][-1] == "질문 77777 headword77777"' \
    "heading 77,777 at line 155,555"
jk search -c headword99999
expect_code 0 "the last heading is found"
expect_eq "$OUT" 1 "exactly one section for the last heading"

jk search --json nfdnameword
expect_code 0 "the note with an NFD name is indexed"
json_vars 1 "$OUTF" path
expect_eq "$J_path" "vault/$NFD_DIR/$NFD_FILE" "its path is printed with the bytes it has on disk (NFD)"
jk show "$J_path:3"
expect_code 0 "show opens the NFD path jikji printed"
expect_contains "$OUT" "nfdnameword" "show prints the section"
jk search --json 'path:면접'
expect_code 0 "path: typed in NFC matches the NFD folder"
json_check 'any("nfdnameword" in r["snippet"] for r in recs)' "the NFD note is the hit"

jk search depthtenword
expect_code 0 "a note 10 folders deep is found"
jk search depthseventyword
expect_code 1 "the note 70 folders deep is not indexed"
jk search plainword
expect_code 0 "the plain note is found"

# --- nothing changed: second run ---------------------------------------------------------
RUN_TIMEOUT=60 jk index vault
expect_code 0 "re-index"
expect_summary 0 0 0 5 "second run: nothing added, updated or removed"

# --- a note past the section cap and the context budget (these found bugs) -------------
# 100,000 sections at most: 200,000 empty headings (400 KB) are 100,000
# sections, the rest text of the last one (4,000,000 took 926 MB, 108 s).
mkdir -p "$T/caps"
py -c 'import sys; sys.stdout.write("# h\nfirstcapword\n" + "#\n" * 200000 + "lastcapword\n")' >"$T/caps/heads.md"
run_capped 240 "${CAP:-400}" "$JIKJI" --db "$T/capdb" index "$T/caps"
expect_code 0 "a note of 200,000 headings is indexed"
expect_match "$ERR" 'heads.md:100002: more than 100000 sections: the headings from here on are text of the last section' \
    "the cap is warned about at the first heading past it"
expect_match "$ERR" '; 100000 sections written' "100,000 sections written"
jk --db "$T/capdb" search -c lastcapword
expect_eq "$OUT" 1 "the text after the cap is in the last section"
# Each section carries the title and parent headings again: past 4 MiB of
# them in a note, sections carry their own heading and text only (125,000
# tiny sections under two 100-word headings made a 464 MB index).
py -c '
import sys
h1 = "# " + " ".join("ctxtitle%d" % i for i in range(200)) + "\n"
h2 = "## " + " ".join("ctxparent%d" % i for i in range(200)) + "\n"
sys.stdout.write(h1 + h2 + "".join("### s%d\nownword%d\n" % (i, i) for i in range(3000)))' >"$T/caps/ctx.md"
jk --db "$T/capdb" index "$T/caps"
expect_code 0 "a note of 3,000 sections under long headings"
expect_match "$ERR" 'ctx.md:[0-9]+: the note.s sections carry more than 4 MiB of title and parent headings' \
    "the context budget is warned about"
jk --db "$T/capdb" search -c ctxparent7
early=$OUT
[ "$early" -gt 1000 ] && [ "$early" -lt 3001 ] && pass "the early sections carry the parent heading ($early)" ||
    fail "the parent heading's word should be in 1,000 to 3,000 sections, got $early"
jk --db "$T/capdb" search -l ownword2999
expect_eq "$OUT" "caps/ctx.md" "a late section is found by its own words"
# The same sections carry context in an incremental run as in a rebuild.
printf 'tailword\n' >>"$T/caps/ctx.md"
jk --db "$T/capdb" index -q "$T/caps"
jk --db "$T/capdb" search -c ctxparent7
expect_eq "$OUT" "$early" "after an edit, the same sections carry the context"
jk --db "$T/capdb2" index -q "$T/caps"
jk --db "$T/capdb2" search -c ctxparent7
expect_eq "$OUT" "$early" "a fresh build gives the same"

done_testing
