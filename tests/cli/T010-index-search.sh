#!/usr/bin/env bash
# T010: index the demo vault, search it, and check the human output formats:
# the summary line, the piped one-hit-per-line format, colour.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/vault"
NOTE=vault/interviews/2024-coupang-backend.md
HEADING='### 2번 질문: 컨슈머 처리 실패 시 재시도는 어떻게 하나요?'
[ "$(grep -c -F -x -- "$HEADING" "$NOTE")" = 1 ] ||
    fail "setup: expected exactly one line '$HEADING' in samples/${NOTE#vault/}"
L=$(grep -n -F -x -- "$HEADING" "$NOTE" | cut -d: -f1)
NNOTES=$(count_notes vault)

# --- index --------------------------------------------------------------------
jk index vault
expect_code 0 "index samples"
expect_empty "$OUT" "index prints nothing on stdout"
expect_contains "$ERR" "added" "index summary on stderr mentions 'added'"
expect_summary "$NNOTES" 0 0 0 "first index adds every note"
expect_match "$ERR" "^jikji: $NNOTES added, 0 updated, 0 removed, 0 unchanged, 0 skipped, 0 renamed; " \
    "summary line has the documented shape"
expect_no_match "$ERR" '^jikji: (error|warning):' "the demo vault gives no warnings"
expect_not_contains "$ERR" $'\r' "piped: no progress bar, the summary only"

# --- index on a terminal: the progress bar ----------------------------------------
run_tty_err "$JIKJI" --db "$T/db-tty" index vault
expect_code 0 "index samples, stderr a terminal"
expect_empty "$OUT" "on a terminal too, nothing on stdout"
expect_match "$ERR" "\\[#{30}\\] $NNOTES/$NNOTES notes  [0-9]+\\.[0-9] MB/s" \
    "on a terminal, a progress bar: full at the end, notes done/total, MB/s"
expect_contains "$ERR" $'\r\033[K'"jikji: $NNOTES added, 0 updated" \
    "the bar is erased before the summary line"
# Shards of 50 sections: the build ends by merging them, and says so.
run_tty_err env JIKJI_SHARD_SECTIONS=50 "$JIKJI" --db "$T/db-tty-m" index vault
expect_code 0 "index in shards, stderr a terminal"
expect_match "$ERR" "\\[#{30}\\] $NNOTES/$NNOTES notes  [0-9]+\\.[0-9] MB/s  merging the index" \
    "after the last note, the bar says the index is being merged"
expect_match "$ERR" "merging the index  [0-9]{1,2}%  ETA 0:00" \
    "as the merge goes table by table, the bar says how far it is and its time left"
# A narrow window: the bar is cut to one line of it, not wrapped (QA: at
# 10 columns each redraw left a line behind).
PTY_COLS=20 run_tty_err "$JIKJI" --db "$T/db-tty-n" index vault
expect_code 0 "index in a window of 20 columns"
py_assert "each drawing of the bar fits in 19 columns" "$ERRF" <<'EOF'
err = open(sys.argv[1], encoding="utf-8", errors="replace", newline="").read()
bars = [s.replace("\x1b[K", "") for s in err.split("\r")][:-1]
assert bars and all(len(b) <= 19 for b in bars), [b for b in bars if len(b) > 19][:3]
EOF
run_tty_err "$JIKJI" --db "$T/db-tty-q" index -q vault
expect_code 0 "index -q, stderr a terminal"
expect_empty "$ERR" "index -q on a terminal: no bar, no summary"

# --- search: ranking and piped format --------------------------------------------
jk search "Kafka 재시도"
expect_code 0 "search 'Kafka 재시도' finds hits"
expect_empty "$ERR" "search prints nothing on stderr"
first=$(printf '%s\n' "$OUT" | head -n 1)
case $first in
"$NOTE:$L:"*) pass "first hit is $NOTE:$L (the heading '$HEADING')" ;;
*) fail "first hit should be $NOTE:$L, got [$first]" ;;
esac
expect_contains "$first" "2번 질문: 컨슈머 처리 실패 시 재시도는 어떻게 하나요?"$'\t' \
    "first hit's heading path ends with its own heading, then a TAB"
cp "$OUTF" "$T/plain.txt"

# Default limit is 10; the demo vault has more hits than that.
[ "$(wc -l <"$T/plain.txt")" -eq 10 ] ||
    fail "expected 10 hits by default, got $(wc -l <"$T/plain.txt")"
pass "default limit: 10 hits"

expect_no_match "$OUT" $'\e' "no ANSI escapes when piped"

# Every piped line is PATH:LINE:HEADING › PATH<TAB>SNIPPET and agrees with
# the JSON output for the same query.
jk search --json "Kafka 재시도"
expect_code 0 "search --json for the same query"
cp "$OUTF" "$T/hits.json"
py_assert "piped lines are PATH:LINE:H1 › … › Hn<TAB>SNIPPET, matching --json" <<'EOF'
recs = load("hits.json")
lines = open(os.path.join(T, "plain.txt"), "rb").read().decode("utf-8").split("\n")
assert lines[-1] == "", "the output must end with a newline"
lines = lines[:-1]
assert len(lines) == len(recs), "piped has %d hits, JSON %d" % (len(lines), len(recs))
pat = re.compile(r"^([^\t]+?):([0-9]+):([^\t]*)\t([^\t]*)$")
for i, (line, r) in enumerate(zip(lines, recs), 1):
    m = pat.match(line)
    assert m, "line %d is not PATH:LINE:HEADINGS<TAB>SNIPPET: %r" % (i, line)
    path, ln, heads, snip = m.groups()
    assert path == r["path"], "line %d: path %r != JSON %r" % (i, path, r["path"])
    assert int(ln) == r["line"], "line %d: line %s != JSON %d" % (i, ln, r["line"])
    want = " \u203a ".join(r["headings"])
    assert heads == want, "line %d: heading path %r != %r" % (i, heads, want)
    assert snip == r["snippet"], "line %d: snippet %r != JSON %r" % (i, snip, r["snippet"])
    assert os.path.isfile(path), "line %d: %s is not a file" % (i, path)
EOF

# --- colour ------------------------------------------------------------------------
# Checks a coloured piped output against the plain one and the JSON matches:
# removing the escapes gives the plain text, and the coloured bytes of each
# snippet are exactly the matched bytes.
check_colour() { # DESC FILE
    py_assert "$1" "$2" <<'EOF'
recs = load("hits.json")
plain = open(os.path.join(T, "plain.txt"), "rb").read().decode("utf-8").split("\n")[:-1]
col = open(sys.argv[1], "rb").read().decode("utf-8").split("\n")[:-1]
sgr = re.compile("\x1b\\[[0-9;]*m")
assert len(col) == len(plain), "%d coloured lines, %d plain" % (len(col), len(plain))
assert any("\x1b" in c for c in col), "no escape sequence at all"
for i, (c, p, r) in enumerate(zip(col, plain, recs), 1):
    bare = sgr.sub("", c)
    assert bare == p, "line %d without escapes differs from the plain output:\n%r\n%r" % (i, bare, p)
    assert "\x1b" not in bare, "line %d: a stray escape" % i
    snip = c.split("\t", 1)[1]
    # Walk the snippet, tracking whether a highlight (an SGR other than a
    # reset) is on, and collect the highlighted byte offsets.
    on, pos, got = False, 0, set()
    for tok in re.split("(\x1b\\[[0-9;]*m)", snip):
        if sgr.fullmatch(tok):
            on = tok not in ("\x1b[0m", "\x1b[m")
            continue
        b = tok.encode("utf-8")
        if on:
            got.update(range(pos, pos + len(b)))
        pos += len(b)
    assert got == lit(r), "line %d: coloured bytes %s != matched bytes %s in %r" % (
        i, sorted(got), sorted(lit(r)), snip)
    # The headings before the tab: the match colour on exactly the words
    # of heading_matches (the path and line have colours of their own).
    on, pos, got = False, 0, set()
    for tok in re.split("(\x1b\\[[0-9;]*m)", c.split("\t", 1)[0]):
        if sgr.fullmatch(tok):
            on = tok == "\x1b[1;31m"
            continue
        b = tok.encode("utf-8")
        if on:
            got.update(range(pos, pos + len(b)))
        pos += len(b)
    pre = len(("%s:%d:" % (r["path"], r["line"])).encode("utf-8"))
    shown = [(h, ms) for h, ms in zip(r["headings"], r["heading_matches"]) if h]
    at, want = pre, set()
    for k, (h, ms) in enumerate(shown):
        at += len(" › ".encode("utf-8")) if k else 0
        want.update(x for m in ms for x in range(at + m["start"], at + m["end"]))
        at += len(h.encode("utf-8"))
    assert got == want, "line %d: coloured heading bytes %s != heading_matches %s in %r" % (
        i, sorted(got), sorted(want), c.split("\t", 1)[0])
assert any(ms for r in recs for ms in r["heading_matches"]), "no heading marked: the check is empty"
EOF
}

jk --color=always search "Kafka 재시도"
expect_code 0 "--color=always (global option) search"
expect_contains "$OUT" $'\e[' "--color=always emits escapes even when piped"
check_colour "--color=always: escapes surround exactly the matched words; stripped == plain" "$OUTF"

jk search --color always "Kafka 재시도"
expect_code 0 "search --color always (command option, separate argument)"
check_colour "search --color always: the same colouring" "$OUTF"

NO_COLOR=1 jk search --color=always "Kafka 재시도"
expect_contains "$OUT" $'\e[' "NO_COLOR does not override an explicit --color=always"

jk search --color=never "Kafka 재시도"
cmp -s "$OUTF" "$T/plain.txt" || fail "--color=never output differs from the plain piped output"
pass "--color=never piped == default piped output"

# --- the terminal: auto colour, NO_COLOR, TERM=dumb ------------------------------
TERM=xterm run_tty "$JIKJI" search -n 3 "Kafka 재시도"
expect_code 0 "search on a terminal"
expect_contains "$OUT" $'\e[' "auto: colour on a terminal"
TERM=xterm NO_COLOR=1 run_tty "$JIKJI" search -n 3 "Kafka 재시도"
expect_code 0 "search on a terminal with NO_COLOR=1"
expect_no_match "$OUT" $'\e' "auto + NO_COLOR=1: no escapes on a terminal"
# Grouped by note: the path alone on a line, then LINE: heading path.
expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "$NOTE" "terminal output starts with the note's path on its own line"
expect_match "$OUT" "^ *([0-9]+\\. )?$L: .*2번 질문: 컨슈머 처리 실패 시 재시도는 어떻게 하나요\\?\$" \
    "terminal output has '[RANK. ]$L: <heading path>'"
TERM=dumb run_tty "$JIKJI" search -n 3 "Kafka 재시도"
expect_no_match "$OUT" $'\e' "auto + TERM=dumb: no escapes on a terminal"
TERM=xterm run_tty "$JIKJI" --color=never search -n 3 "Kafka 재시도"
expect_no_match "$OUT" $'\e' "--color=never: no escapes on a terminal"

done_testing
