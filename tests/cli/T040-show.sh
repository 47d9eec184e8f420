#!/usr/bin/env bash
# shellcheck disable=SC2154 # the J_* variables are set by json_vars
# T040: show PATH:LINE prints the whole section around a line, as search
# reported it; bad arguments and lines outside any section.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/vault"
jk index -q vault
expect_code 0 "index samples"

# PATH:LINE from a search hit.
jk search --json -n 1 "Kafka 재시도"
expect_code 0 "search for a hit to show"
cp "$OUTF" "$T/hit.json"
json_vars 1 "$T/hit.json" path line end_line
P=$J_path L=$J_line EL=$J_end_line
HPATH=$(py -c "$_JK_PY
print(' \u203a '.join(load('hit.json')[0]['headings']))")
HEADLINE=$(sed -n "${L}p" "$P")
case $HEADLINE in '#'*) ;; *) fail "setup: line $L of $P should be a heading, got [$HEADLINE]" ;; esac
# The section's lines, as they are in the file.
sed -n "${L},${EL}p" "$P" >"$T/section.txt"

# --- show PATH:LINE ---------------------------------------------------------
jk show "$P:$L"
expect_code 0 "show $P:$L"
expect_empty "$ERR" "show prints nothing on stderr"
first=$(printf '%s\n' "$OUT" | head -n 1)
expect_contains "$first" "$P:$L" "first line names PATH:LINE"
expect_contains "$first" "$HPATH" "first line has the heading path"
expect_contains "$OUT" "$HEADLINE" "the heading line is printed as in the file"
expect_contains "$OUT" "Q2. 컨슈머에서 메시지 처리가 실패하면 어떻게 하나요?" "the question's text is printed"
expect_contains "$OUT" "> 처음에는 컨슈머 안에서 예외가 나면 그 자리에서 3번 재시도하도록" \
    "the answer (a blockquote) is printed as in the file"
py_assert "show prints lines $L-$EL of the note verbatim" "$OUTF" "$T/section.txt" <<'EOF'
assert open(sys.argv[2], "rb").read() in open(sys.argv[1], "rb").read()
EOF
next_heading=$(awk -v s="$L" 'NR > s && /^#/ { print; exit }' "$P")
expect_not_contains "$OUT" "$next_heading" "the next section's heading is not printed"
cp "$OUTF" "$T/show-head.txt"

# A line inside the section shows the same section; so does its last line.
for l in $((L + 2)) "$EL"; do
    jk show "$P:$l"
    expect_code 0 "show $P:$l (inside the section)"
    cmp -s <(tail -n +2 "$OUTF") <(tail -n +2 "$T/show-head.txt") ||
        fail "show $P:$l should print the same section as $P:$L"
    pass "show $P:$l prints the same section"
done

# --- show --json ----------------------------------------------------------------
jk show --json "$P:$((L + 3))"
expect_code 0 "show --json"
json_valid
[ "$JSON_N" = 1 ] || fail "show --json should print one object, got $JSON_N"
pass "show --json prints one object"
json_check 'set(recs[0]) >= {"path", "line", "end_line", "title", "headings", "text"}' \
    "show --json has path, line, end_line, title, headings, text"
json_check 'isinstance(recs[0]["text"], str) and isinstance(recs[0]["title"], str)
    and isinstance(recs[0]["headings"], list) and all(isinstance(h, str) for h in recs[0]["headings"])
    and is_int(recs[0]["line"]) and is_int(recs[0]["end_line"])' "show --json field types"
json_check "recs[0]['path'] == '$P' and recs[0]['line'] == $L and recs[0]['end_line'] == $EL" \
    "show --json gives the section's path, first and last line"
json_check 'recs[0]["headings"][0] == recs[0]["title"]' "show --json: headings[0] == title"
json_check "recs[0]['headings'] == load('$T/hit.json')[0]['headings']" \
    "show --json headings equal the search hit's"
json_check "recs[0]['text'].encode() == open('$T/section.txt', 'rb').read()" \
    "show --json text is the section's lines exactly"

# --- no section there: exit 1 ------------------------------------------------------
NOTE=vault/interviews/2024-coupang-backend.md
[ "$(head -n 1 "$NOTE")" = "---" ] || fail "setup: $NOTE should start with front matter"
jk show "$NOTE:2"
expect_code 1 "a line inside the front matter"
expect_empty "$OUT" "front matter line: nothing on stdout"
expect_match "$ERR" "^jikji: .*:2: no section there: the first section starts at line [0-9]+ \\(before it: front matter, blank lines or markup alone\\)$" \
    "front matter line: the message says where the first section starts"
expect_not_contains "$ERR" "error:" "front matter line: exit 1 is not an error, nor called one"
jk show --json "$NOTE:2"
expect_code 1 "show --json, a line inside the front matter"
expect_empty "$OUT" "show --json, front matter line: nothing on stdout"
jk show "$NOTE:100000"
expect_code 1 "a line past the end of the note"
expect_empty "$OUT" "past the end: nothing on stdout"
expect_contains "$ERR" ":100000: no section there: past the end of the note" "past the end: the error says so"
# However many digits (past 2^32 it was a usage error, exit 2).
for l in 4294967331 99999999999999999999999; do
    jk show "$NOTE:$l"
    expect_code 1 "line $l: past the end of the note, as any line past it"
    expect_contains "$ERR" "past the end of the note" "line $l: the error says so"
    expect_contains "$ERR" ":$l: no section there" "line $l: said as typed (it was 4294967295)"
done
printf '\n  \n' >"$T/blank.md"
jk show "$T/blank.md:1"
expect_code 1 "a blank note"
expect_contains "$ERR" "the note has no section (it is blank)" "a blank note: the error says so"

# --- bad arguments: exit 2 ---------------------------------------------------------
for arg in "$NOTE" "$NOTE:0" "$NOTE:" "$NOTE:abc" "$NOTE:-3" "$NOTE:3x"; do
    jk show "$arg"
    expect_code 2 "show '$arg' is a usage error"
    expect_error "show '$arg'"
    expect_empty "$OUT" "show '$arg': nothing on stdout"
done
jk show
expect_code 2 "show without an argument"
expect_error "show without an argument"
jk show vault/no-such-note.md:3
expect_code 2 "show of a missing file"
expect_error "show of a missing file"
expect_contains "$ERR" "no-such-note.md" "the error names the missing file"
expect_empty "$OUT" "missing file: nothing on stdout"
jk show "vault/interviews:1"
expect_code 2 "show of a directory"
expect_error "show of a directory"
jk show --bogus "$P:$L"
expect_code 2 "show with an unknown option"
expect_error "show with an unknown option"

# --- show needs no index; paths from elsewhere ------------------------------------------
JIKJI_DB="$T/no-index-here" jk show "$P:$L"
expect_code 0 "show works without an index"
[ ! -e "$T/no-index-here" ] || fail "show created an index directory"
pass "show does not create an index"
mkdir -p "$T/elsewhere"
cd "$T/elsewhere" || fail "cd"
jk show "$T/$P:$L"
expect_code 0 "show with an absolute path from another directory"
expect_contains "$OUT" "$HEADLINE" "absolute path: the heading line is printed"
cd "$T/vault/interviews" || fail "cd"
jk show "${P#vault/interviews/}:$L"
expect_code 0 "show with a path relative to a subdirectory"
expect_contains "$OUT" "$HEADLINE" "relative path: the heading line is printed"
cd "$T" || fail "cd"

# A note written after indexing, with spaces and a colon in its name.
mkdir -p "$T/new"
printf '# 회의 메모\n\n첫 줄\n\n## 안건: 배포\n\n배포는 목요일.\n' >"$T/new/10:30 회의.md"
jk show "new/10:30 회의.md:7"
expect_code 0 "show a note with ':' in its name (split at the last colon)"
expect_contains "$OUT" "## 안건: 배포" "colon name: the section's heading"
expect_contains "$OUT" "배포는 목요일." "colon name: the section's text"
expect_not_contains "$OUT" "첫 줄" "colon name: not the previous section"
jk show --json "new/10:30 회의.md:5"
expect_code 0 "show --json of the colon-named note"
json_check 'recs[0]["headings"] == ["회의 메모", "안건: 배포"] and recs[0]["line"] == 5 and recs[0]["end_line"] == 7' \
    "show --json: headings and lines of an unindexed note"

# Files index skips as no note are refused by show too, with the reason.
printf 'a\0\0\0\0b\n' >"$T/bin.md"
printf '\377\376h\000i\000' >"$T/u16.md"
jk show "$T/bin.md:1"
expect_code 2 "show of a binary file: exit 2"
expect_contains "$ERR" "not a note: binary file (many NUL bytes)" "show says the file is binary"
expect_empty "$OUT" "show of a binary file prints nothing"
jk show "$T/u16.md:1"
expect_code 2 "show of a UTF-16 file: exit 2"
expect_contains "$ERR" "not a note: UTF-16 text is not supported" "show says UTF-16 is not supported"
printf '# pdf\n\ntext\n' >"$T/named.pdf"
jk show "$T/named.pdf:1"
expect_code 2 "show of a file not named as a note: exit 2"
expect_contains "$ERR" "not a note: notes are files ending in .md" "show says which files are notes, as index does"
# A sparse file: over index's 32 MiB at no cost.
truncate -s 65M "$T/huge.md"
jk show "$T/huge.md:1"
expect_code 2 "show of a note over 32 MiB: exit 2"
expect_contains "$ERR" "not a note: larger than 32 MiB" "show says it is larger than index reads"
rm -f "$T/huge.md"

# A note's control bytes never reach the terminal as such: a lone CR is a
# line break (as the reader counts lines), ESC and BEL show as pictures.
printf -- '---\rtitle: CR note\r---\r# CR heading\r\rcrword text\r## CR second\rcr more\r' >"$T/cr.md"
printf '# esc\n\nescword \033]0;pwned\007 \033[2J text\ttab\r\nnext\n' >"$T/esc.md"
jk show "$T/cr.md:7"
expect_code 0 "show of a lone-CR note: exit 0"
expect_no_match "$(tr -d '\n' <"$OUTF" | tr '\r' '@')" "@" "show of a lone-CR note: no CR left"
expect_match "$OUT" "^## CR second$" "show of a lone-CR note: the heading on its own line"
expect_match "$OUT" "^cr more$" "show of a lone-CR note: the body on its own line"
jk show "$T/esc.md:1"
expect_code 0 "show of a note with escapes: exit 0"
expect_no_match "$(tr '\033\007\r' '@@@' <"$OUTF")" "@" "show: no ESC, BEL or CR written"
expect_contains "$OUT" "escword ␛]0;pwned␇ ␛[2J text	tab" "show: ESC and BEL as pictures, the tab kept"
expect_match "$OUT" "^next$" "show: CRLF is one line break"
# A name typed in NFC finds the note saved in NFD (a vault synced from
# macOS), for show and similar alike.
mkdir -p "$T/nfdv"
py -c 'import sys, unicodedata; open(sys.argv[1] + "/" + unicodedata.normalize("NFD", "카프카재시도.md"), "w").write("# 재시도\n\n카프카 재시도 토픽\n\n## 둘\n\n카프카 재시도 둘\n")' "$T/nfdv"
jk show "$T/nfdv/카프카재시도.md:3"
expect_code 0 "show of an NFD-named note by its NFC name"
expect_contains "$OUT" "카프카 재시도 토픽" "show by the NFC name: the section"
jk --db "$T/nfddb" index -q "$T/nfdv"
jk --db "$T/nfddb" similar "$T/nfdv/카프카재시도.md:3"
expect_code 0 "similar of an NFD-named note by its NFC name"
# ... in a folder whose Korean name was saved in NFC (QA: the whole path
# was tried in NFD, and no folder so named was there).
mkdir -p "$T/nfdv/문서"
py -c 'import sys, unicodedata; open(sys.argv[1] + "/" + unicodedata.normalize("NFD", "카프카재시도.md"), "w").write("# 재시도\n\n카프카 재시도 토픽\n")' "$T/nfdv/문서"
jk show "$T/nfdv/문서/카프카재시도.md:3"
expect_code 0 "show of an NFD-named note in an NFC-named Korean folder"

# The PATH given (a glob or Tab completes such a name) as pictures too,
# in the header and in the note that nothing is there.
cp "$T/esc.md" "$T/n"$'\033'"[31mred"$'\n'"x.md"
jk show "$T/n"$'\033'"[31mred"$'\n'"x.md:3"
expect_code 0 "show of a note whose name has ESC and a line break"
expect_match "$OUT" "^$T/n␛\[31mred␊x\.md:1  esc$" "show: the name in the header as pictures, on one line"
jk show "$T/n"$'\033'"[31mred"$'\n'"x.md:99"
expect_code 1 "show past the end of that note"
expect_contains "$ERR" "n␛[31mred" "show: the name in the note on stderr as pictures"
expect_no_match "$(tr '\033' '@' <"$ERRF")" "@" "show: no ESC written on stderr"
jk show --json "$T/esc.md:1"
json_check 'recs[0]["text"] == "# esc\n\nescword \x1b]0;pwned\x07 \x1b[2J text\ttab\r\nnext\n"' \
    "show --json: the text exactly as in the note"

done_testing
