#!/usr/bin/env bash
# T120: malformed and hostile queries (README "Query syntax", "Exit status"):
# an unbalanced quote or parenthesis, an unknown field, a bad date, an empty
# query, parentheses nested more than 64 deep and more than 256 words,
# phrases and fields exit 2 with one 'jikji: error:' line that says what and
# at which byte; blank, punctuation-only, huge (100 KB, 10,000 words), invalid
# UTF-8 and particle-only queries never crash, hang or eat the memory, and
# exit 0, 1 or (when they hold no word) 2.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/vault"
jk index -q vault
expect_code 0 "index samples"

# Checks that exposed a bug do not stop the test: each is reported at once
# and the test fails at the end, so one run shows them all.
BUGS=()
bug() {
    {
        printf 'FAIL: %s: %s\n' "$TEST_NAME" "$1"
        printf '  last command: %s\n  exit code:    %s\n' "$(printf '%s' "$LAST_CMD" | head -c 300)" "$RC"
        printf '  stderr: %s\n' "$(head -c 300 "$ERRF")"
    } >&2
    BUGS+=("$1")
}

# rep STRING N: STRING N times; words PREFIX N: PREFIX0 PREFIX1 ... (N words).
rep() {
    local s=$1 n=$2 out=''
    while ((n > 0)); do
        ((n & 1)) && out+=$s
        s+=$s
        ((n >>= 1))
    done
    printf '%s' "$out"
}
words() {
    local i out=()
    for ((i = 0; i < $2; i++)); do out+=("$1$i"); done
    printf '%s' "${out[*]}"
}

# no_crash DESC: the last run neither crashed nor hung.
no_crash() {
    case $RC in
    124) bug "$1: timed out (hang or far too slow)" ;;
    125) bug "$1: killed: more than the memory cap" ;;
    *)
        if [ "$RC" -ge 128 ]; then
            bug "$1: crashed (exit $RC)"
        else
            pass "$1: no crash, no hang (exit $RC)"
        fi
        ;;
    esac
}

# one_error DESC: stderr is one 'jikji: error:' line, at most followed by
# 'jikji: hint:' lines (README "Exit status").
one_error() {
    expect_error "$1"
    local lines l n=0
    mapfile -t lines <"$ERRF"
    for l in "${lines[@]}"; do
        case $l in
        "jikji: error: "*) n=$((n + 1)) ;;
        "jikji: hint: "*) ;;
        *) fail "$1: stderr has more than the error (and hints): [$l]" ;;
        esac
    done
    [ "$n" = 1 ] || fail "$1: expected one 'jikji: error:' line, got $n"
    pass "$1: one error line"
}

# qerr DESC WHAT BYTE QUERY...: a malformed query: exit 2, nothing on stdout,
# one error line matching WHAT (ERE, case-insensitive) and, when BYTE is not
# empty, 'byte BYTE' (1-based; 0-based BYTE-1 is accepted too).
qerr() {
    local desc=$1 what=$2 byte=$3 first
    shift 3
    jk search "$@"
    no_crash "$desc"
    expect_code 2 "$desc"
    expect_empty "$OUT" "$desc: nothing on stdout"
    one_error "$desc"
    first=${ERR%%$'\n'*}
    [[ ${first,,} =~ ${what,,} ]] || fail "$desc: the error should say /$what/: [$first]"
    pass "$desc: the error says what ($what)"
    if [ -n "$byte" ]; then
        case $first in
        *"byte $byte"[!0-9]* | *"byte $byte" | *"byte $((byte - 1))"[!0-9]* | *"byte $((byte - 1))")
            pass "$desc: the error points at byte $byte" ;;
        *) bug "$desc: the error should point at byte $byte: [$first]" ;;
        esac
    fi
}

# --- malformed: exit 2, what and where -----------------------------------------------------
qerr "unbalanced quote at the start" 'quote|"' 1 '"재시도 토픽'
qerr "unbalanced quote after a word" 'quote|"' 7 'kafka "재시도'
qerr "unbalanced quote, three quotes" 'quote|"' 26 '"재시도 토픽" kafka "'
qerr "quote in the second argument (arguments joined with spaces)" 'quote|"' 7 kafka '"재시도'
qerr "unbalanced '('" 'parenthes|\(' 1 '(kafka 재시도'
qerr "unbalanced '(' after words" 'parenthes|\(' 7 'kafka (재시도 OR 리트라이'
qerr "unbalanced ')'" 'parenthes|\)' 16 'kafka 재시도)'
qerr "')' before '('" 'parenthes|\)' 7 'kafka ) ('
qerr "unknown field" 'field.*foo|foo.*field' 1 'foo:bar'
qerr "unknown field after a word" 'field.*foo|foo.*field' 7 'kafka foo:bar'
qerr "unknown field, quoted value" 'field.*(foo|bar)|(foo|bar).*field' 7 'kafka foo:"bar baz"'
qerr "a mistyped field" 'field.*tags' 1 'tags:kafka'
# Text copied from a note is searched, not refused (README): a URL, a C++
# name, a call with empty parentheses.
for q in 'https://kafka.apache.org' 'std::move 컨슈머' 'pause() 리밸런싱' 'consumer.pause() 호출'; do
    jk search -c "$q"
    [ "$RC" = 0 ] || [ "$RC" = 1 ] || fail "search '$q' should be a search, got exit $RC: $ERR"
    pass "'$q' is searched as words"
done
jk search 'pause()'
expect_code 0 "pause() finds the note that says pause()"
qerr "empty query" 'empty' "" ''
qerr "blank query" 'empty|no (searchable )?word' "" '   '
qerr "tabs and newlines only" 'empty|no (searchable )?word' "" $'\t\n '
qerr "only punctuation" 'empty|no (searchable )?word' "" '!!! ??? ... ,,,'
qerr "only quotes" 'empty|no (searchable )?word|phrase|quote' "" '""'
qerr "empty parentheses" 'empty|missing|no (searchable )?word|parenthes' "" '()'
qerr "OR with nothing after it" 'missing|OR|empty' "" 'kafka OR'
qerr "a field without a value" 'value|tag|empty' "" 'tag:'
# Each says what is wrong (these gave "missing words (before or after OR, or
# in empty parentheses)", or were accepted where OR was refused).
qerr "only '('" "unbalanced parenthesis: no '\\)'" 1 '('
qerr "only ')'" "unbalanced parenthesis: '\\)' without" 1 ')'
qerr "'(' at the end" "unbalanced parenthesis: no '\\)'" 7 'kafka ('
qerr "blank parentheses" 'empty parentheses' 1 '( )'
qerr "OR first" 'missing words before OR' 1 'OR kafka'
qerr "OR last" 'missing words after OR' 9 'kafka OR'
qerr "AND alone" 'missing words before AND' 1 'AND'
qerr "AND last" 'missing words after AND' 7 'kafka AND'
qerr "AND then OR" 'missing words after AND' 7 'kafka AND OR 재시도'
qerr "AND twice" 'missing words after AND' 7 'kafka AND AND 재시도'
qerr "a field on a group" "'title:' takes one word or a quoted phrase" 1 'title:(쿠팡 OR 토스)'
qerr "a field with an empty quoted value" "'tag:' needs a value" 7 'kafka tag:""'
qerr "a field value of punctuation" "'title:!!!' at byte 7 has no searchable word" "" 'kafka title:!!!'
qerr "a tag of an invisible character" "at byte 7 has no searchable word after the colon" "" "kafka tag:$(printf '\u200b')"
qerr "a tag of a blank" "at byte 7 has no searchable word after the colon" "" 'kafka tag:" "'
qerr "a category of blanks" "has no searchable word after the colon" "" 'category:"  "'
# The query is quoted as typed, a long one cut (it was echoed whole: 120 KB).
jk search "$(rep a 300)"
expect_code 2 "one word of 300 bytes (over the 100-byte limit)"
expect_contains "$ERR" "at most 100 bytes" "the error gives the word limit"
[ "${#ERR}" -lt 400 ] || fail "the error line repeats the whole query (${#ERR} bytes)"
pass "the error line quotes only the start of a long query"
jk search '""'
expect_contains "$ERR" "words of at most 100 bytes): '\"\"'" "'\"\"' is quoted once, not as \"\"\"\""

# --- a negated exclusion is the word itself (it was a single exclusion) ------------
jk search -c kafka
with_kafka=$OUT
for q in '-(-kafka)' 'NOT -kafka' 'NOT (NOT kafka)'; do
    jk search -c -- "$q"
    expect_code 0 "[$q]"
    expect_eq "$OUT" "$with_kafka" "[$q] counts the sections with kafka"
done
# The same error, whatever the output format.
for fmt in --json -c -l --vimgrep; do
    jk search "$fmt" '"재시도 토픽'
    expect_code 2 "unbalanced quote with $fmt"
    expect_empty "$OUT" "unbalanced quote with $fmt: nothing on stdout"
done

# --- well-formed look-alikes: not errors ---------------------------------------------------------
for q in 'Q1: kafka' '12:30 kafka' 'TAG:kafka' 'Tag:kafka 재시도' '"재시도 토픽" (kafka OR 리트라이)' 'kafka AND 재시도'; do
    jk search "$q"
    no_crash "[$q]"
    expect_code 0 "[$q] is a well-formed query with hits"
    expect_empty "$ERR" "[$q]: nothing on stderr"
done

# --- particles only -------------------------------------------------------------------------------
for q in '를 을' '를' '은 는 이 가'; do
    jk search "$q"
    no_crash "particles only [$q]"
    case $RC in
    0 | 1) pass "particles only [$q]: exit $RC (not an error)" ;;
    *) fail "particles only [$q]: expected exit 0 or 1, got $RC" ;;
    esac
    expect_not_contains "$ERR" "jikji: error:" "particles only [$q]: no error"
done

# --- invalid UTF-8 in the query: it only separates words (README "How it works") -----------
jk search --json -n 50 'kafka 재시도'
expect_code 0 "kafka 재시도"
cp "$OUTF" "$T/plain.json"
jk search --json -n 50 "$(printf 'kafka\xff재시도')"
no_crash "kafka<FF>재시도"
expect_code 0 "kafka<FF>재시도"
json_check 'pl(recs) == pl(load("plain.json"))' "kafka<FF>재시도 == kafka 재시도 (the bad byte separates words)"
jk search --json -n 50 "$(printf 'kafka \xc3 \xed\xa0\x80 \xf8\x88\x80\x80\x80 재시도 \xe2\x82')"
no_crash "kafka and 재시도 among invalid sequences"
expect_code 0 "kafka and 재시도 among invalid sequences (bad continuation, surrogate, 5-byte, truncated)"
json_check 'pl(recs) == pl(load("plain.json"))' "invalid sequences are only separators"
jk search "$(printf '\xff\xfe\xc0\xaf')"
no_crash "only invalid bytes"
expect_code 2 "only invalid bytes: no word, as an empty query"
one_error "only invalid bytes"
jk search "$(printf 'kafka\x01\x1b[31m재시도')"
no_crash "control bytes in the query"
expect_code 0 "control bytes separate words"

# --- big queries ------------------------------------------------------------------------------------
# 100 KB: a word and a 100,000-byte word; a 100 KB Korean word (34,000 syllables).
run_capped 8 2000 "$JIKJI" search -n 3 "kafka $(rep a 100000)"
no_crash "100 KB query (kafka and a 100,000-letter word)"
case $RC in 0 | 1) pass "100 KB query: exit $RC" ;; *) fail "100 KB query: expected exit 0 or 1, got $RC" ;; esac
BIGKO=$(rep 가 34000)
run_capped 8 2000 "$JIKJI" search -n 3 "$BIGKO"
no_crash "100 KB Korean word"
case $RC in 0 | 1) pass "100 KB Korean word: exit $RC" ;; *) fail "100 KB Korean word: expected exit 0 or 1, got $RC" ;; esac
# 10,000 unbalanced '(' and a 1,001-quote query are malformed, quickly.
run_capped 8 2000 "$JIKJI" search "$(rep '(' 10000)kafka"
no_crash "10,000 unbalanced '('"
expect_code 2 "10,000 unbalanced '('"
one_error "10,000 unbalanced '('"
run_capped 8 2000 "$JIKJI" search "$(rep '"' 1001)"
no_crash "1,001 quotes"
expect_code 2 "1,001 quotes (one unbalanced)"
one_error "1,001 quotes"

# --- the documented limits: 64 nested parentheses, 256 words, phrases and fields ----------
run_capped 8 2000 "$JIKJI" search -n 3 "$(rep '(' 64)kafka$(rep ')' 64)"
no_crash "64 nested parentheses"
expect_code 0 "64 nested parentheses around kafka: well-formed, hits"
qerr "65 nested parentheses" 'nest|deep' 65 "$(rep '(' 65)kafka$(rep ')' 65)"
qerr "1,000 nested parentheses" 'nest|deep' 65 "$(rep '(' 1000)kafka$(rep ')' 1000)"
qerr "65 nested negations" 'nest|deep' "" -- "$(rep 'NOT ' 65)kafka"
# 256 plain words that are nowhere: allowed, exit 1, fast and small (the
# partial-match tiers must not blow up with the number of words).
run_capped 4 1000 "$JIKJI" search -n 3 "$(words w 256)"
no_crash "256 words that are nowhere"
expect_code 1 "256 words that are nowhere: nothing found"
expect_empty "$ERR" "256 words: nothing on stderr"
run_capped 4 1000 "$JIKJI" search --json -n 3 "kafka 재시도 $(words w 254)"
no_crash "kafka 재시도 and 254 missing words"
expect_code 0 "kafka 재시도 and 254 missing words: partial matches"
json_check 'len(recs) == 3' "256 words, two of them found: a page of partial matches"
# over the limit: exit 2, and the byte of the 257th item (checked below).
toolong() { # DESC QUERY [FROM TO]: the 257th item is bytes FROM..TO (1-based)
    local desc=$1 q=$2 from=${3:-} to=${4:-} first
    run_capped 8 2000 "$JIKJI" search -n 3 "$q"
    no_crash "$desc"
    expect_code 2 "$desc"
    expect_empty "$OUT" "$desc: nothing on stdout"
    one_error "$desc"
    first=${ERR%%$'\n'*}
    [[ $first =~ 256|too\ long|too\ many ]] || fail "$desc: the error should say the query is too long: [$first]"
    pass "$desc: the error says the query is too long"
    [[ $first =~ byte\ ([0-9]+) ]] || { bug "$desc: the error should say at which byte: [$first]"; return; }
    [ -n "$from" ] || return 0
    local b=${BASH_REMATCH[1]}
    if [ "$b" -ge $((from - 1)) ] && [ "$b" -le "$to" ]; then
        pass "$desc: byte $b is in the 257th item ($from..$to)"
    else
        bug "$desc: the error should point at the 257th item, bytes $from..$to (1-based), got byte $b: [$first]"
    fi
}
# span Q N: the 1-based first and last byte of the Nth space-separated item.
span() { py -c 'import sys; q = sys.argv[1].encode(); n = int(sys.argv[2]); items = q.split(b" "); s = sum(len(i) + 1 for i in items[:n - 1]) + 1; print(s, s + len(items[n - 1]) - 1)' "$1" "$2"; }
Q257=$(words w 257)
toolong "257 words" "$Q257"
QK=$(rep 'kafka ' 10000)
toolong "10,000 words (kafka repeated)" "$QK"
QW=$(words w 10000)
toolong "10,000 different words" "$QW"
QT=$(words tag:t 257)
toolong "257 fields" "$QT"

# --- documented behaviour that exposed a bug (kept last, all reported) ----------------------------
# Too long: the byte is where the 257th item is (not past the end of the query).
# shellcheck disable=SC2046 # span prints two numbers
toolong "257 words, the byte" "$Q257" $(span "$Q257" 257)
# A bad date: exit 2, and (README) the message says at which byte.
qerr "bad date: month 13" 'date' 7 'kafka date:2024-13'
qerr "bad date in after:" 'date|after' 1 'after:xyz'
# A range that ends before it starts is a typo, not a search for nothing.
qerr "reversed date range" 'ends before it starts' 7 'kafka date:2025..2024'
qerr "reversed date range, days" 'ends before it starts' 1 'date:2024-06-02..2024-06-01'
jk search -c 'date:2024-07..2024'
expect_code 0 "date:2024-07..2024 (July to the end of 2024) is a valid range"
# 2024-02-30 does not exist.
jk search 'kafka date:2024-02-30'
no_crash "date:2024-02-30"
if [ "$RC" = 2 ]; then
    expect_error "date:2024-02-30"
else
    bug "kafka date:2024-02-30 (no such day) should be a bad date (exit 2), got exit $RC"
fi

[ ${#BUGS[@]} -eq 0 ] || {
    LAST_CMD=
    fail "${#BUGS[@]} check(s) failed (see above): $(printf '[%s] ' "${BUGS[@]}")"
}
done_testing
