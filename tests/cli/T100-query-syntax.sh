#!/usr/bin/env bash
# shellcheck disable=SC2154 # the J_* variables are set by json_vars
# T100: the query syntax of README "Query syntax": "exact phrase" (adjacent
# words in order, Korean too), -word / NOT word exclusion (also of a phrase, a
# field and a group), OR (binds looser than the implicit AND), parentheses,
# the implicit AND that falls back to partial matches (all words first; a
# group of plain words is one of them), and
# '--' before a query that starts with '-'.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/vault"

# A tiny vault (own index) where every expected answer is known.
TDB="$T/tiny-db"
mkdir -p "$T/tiny"
cat >"$T/tiny/full.md" <<'EOF'
# 세 단어 노트

## 기록

apple banana cherry 를 한 번씩 적었다.
EOF
# Strong on apple and banana (title, heading, body): a plain OR of the words
# ranks it above full.md, so only the tiers put full.md first.
cat >"$T/tiny/two.md" <<'EOF'
# apple banana 노트

## apple banana apple banana

apple banana apple banana apple banana apple banana apple banana apple banana.
apple banana apple banana apple banana apple banana.
EOF
cat >"$T/tiny/one.md" <<'EOF'
# 한 단어 노트

## 과일

apple 하나만 있다.
EOF
cat >"$T/tiny/phrase.md" <<'EOF'
# 구절 노트

## 붙은 구절

재시도 토픽을 나눴다. quick brown fox.

## 떨어진 구절

재시도 전용 토픽이 아니라 brown quick fox 순서.
EOF
# Function words (the, of, ...) are indexed without positions: a phrase
# spans them by a window.
printf '# 기능어\n\n## 순서대로\n\nstate of the art 라고 했다.\n\n## 거꾸로\n\nthe art of state 라는 책.\n\n## 멀리\n\nstate machine 과 the art 와 of.\n' >"$T/tiny/stop.md"
# ... but the ones that begin or end technical phrases keep theirs: a
# window cannot span a word at the phrase's edge.
printf '# 당번

## 붙여서

I was on-call for payments.

## 띄워서

I was on call last week.

## 따로

Turn on the light, then call home.

## 널

the column is null here, not blank.

## 따로 널

null is what it is.
' >"$T/tiny/edge.md"
# Phrases only (no plain word, so no partial-match tier): OR and grouping.
printf '# 디저트 하나\n\n## 둘 다\n\nlemon tart 다음에 mango salsa 를 먹었다.\n' >"$T/tiny/p1.md"
printf '# 디저트 둘\n\n## 하나만\n\npeach cobbler 만 먹었다.\n' >"$T/tiny/p2.md"
printf '# 디저트 셋\n\n## 레몬 없이\n\nmango salsa 와 peach cobbler 를 먹었다.\n' >"$T/tiny/p3.md"

jk index -q vault
expect_code 0 "index samples"
jk --db "$TDB" index -q tiny
expect_code 0 "index the tiny vault"

# tl QUERY...: the notes (-l) of a tiny-vault search, space separated, in order.
tl() {
    jk --db "$TDB" search -l "$@"
    TL=$(printf '%s\n' "$OUT" | tr '\n' ' ' | sed 's/ *$//')
}

# --- "exact phrase" ---------------------------------------------------------------
jk search --json -n 100 '"재시도 토픽"'
expect_code 0 'samples: "재시도 토픽"'
cp "$OUTF" "$T/phrase.json"
jk search --json -n 1000 '재시도 토픽'
expect_code 0 'samples: 재시도 토픽 (no quotes)'
cp "$OUTF" "$T/words.json"
json_checks "$T/phrase.json" <<'EOF'
@ the phrase has hits
len(recs) >= 1
@ every phrase hit holds the words adjacent and in order (whitespace collapsed)
none((r["path"], r["line"]) for r in recs
     if "재시도 토픽" not in re.sub(r"\s+", " ", section(r)))
@ the phrase marks the words in the snippet of the first hit
{"재시도", "토픽"} <= {m["text"] for m in recs[0]["matches"]} or "재시도 토픽" in {m["text"] for m in recs[0]["matches"]}
@ the same words without quotes find more sections (not adjacent as well)
len(load("words.json")) > len(recs)
@ every phrase hit is also a hit of the plain words
set(pl(recs)) <= set(pl(load("words.json")))
@ some hit of the plain words has both words but not the phrase
any("재시도 토픽" not in re.sub(r"\s+", " ", section(r)) for r in load("words.json"))
EOF

tl '"재시도 토픽"'
expect_code 0 'tiny: "재시도 토픽"'
jk --db "$TDB" search --json '"재시도 토픽"'
json_check 'pl(recs) == [("tiny/phrase.md", 3)]' '"재시도 토픽" finds only the section where the words are adjacent ("재시도 전용 토픽" is not)'
jk --db "$TDB" search --json '"토픽 재시도"'
expect_code 1 '"토픽 재시도" (wrong order) finds nothing'
jk --db "$TDB" search --json '"quick brown"'
expect_code 0 '"quick brown"'
json_check 'pl(recs) == [("tiny/phrase.md", 3)]' '"quick brown" finds only "quick brown fox"'
jk --db "$TDB" search --json '"brown quick"'
expect_code 0 '"brown quick"'
json_check 'pl(recs) == [("tiny/phrase.md", 7)]' '"brown quick" finds only "brown quick fox"'
jk --db "$TDB" search --json 'quick brown'
json_check 'sorted(pl(recs)) == [("tiny/phrase.md", 3), ("tiny/phrase.md", 7)]' 'quick brown (no quotes) finds both sections'
# Search QUERY (--json) and check the hits with a json_check expression.
hits_check() { # QUERY EXPR DESC
    jk --db "$TDB" search --json "$1"
    json_check "$2" "$3"
}
hits_check '"state of the art"' 'pl(recs) == [("tiny/stop.md", 3)]' \
    '"state of the art" (function words without positions) finds only the words in order'
hits_check '"the art of state"' 'pl(recs) == [("tiny/stop.md", 7)]' '"the art of state" finds only its own order'
hits_check '"on call"' 'sorted(pl(recs)) == [("tiny/edge.md", 3), ("tiny/edge.md", 7)]' \
    '"on call" (a function word at the edge) finds on-call and on call, not on ... call'
hits_check 'on-call' 'sorted(pl(recs)[:2]) == [("tiny/edge.md", 3), ("tiny/edge.md", 7)]' \
    'on-call ranks the phrase above on ... call'
hits_check '"is null"' 'pl(recs) == [("tiny/edge.md", 15)]' '"is null" finds the phrase, not null and is apart'
jk --db "$TDB" search --json '"state art"'
expect_code 1 '"state art": the window is only for the function words typed'
jk --db "$TDB" search '"재시도 나눴다"'
expect_code 1 '"재시도 나눴다" (a word between them) finds nothing'
jk --db "$TDB" search '"fox quick"'
expect_code 1 '"fox quick" (not in the notes in this order) finds nothing'

# --- -word, NOT word ---------------------------------------------------------------
jk search --json -n 1000 kafka
expect_code 0 "samples: kafka"
cp "$OUTF" "$T/kafka.json"
jk search --json -n 1000 'kafka -재시도'
expect_code 0 "samples: kafka -재시도"
cp "$OUTF" "$T/kafka-minus.json"
jk search --json -n 1000 'kafka NOT 재시도'
expect_code 0 "samples: kafka NOT 재시도"
cp "$OUTF" "$T/kafka-not.json"
jk search --json -n 1000 'kafka -"재시도 토픽"'
expect_code 0 'samples: kafka -"재시도 토픽"'
cp "$OUTF" "$T/kafka-minus-phrase.json"
jk search --json -n 1000 'kafka -tag:kafka'
expect_code 0 "samples: kafka -tag:kafka"
cp "$OUTF" "$T/kafka-minus-tag.json"
jk search --json -n 1000 'kafka -(재시도 OR 리밸런싱)'
expect_code 0 "samples: kafka -(재시도 OR 리밸런싱)"
cp "$OUTF" "$T/kafka-minus-group.json"
json_checks "$T/kafka-minus.json" <<'EOF'
@ kafka -재시도 has hits, fewer than kafka
0 < len(recs) < len(load("kafka.json"))
@ no hit of kafka -재시도 has 재시도 in its text
none(pl(r for r in recs if "재시도" in section(r)))
@ no hit of kafka -재시도 has 재시도 in its snippet
none(r["snippet"] for r in recs if "재시도" in r["snippet"])
@ kafka -재시도: every hit is a hit of kafka
set(pl(recs)) <= set(pl(load("kafka.json")))
@ kafka -재시도: every kafka hit whose text has 재시도 is left out
none(set(pl(r for r in load("kafka.json") if "재시도" in section(r))) & set(pl(recs)))
@ NOT 재시도 gives the same hits as -재시도
pl(load("kafka-not.json")) == pl(recs)
@ kafka -"재시도 토픽": no hit has the phrase, but some have 재시도 alone
none(pl(r for r in load("kafka-minus-phrase.json") if "재시도 토픽" in re.sub(r"\s+", " ", section(r))))
and any("재시도" in section(r) for r in load("kafka-minus-phrase.json"))
@ kafka -tag:kafka: no hit from a note tagged kafka
load("kafka-minus-tag.json") and none(r["path"] for r in load("kafka-minus-tag.json")
     if r["path"] in ("vault/interviews/2024-baemin-server.md",
                      "vault/interviews/2024-coupang-backend.md",
                      "vault/projects/kafka-pipeline.md"))
@ kafka -(재시도 OR 리밸런싱): neither word in any hit
load("kafka-minus-group.json") and none(pl(r for r in load("kafka-minus-group.json")
     if "재시도" in section(r) or "리밸런싱" in section(r)))
EOF

# The text that show --json prints (the section as in the file) agrees.
for n in 1 2 3; do
    json_vars "$n" "$T/kafka-minus.json" path line
    jk show --json "$J_path:$J_line"
    expect_code 0 "show --json hit $n of kafka -재시도"
    json_check '"재시도" not in recs[0]["text"]' "show --json text of hit $n has no 재시도"
done

tl 'apple -cherry'
expect_eq "$(tr ' ' '\n' <<<"$TL" | sort | tr '\n' ' ')" "tiny/one.md tiny/two.md " "tiny: apple -cherry leaves out the note with cherry"
tl 'apple NOT cherry'
expect_eq "$(tr ' ' '\n' <<<"$TL" | sort | tr '\n' ' ')" "tiny/one.md tiny/two.md " "tiny: apple NOT cherry == apple -cherry"
tl 'apple -(cherry OR banana)'
expect_eq "$TL" "tiny/one.md" "tiny: apple -(cherry OR banana) leaves only the note with neither"
tl 'apple not cherry'
expect_contains "$TL" "tiny/full.md" "lower-case 'not' is a word, not an operator (the cherry note is found)"

# --- OR and parentheses ----------------------------------------------------------------
tl 'banana OR cherry'
expect_code 0 "tiny: banana OR cherry"
expect_eq "$(tr ' ' '\n' <<<"$TL" | sort | tr '\n' ' ')" "tiny/full.md tiny/two.md " "banana OR cherry: the notes with either word, only those"
tl 'cherry OR zzqxnothere'
expect_eq "$TL" "tiny/full.md" "cherry OR (a missing word): the cherry note"
tl '"lemon tart" "mango salsa" OR "peach cobbler"'
expect_code 0 'A B OR C'
expect_eq "$(tr ' ' '\n' <<<"$TL" | sort | tr '\n' ' ')" "tiny/p1.md tiny/p2.md tiny/p3.md " \
    'A B OR C is (A B) OR C: OR binds looser than the implicit AND'
tl '("lemon tart" "mango salsa") OR "peach cobbler"'
expect_eq "$(tr ' ' '\n' <<<"$TL" | sort | tr '\n' ' ')" "tiny/p1.md tiny/p2.md tiny/p3.md " '(A B) OR C'
tl '"lemon tart" ("mango salsa" OR "peach cobbler")'
expect_code 0 'A (B OR C)'
expect_eq "$TL" "tiny/p1.md" 'A (B OR C): parentheses group the OR'
tl '("lemon tart" OR "peach cobbler") -"mango salsa"'
expect_eq "$TL" "tiny/p2.md" '(A OR C) -B'
tl '"lemon tart" AND "peach cobbler"'
expect_code 1 'A AND C: AND changes nothing (no note has both)'

jk search -c 'Redis'
expect_code 0 "-c Redis"
N_REDIS=$OUT
jk search -c 'clickhouse'
N_CH=$OUT
jk search -c 'Redis OR clickhouse'
expect_code 0 "-c Redis OR clickhouse"
N_OR=$OUT
if ! { [ "$N_OR" -ge "$N_REDIS" ] && [ "$N_OR" -ge "$N_CH" ] && [ "$N_OR" -le $((N_REDIS + N_CH)) ]; }; then
    fail "count of 'Redis OR clickhouse' ($N_OR) should be between max and sum of $N_REDIS and $N_CH"
fi
pass "samples: Redis OR clickhouse counts the union ($N_REDIS, $N_CH -> $N_OR)"
jk search --json -n 100 '(Redis OR 레디스) 장애'
expect_code 0 "(Redis OR 레디스) 장애"
json_check 'recs and all((lambda t: ("redis" in t.lower() or "레디스" in t) and "장애" in t)(section(r) + " ".join(r["headings"])) for r in recs[:1])' \
    "(Redis OR 레디스) 장애: the first hit has redis/레디스 and 장애 (its text or headings)"

# --- implicit AND, then partial matches -------------------------------------------------------
tl 'apple OR banana OR cherry'
expect_code 0 "tiny: apple OR banana OR cherry"
case $TL in "tiny/two.md "*) pass "setup: plain OR ranks the apple-banana note first ($TL)" ;;
*) note "setup: plain OR ranks [$TL]" ;; esac
tl 'apple banana cherry'
expect_code 0 "tiny: apple banana cherry"
expect_eq "$TL" "tiny/full.md tiny/two.md tiny/one.md" \
    "all three words first, then the note missing one, then the note missing two"
tl 'apple banana zzqxnothere'
expect_code 0 "tiny: two words and a nonsense word still find notes"
expect_nonempty "$TL" "partial matches are listed"
case $TL in
*"tiny/one.md") pass "the notes with both real words come before the one with only apple ($TL)" ;;
*) fail "apple banana zzqxnothere: tiny/one.md (apple only) should come last, got [$TL]" ;;
esac
jk search --json -n 5 'Kafka 재시도 zzqxnothere'
expect_code 0 "samples: Kafka 재시도 + a nonsense word still has hits"
json_check 'len(recs) == 5' "samples: a full page of partial matches"
tl 'apple AND banana'
tl2=$TL
tl 'apple banana'
expect_eq "$tl2" "$TL" "explicit AND changes nothing"
jk search zzqxnothere yyqxnothere
expect_code 1 "two nonsense words: nothing"
# A group of plain words is a plain word: the fallback may drop it, or
# keep it when another word is missing; a group with a phrase stays required.
tl '(apple OR grape) banana zzqxnothere'
expect_eq "$TL" "$(tl 'apple banana zzqxnothere'; echo "$TL")" \
    "(apple OR grape) banana + a nonsense word: the same partial matches as apple banana"
tl '(apple OR grape) zzqxnothere'
expect_nonempty "$TL" "a group and a nonsense word still find notes"
jk search -c '(apple OR "banana cherry") zzqxnothere'
expect_eq "$OUT" 0 "a group holding a phrase stays required"

# --- '--' before a query that starts with '-' ----------------------------------------------
jk search --json -n 1000 -- -kafka 재시도
expect_code 0 "search -- -kafka 재시도"
expect_empty "$ERR" "search -- -kafka 재시도: nothing on stderr"
cp "$OUTF" "$T/dashdash.json"
jk search --json -n 1000 '재시도 -kafka'
cp "$OUTF" "$T/swapped.json"
json_checks "$T/dashdash.json" <<'EOF'
@ -- -kafka 재시도 has hits
len(recs) > 0
@ no hit of -kafka 재시도 has kafka or 카프카 in its text
none(pl(r for r in recs if "kafka" in section(r).lower() or "카프카" in section(r)))
@ -- -kafka 재시도 == 재시도 -kafka
pl(recs) == pl(load("swapped.json"))
EOF
jk search -n 2 -- -kafka 재시도
expect_code 0 "options before -- still apply (-n 2)"
expect_eq "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 2 "-n 2 before --: two lines"

# A word typed again adds nothing: the query is the same as with the word
# once (a pasted question that repeated its words took seconds).
jk search --explain '재시도 Kafka 재시도 kafka 재시도'
expect_code 0 "search --explain with repeated words"
rep_xapian=$(printf '%s\n' "$ERR" | grep '^xapian:')
expect_nonempty "$rep_xapian" "--explain gives the Xapian query"
jk search --explain '재시도 Kafka kafka'
expect_eq "$rep_xapian" "$(printf '%s\n' "$ERR" | grep '^xapian:')" \
    "a repeated word is searched once (the same Xapian query)"
jk search -c "$(yes '컨슈머 재시도' | head -n 120 | tr '\n' ' ')"
expect_code 0 "120 words, two distinct: counted"
rep_count=$OUT
jk search -c '컨슈머 재시도'
expect_eq "$rep_count" "$OUT" "120 words, two distinct: the count of the two words"

# --- documented behaviour that exposed a bug (kept last) ---------------------------------------
# Without '--', '-kafka' is an unknown option: the message should name it,
# not the command.
jk search -kafka 재시도
expect_code 2 "search -kafka (no --) is a usage error"
expect_error "search -kafka"
first=$(printf '%s\n' "$ERR" | head -n 1)
case $first in
*"'-kafka'"* | *"'-k'"*) pass "the error names the option '-kafka' ($first)" ;;
*) fail "search -kafka: the error should name '-kafka' (or '-k'), got [$first]" ;;
esac
# A word starting with -h is no request for help: the same error, not the
# help text on stdout with exit 0 (a script reading --json got prose).
jk search --json -handle Object
expect_code 2 "search -handle (no --) is a usage error"
expect_empty "$OUT" "... with nothing on stdout"
expect_contains "$ERR" "'-handle' is no option (to search for a word starting with '-', put '--' before the query)" "... naming the word"
for h in -h -ch --help; do
    jk search "$h"
    expect_code 0 "search $h prints the help"
    expect_match "$OUT" "^usage: jikji search" "... on stdout"
done
jk search -레디스
expect_code 2 "search -레디스 (no --) is a usage error"
expect_contains "$ERR" "'-레디스' is no option (to search for a word starting with '-', put '--' before the query)" "... naming the word whole, not its first byte"
jk search -- -handle
expect_code 0 "search -- -handle is a query (sections without handle)"

# A number and its unit, a name and its number, written glued or apart
# (QA: 200 ms and 200ms, Java17 and Java 17 did not find each other).
mkdir -p "$T/units"
printf '# 지연\n\np99 가 200ms 를 넘었다.\n' >"$T/units/a.md"
printf '# 이전\n\nJava 17 로 올렸다. 힙은 10 GB.\n' >"$T/units/b.md"
printf '# 재시도\n\nretry 는 세 번까지.\n' >"$T/units/c.md"
jk --db "$T/unitsdb" index -q "$T/units"
for pair in "200 ms|units/a.md" "200MS|units/a.md" "Java17|units/b.md" \
            "java 17|units/b.md" "10GB|units/b.md"; do
    q=${pair%%|*} want=${pair#*|}
    jk --db "$T/unitsdb" search -l -- "$q"
    expect_eq "$OUT" "$want" "[$q] finds the note that writes it the other way"
done
jk --db "$T/unitsdb" search --json -- "200 ms"
json_check 'sorted(m["text"] for m in recs[0]["matches"]) == ["200ms"]' "the glued form is marked"
# A version or dotted number is its numbers side by side (QA: TLS 1.3
# found and marked any 1 and 3 of a section).
printf '# 보안\n\nTLS 1.3 으로 올렸다.\n\n## 단계\n\nTLS 도입 1 단계, 3 단계.\n' >"$T/units/v.md"
jk --db "$T/unitsdb" index -q "$T/units"
jk --db "$T/unitsdb" search --json -- "TLS 1.3"
json_check '[r["line"] for r in recs][:1] == [1] and sorted(m["text"] for m in recs[0]["matches"]) == ["1.3", "TLS"]' "TLS 1.3: the section with 1.3 first, 1.3 marked whole"
json_check 'all(m["text"] != "1" for r in recs for m in r["matches"])' "no lone 1 is marked"
jk --db "$T/unitsdb" search -c -- "1.3"
expect_eq "$OUT" 1 "1.3 finds only the section that writes it"
# C#, C++ and F# are words of their own, not the letter c or f (QA).
printf '# 언어\n\nC# 으로 백오피스.\n\n## 둘\n\nC++ 엔진.\n\n## 셋\n\nC 는 malloc. F# 도.\n' >"$T/units/d.md"
jk --db "$T/unitsdb" index -q "$T/units"
for pair in "C#|1" "C++|5" "F#|9" "c|9"; do
    q=${pair%%|*} want=${pair#*|}
    jk --db "$T/unitsdb" search --json -- "$q"
    json_check "[r['line'] for r in recs] == [$want] and recs[0]['matches'][0]['text'].lower() == '${q,,}'" "[$q]: only its own section, the sign marked"
done
# ... and a version after the sign is a word of its own (QA: C++17 was c
# and 17 again, and C++ no longer found it).
printf '# 표준\n\n엔진을 C++17 로 올렸다.\n' >"$T/units/e.md"
jk --db "$T/unitsdb" index -q "$T/units"
jk --db "$T/unitsdb" search -l -- "C++"
expect_eq "$(printf '%s\n' "$OUT" | sort)" "units/d.md
units/e.md" "C++ finds C++17"
jk --db "$T/unitsdb" search --json -- "C++17"
json_check 'recs[0]["path"].endswith("e.md") and [m["text"] for m in recs[0]["matches"]] == ["C++", "17"]' "C++17 finds and marks C++17"
jk --db "$T/unitsdb" search -l -- "retry 5"
expect_eq "$OUT" "units/c.md" "a word and a number no note has together: the word's notes still follow"

done_testing
