#!/usr/bin/env bash
# T070: a hostile vault: invalid UTF-8 and NUL bytes, UTF-16, binary files,
# broken front matter, empty/CRLF/front-matter-only notes, a FIFO, symlink
# loops, dangling and followed symlinks, unreadable files, hidden folders,
# node_modules, a 5 MB line, a 10,000-character heading, control characters.
# Index, search and show must not hang, crash or modify a single file.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

V="$T/vault"
mkdir -p "$V/sub" "$T/outside"
cd "$V" || fail "cd"

printf '# 평범한 노트\n\nnormalword 는 평범한 단어.\n' >normal.md
printf '# 깨진 바이트\n\nalphaword \xff\xfe\xc3 betaword 가나\x00다라 gammaword\x00deltaword\n' >invalid.md
{ printf '\xff\xfe'; printf '# UTF-16 노트\n\nsixteenword\n' | iconv -f UTF-8 -t UTF-16LE; } >utf16.md
{ printf '\xfe\xff'; printf '# UTF-16 BE\n\nsixteenbeword\n' | iconv -f UTF-8 -t UTF-16BE; } >utf16be.md
# UTF-16 without a byte order mark, EUC-KR, and a short Latin-1 note with a
# few accents (read, its accents as U+FFFD).
printf '# UTF-16 노트\n\nnobomword 본문입니다\n' | iconv -f UTF-8 -t UTF-16LE >utf16-nobom.md
printf '# 장애 회고\n\neuckrword 정산 컨슈머가 재시도 토픽에서 멈췄다.\n' | iconv -f UTF-8 -t CP949 >euckr.md
printf 'caf\xe9 r\xe9sum\xe9 latinword na\xefve\n' >latin1.md
# Characters cut short (a file truncated mid-character, a bad copy): one
# U+FFFD each, as the Unicode Standard and every browser show them.
printf '# 잘린 글자\n\ncutword 카프카 \xea\xb0 재시도 \xf0\x9f\x98 끝\n' >cut.md
# An executable-like binary: mostly NUL bytes.
py -c 'import sys; sys.stdout.buffer.write(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4 + b"\0" * 4096 + b" binelfword ")' >binary-elf.md
# Compressed image data: few NUL bytes, almost no valid UTF-8.
py -c 'import random, sys; r = random.Random(7); sys.stdout.buffer.write(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(r.getrandbits(8) for _ in range(6000)) + b" binimgword ")' >binary-img.md
printf -- '---\ntitle: [unclosed\ntags: : :\n---\n\n## 본문 제목\n\nyamlbodyword 본문은 검색된다.\n' >broken.md
printf -- '---\ntitle: x\ntags:\n\t- kafka\n---\n\ntabyamlword\n' >tab-yaml.md
: >empty.md
printf '# CRLF 제목\r\n\r\ncrlfword 줄바꿈\r\n\r\n## 둘째 질문\r\n\r\ncrlfsecond 답변\r\n' >crlf.md
printf -- '---\ntitle: front matter only\ntags: [fmonly]\n---\n' >fm-only.md
mkfifo fifo.md
mkdir loopdir && ln -s ../loopdir loopdir/self
ln -s loop-b.md loop-a.md && ln -s loop-a.md loop-b.md
ln -s nowhere.md dangling.md
# Kernel files (regular, read differently every time, maybe secret).
ln -s /proc/self/environ proc-env.md
printf '# 바깥 노트\n\nlinkedword 심볼릭 링크로 들어온 노트.\n' >"$T/outside/real.md"
printf '# 깊은 노트\n\ndeepword\n' >"$T/outside/deep.md"
ln -s ../outside/real.md linked.md
ln -s ../outside linkdir
mkdir -p .obsidian .git node_modules sub/node_modules
printf '# hidden\n\nhiddenword\n' >.obsidian/h.md
printf '# hidden file\n\nhiddenfileword\n' >.hidden.md
printf '# git\n\ngitword\n' >.git/x.md
printf '# nm\n\nnodemodword\n' >node_modules/n.md
printf '# nm2\n\nnodemodword\n' >sub/node_modules/m.md
py -c 'import sys; sys.stdout.write("# big\n\n" + "a" * (5 * 1024 * 1024) + " bigafterword\n")' >big.md
py -c 'import sys; sys.stdout.write("# " + "가" * 10000 + "\n\nlongheadingword 긴 제목 아래.\n")' >longhead.md
printf '# ctrl\x1b[2J heading\x07\n\nctrlword \x01\x1b[31mred\x1b[0m \x7f\x08 tailword\x0b\x0c end\n' >ctrl.md
printf '# 이름\n\nbadnameword\n' >$'name-\xff.md'
# A file name that would retitle and clear the terminal, with a line break.
printf '# 이름\n\nescnameword\n' >$'esc-\e]0;PWNED\a\e[2J\nx.md'
truncate -s 65M huge.md
ROOT=0
[ "$(id -u)" = 0 ] && ROOT=1
if [ "$ROOT" = 0 ]; then
    printf '# secret\n\nsecretword\n' >unreadable.md
    chmod 000 unreadable.md
fi
cd "$T" || fail "cd"

# Every regular file's bytes (sha256) and every entry's type, size, mode,
# mtime and link target; the FIFO and huge.md (sparse) are listed, not read.
snapshot() {
    (
        cd "$T" || exit 1
        find vault outside -printf '%p %y %s %m %T@ %l\n' | LC_ALL=C sort
        find vault outside -type f ! -name huge.md -readable -print0 | LC_ALL=C sort -z |
            xargs -0 sha256sum
    ) >"$1"
}
snapshot "$T/before.txt"

# --- index ------------------------------------------------------------------
RUN_TIMEOUT=10 jk index vault
expect_code 0 "index the hostile vault (within 10 s, skipped files are not errors)"
expect_empty "$OUT" "index: nothing on stdout"
cp "$ERRF" "$T/index-err.txt"
summary_counts
FIRST_ADDED=$ADDED
pass "the summary line is printed ($ADDED added, $SKIPPED skipped)"
# UTF-16 LE+BE, two binaries, huge.md, the FIFO, the dangling symlink, the
# two links of the loop and the link to /proc (+ unreadable.md when not
# root): each counted once.
want_skipped=$((12 + (1 - ROOT)))
[ "$SKIPPED" = "$want_skipped" ] ||
    fail "the summary should count $want_skipped skipped notes, not $SKIPPED: $(cat "$T/index-err.txt")"
pass "every skipped note is counted in the summary ($SKIPPED)"

warned() { # PATTERN DESC: some 'jikji: warning:' line matches PATTERN
    grep -a -E -- "^jikji: warning: .*$1" "$T/index-err.txt" >/dev/null ||
        fail "$2: no 'jikji: warning:' line matching /$1/ in: $(cat "$T/index-err.txt")"
    pass "$2"
}
warned 'utf16\.md' "the UTF-16 (LE, BOM) note is reported"
warned 'utf16be\.md' "the UTF-16 (BE, BOM) note is reported"
warned 'binary-elf\.md' "the binary (NUL-heavy) note is reported"
warned 'utf16\.md: UTF-16 text is not supported \(save the note as UTF-8\); skipped$' "the UTF-16 warning says what to do and ends like every skip"
warned 'utf16-nobom\.md: UTF-16 text without a byte order mark is not supported' "UTF-16 without a BOM is named UTF-16, not binary"
warned 'euckr\.md: EUC-KR/CP949 text is not supported \(convert the note to UTF-8: iconv -f cp949 -t utf-8\); skipped' "an EUC-KR note is named so, with the fix"
warned 'broken\.md:[2-4]([^0-9]|$)' "broken front matter is reported with file:line (a line of the front matter)"
warned 'dangling\.md' "the dangling symlink is reported"
warned 'tab-yaml\.md:4: .*YAML does not take a tab to indent' "a tab-indented front matter says what is wrong"
warned 'loop-a\.md|loop-b\.md' "the symlink loop is reported"
warned 'huge\.md.*(32|MiB|large|size)' "the file over 32 MiB is reported"
warned 'fifo\.md.*FIFO' "the FIFO with a note's name is reported, never opened"
warned 'proc-env\.md.*a file of the kernel' "a link to /proc/self/environ is reported, not indexed"
if [ "$ROOT" = 0 ]; then
    warned 'unreadable\.md' "the unreadable note is reported"
else
    note "running as root: the unreadable-file check is skipped"
fi
if grep -a -E '^jikji: warning: .*(normal|linked|crlf|longhead|big|ctrl|invalid|latin1)\.md' "$T/index-err.txt" >/dev/null; then
    fail "a good note was warned about: $(grep -a -E '(normal|linked|crlf|longhead|big|ctrl|invalid|latin1)\.md' "$T/index-err.txt")"
fi
pass "no warning about the good notes"

# --- what is searchable, what is not -------------------------------------------
for w in normalword alphaword betaword gammaword deltaword 가나 다라 yamlbodyword \
    crlfword crlfsecond linkedword bigafterword longheadingword ctrlword tailword badnameword; do
    jk search --json "$w"
    [ "$RC" = 0 ] || fail "'$w' should be found (exit $RC): $ERR"
    cp "$OUTF" "$T/w-$w.json"
done
pass "words around invalid bytes and NULs, and in every good note, are found"
# One query: a section with any of these words would be a hit (README: when
# no section has every word, sections with some of them follow).
jk search sixteenword sixteenbeword hiddenword hiddenfileword gitword nodemodword deepword binelfword
expect_code 1 "UTF-16, binary, hidden, .git, node_modules and symlinked-folder notes are not indexed"
expect_empty "$OUT" "none of their words is found"
if [ "$ROOT" = 0 ]; then
    jk search secretword
    expect_code 1 "the unreadable note is not indexed"
fi

json_checks "$T/w-alphaword.json" <<'EOF'
@ invalid.md: the hit is invalid.md
recs[0]["path"] == "vault/invalid.md"
@ invalid bytes become U+FFFD in the snippet
"\ufffd" in recs[0]["snippet"]
@ no NUL or control character in the snippet
not re.search("[\x00-\x1f\x7f]", recs[0]["snippet"])
@ match offsets are right despite the replaced bytes
all(mtext(r, m) == m["text"] for r in recs for m in r["matches"])
@ gammaword, after a NUL, is marked
any(m["text"] == "gammaword" for r in load("w-gammaword.json") for m in r["matches"])
@ 다라, after a NUL, is marked
any(m["text"] == "다라" for r in load("w-다라.json") for m in r["matches"])
@ CRLF: no carriage return in title, headings or snippet
all("\r" not in r["title"] and "\r" not in r["snippet"] and all("\r" not in h for h in r["headings"])
    for f in ("w-crlfword.json", "w-crlfsecond.json") for r in load(f))
@ CRLF: title and headings
load("w-crlfsecond.json")[0]["headings"] == ["CRLF 제목", "둘째 질문"]
@ CRLF: line numbers count CRLF lines
load("w-crlfsecond.json")[0]["line"] == 5
@ the followed symlink is found under its own path
load("w-linkedword.json")[0]["path"] == "vault/linked.md"
@ the 5 MB line: the word after it is marked
any(m["text"] == "bigafterword" for m in load("w-bigafterword.json")[0]["matches"])
@ the 5 MB line: the snippet stays short
len(load("w-bigafterword.json")[0]["snippet"].encode()) < 4096
@ the 10,000-character heading: found, headings hold it
load("w-longheadingword.json")[0]["headings"][-1].startswith("가" * 100)
@ control characters never reach the JSON strings
not any(re.search("[\x00-\x08\x0b-\x1f\x7f]", r["snippet"] + r["title"] + "".join(r["headings"]))
        for f in ("w-ctrlword.json", "w-tailword.json") for r in load(f))
@ a file name with an invalid byte: valid JSON, the byte as U+FFFD
load("w-badnameword.json")[0]["path"] == "vault/name-\ufffd.md"
EOF

# Piped (text) output never carries the notes' control characters.
jk search ctrlword
expect_code 0 "search ctrlword, piped"
py -c '
import re, sys
b = open(sys.argv[1], "rb").read()
bad = re.findall(rb"[\x00-\x08\x0b-\x1f\x7f]", b)
sys.exit("control bytes in the piped output: %r" % bad if bad else 0)' "$OUTF" ||
    fail "piped output passes the note's control characters through"
pass "piped output: no escape or control characters from the note"
jk search badnameword
expect_code 0 "search badnameword, piped"
case $OUT in
"vault/name-�.md:3:"* | "vault/name-�.md:1:"*) pass "piped output shows the file name's invalid byte as U+FFFD" ;;
*) fail "piped output should show the invalid byte as U+FFFD, got [$OUT]" ;;
esac
# A file name's control characters, in every text output: as their
# pictures, one hit per line.
esc_name='vault/esc-␛]0;PWNED␇␛[2J␊x.md'
for form in "" -l --vimgrep; do
    jk search $form escnameword
    expect_code 0 "search ${form:-(lines)} escnameword, piped"
    case $OUT in
    "$esc_name"*) pass "${form:-lines}: the file name's control characters as pictures" ;;
    *) fail "${form:-lines}: expected the file name as pictures, got [$OUT]" ;;
    esac
    [ "$(printf '%s\n' "$OUT" | wc -l)" = 1 ] || fail "${form:-lines}: one hit, one line: [$OUT]"
done
RUN_TIMEOUT=10 run_tty "$JIKJI" search escnameword
case $OUT in
*$'\e]0'* | *$'\e[2J'* | *$'\a'*) fail "the terminal output passes the file name's escapes: [$OUT]" ;;
*"esc-␛]0;PWNED␇␛[2J␊x.md"*) pass "the terminal output shows the file name as pictures" ;;
*) fail "the terminal output lacks the file name: [$OUT]" ;;
esac

# A note's C1 controls (U+009B is CSI, U+009D OSC) and bidi overrides are
# no text of a snippet, in any format: a space, as C0 controls are.
mkdir -p "$T/c1v"
printf '# c1\n\nc1body \302\2350;PWNED\302\234 csi\302\23331mRED rlo\342\200\256txet done\n' >"$T/c1v/c.md"
# ... and a letter under 100,000 accents is one grapheme a window cannot
# cut: its marks are cut short instead.
py -c 'import sys; open(sys.argv[1], "w").write("# z\n\n" + "a" + "\u0301" * 100000 + " zalgoword\n")' "$T/c1v/z.md"
jk --db "$T/c1db" index -q c1v
for form in "" --vimgrep; do
    jk --db "$T/c1db" search $form c1body
    py -c 'import sys; t = open(sys.argv[1], "rb").read().decode(); sys.exit(any(0x80 <= ord(c) < 0xA0 or 0x202A <= ord(c) <= 0x202E for c in t))' "$OUTF" ||
        fail "${form:-lines}: a C1 control or bidi override was written"
    case $OUT in
    *"c1body 0;PWNED csi 31mRED rlo txet done"*) pass "${form:-lines}: C1 controls and the bidi override are spaces in the snippet" ;;
    *) fail "${form:-lines}: expected the C1 controls as spaces: [$OUT]" ;;
    esac
done
jk --db "$T/c1db" search zalgoword
expect_code 0 "search beside a letter of 100,000 accents"
[ "$(wc -c <"$OUTF")" -lt 1000 ] || fail "a snippet of one letter with 100,000 accents is $(wc -c <"$OUTF") bytes"
pass "a letter's pile of accents is cut short in the snippet"

# A tab in a file name is a picture too: the piped format's tab is the
# one before the snippet (this found a bug).
mkdir -p "$T/tabv"
printf '# t\n\ntabnameword\n' >"$T/tabv/a"$'\t'"b.md"
jk --db "$T/tabdb" index -q tabv
jk --db "$T/tabdb" search tabnameword
expect_code 0 "search a note whose name has a tab"
case $OUT in
"tabv/a␉b.md:1:t"$'\t'"tabnameword") pass "a file name's tab as a picture, one tab in the line" ;;
*) fail "a file name's tab should be a picture: [$OUT]" ;;
esac
# status writes vault and index folders with their escapes as pictures
# (this found a bug: it printed them raw).
mkdir -p "$T/"$'vault-\e[31mred' "$T/"$'db-\e]0;pwn\a'
printf '# v\n\nvaultword\n' >"$T/"$'vault-\e[31mred/a.md'
jk --db "$T/"$'db-\e]0;pwn\a' index -q "$T/"$'vault-\e[31mred'
expect_code 0 "index a vault whose folder name has an escape"
rm -r "$T/"$'vault-\e[31mred'
jk --db "$T/"$'db-\e]0;pwn\a' status
expect_code 0 "status of an index and a vault with escapes in their names"
case $OUT in
*$'\e'* | *$'\a'*) fail "status passes the folder names' escapes: [$OUT]" ;;
*"db-␛]0;pwn␇"*"vault-␛[31mred (no longer exists"*"--forget $T/vault-␛[31mred')"*)
    pass "status shows the folder names' escapes as pictures" ;;
*) fail "status should show the folder names as pictures: [$OUT]" ;;
esac

# --- show on the hostile notes ------------------------------------------------------
RUN_TIMEOUT=10 jk show vault/invalid.md:3
expect_code 0 "show the note with invalid bytes"
expect_contains "$OUT" "alphaword" "show prints the section"
RUN_TIMEOUT=10 jk show vault/crlf.md:6
expect_code 0 "show a CRLF note"
expect_contains "$OUT" "crlfsecond" "show CRLF: the second section"
expect_not_contains "$OUT" "crlfword" "show CRLF: not the first section"
RUN_TIMEOUT=10 jk show --json vault/longhead.md:3
expect_code 0 "show --json under a 10,000-character heading"
json_check 'len(recs) == 1 and "longheadingword" in recs[0]["text"]' "show --json: the section's text"
RUN_TIMEOUT=10 jk show vault/big.md:3
expect_code 0 "show the section with the 5 MB line"
RUN_TIMEOUT=10 jk show vault/empty.md:1
expect_code 1 "show an empty note: no section"
RUN_TIMEOUT=10 jk show vault/fm-only.md:2
expect_code 1 "show inside a front-matter-only note: no section"
RUN_TIMEOUT=10 jk show vault/dangling.md:1
expect_code 2 "show a dangling symlink"
expect_error "show a dangling symlink"
RUN_TIMEOUT=10 jk show vault/loopdir:1
expect_code 2 "show a directory"
RUN_TIMEOUT=10 jk show vault/binary-elf.md:1
[ "$RC" != 124 ] || fail "show of a binary note hangs"
pass "show of a binary note returns (exit $RC)"
RUN_TIMEOUT=10 jk show --json vault/ctrl.md:3
expect_code 0 "show --json of a note with control characters"
json_check 'len(recs) == 1 and "tailword" in recs[0]["text"]' "show --json: control characters are escaped, JSON parses"

# --- a second run: nothing changed ------------------------------------------------------
RUN_TIMEOUT=10 jk index vault
expect_code 0 "re-index the hostile vault"
summary_counts
[ "$ADDED $UPDATED $REMOVED $UNCHANGED" = "0 0 0 $FIRST_ADDED" ] ||
    fail "second run should change nothing, got: $ERR"
pass "second run: 0 added, 0 updated, 0 removed, $FIRST_ADDED unchanged"

# --- the vault is untouched -------------------------------------------------------------
snapshot "$T/after.txt"
cmp -s "$T/before.txt" "$T/after.txt" ||
    fail "the vault changed: $(diff "$T/before.txt" "$T/after.txt" | head -n 10)"
pass "every file is byte-identical, same size, mode, mtime and links (sha256)"

# --- show on a FIFO, NUL bytes in show --json, binary detection (these found bugs) ---
# show reads a note from disk; a FIFO must not block it (README: FIFOs are
# never opened; an unreadable file for show is exit 2).
RUN_TIMEOUT=3 jk show vault/fifo.md:1
expect_code 2 "show of a FIFO does not hang and is an error"
expect_error "show of a FIFO"
# show --json keeps the whole section, NUL bytes included.
RUN_TIMEOUT=10 jk show --json vault/invalid.md:1
expect_code 0 "show --json of the note with NUL bytes"
json_checks <<'EOF'
@ show --json text keeps the words after the NUL bytes
"gammaword" in recs[0]["text"] and "deltaword" in recs[0]["text"]
@ show --json text: invalid bytes become U+FFFD
"\ufffd" in recs[0]["text"]
EOF
# README: binary files are skipped and reported, whatever their NUL count.
warned 'binary-img\.md' "the binary (compressed image) note is reported"
jk search binimgword
expect_code 1 "the binary image is not indexed"
jk search latinword
expect_code 0 "a short Latin-1 note with a few accents is indexed"
expect_contains "$OUT" "caf� r�sum� latinword" "its accents read as U+FFFD"
jk --color never search cutword
expect_contains "$OUT" "카프카 � 재시도 � 끝" "a character cut short shows as one U+FFFD"
jk search --json cutword
expect_contains "$OUT" '"snippet":"cutword 카프카 � 재시도 � 끝"' "and in the JSON snippet"
jk show vault/cut.md:3
expect_contains "$OUT" "카프카 � 재시도 � 끝" "and in show's text"
jk show --json vault/cut.md:3
expect_contains "$OUT" "카프카 \ufffd 재시도 \ufffd 끝" "and in show's JSON text"
jk search nobomword euckrword
expect_code 1 "UTF-16 without a BOM and EUC-KR notes are not indexed"

done_testing
