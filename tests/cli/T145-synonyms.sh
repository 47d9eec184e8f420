#!/usr/bin/env bash
# T145: the other script and spelling (README "jikji search"): the built-in
# dictionary (카프카/Kafka both ways, 메세지/메시지, 스프링 배치/Spring Batch),
# the sound-alike bridge from a Hangul loanword to the vault's Latin word
# (젠킨스 -> Jenkins, 테라폼으로 -> Terraform; never for a native word such as
# 장애), --explain, your own synonyms ($XDG_CONFIG_HOME/jikji/synonyms.yaml or
# ~/.config/jikji/synonyms.yaml, stored by index; --synonyms FILE for one
# search) and a broken synonyms file (an error naming FILE:LINE).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

# One spelling per note, so that a hit can only come from the expansion.
mkdir -p v
printf '# 영문 노트\n\n## 파이프라인\n\nKafka cluster로 이벤트를 보냈다.\n' >v/latin.md
printf '# 한글 노트\n\n## 스트리밍\n\n카프카 클러스터를 운영했다.\n' >v/hangul.md
printf '# 큐 노트\n\n## 큐\n\n메시지 큐를 썼다.\n' >v/msg.md
printf '# 정산 노트\n\n## 정산\n\nSpring Batch job을 만들었다.\n' >v/batch.md
printf '# 빌드 노트\n\n## CI\n\nJenkins pipeline을 구성했다.\n' >v/ci.md
printf '# 인프라 노트\n\n## IaC\n\nTerraform module을 작성했다.\n' >v/iac.md
# English words that a careless sound match could take for 장애 (absent here).
printf '# 달력 노트\n\n## 일정\n\nJune release, Jane and Jang, a change.\n' >v/cal.md
printf '# 외계어\n\n## 이상한 단어\n\nzorblax protocol.\n' >v/zorb.md
printf '# 과자\n\n## 간식\n\nflumpet snack.\n' >v/snack.md
printf '# 배포\n\n## 자동화\n\nGitHub Actions로 migration 자동화.\n' >v/deploy.md
# zconf has the consonants of 조건부 (J K N P), not its vowels: 조 and 건 are
# full vowels before a consonant, where zconf has none.
printf '# 빌드 설정\n\n## 커널\n\nzconf 파일을 고쳤다.\n' >v/zconf.md
printf '# 모니터링\n\n## 화면\n\nGrafana dashboard를 만들었다.\n' >v/dash.md
# English words with the sound keys of common Sino-Korean words (개선,
# 기준, 상태, 순서): those words, two syllables that both read Hanja, must
# not find them.
printf '# 영어 단어\n\n## 목록\n\nquestions, caching, center and sensor.\n' >v/alike.md
printf '# 서버리스\n\n## 함수\n\nAWS Lambda cold start.\n' >v/fn.md
# Latin words that Korean words with stacked particles, or a verb form in
# 하지, sounded like (QA, over the bench vault): 중간에이 (중간에 + 이)
# changing, 위에서도 harshitha, 수익은도 seconds, 필요하지 feelychau.
printf '# 이름들\n\n## 크레딧\n\nchanging thanks to Harshitha, seconds, FeelyChau.\n' >v/names.md
# Thirteen words (a shortlist holds twelve) with the consonants of 하이퍼링크 but other vowels, before
# hyperlink in the index's order: the bridge must look past them.
printf '# 링크\n\n## 웹\n\nhyperlink 목록.\n' >v/link.md
printf '# 잡음\n\n## 단어\n\nabalanka abelenke abilinki abolonko abulunku apalanka apelanke apilanki apolanko apulanku epalanka epelenke epilinki\n' >v/noise.md

jk index -q v
expect_code 0 "index the vault"

# finds QUERY NOTE DESC: search -l QUERY lists NOTE (exit 0).
finds() {
    jk search -l "$1"
    expect_code 0 "$3: [$1] has hits"
    printf '%s\n' "$OUT" | grep -qxF -- "$2" || fail "$3: [$1] should find $2, got [$(printf '%s' "$OUT" | tr '\n' ' ')]"
    pass "$3: [$1] finds $2"
}
# finds_not QUERY DESC: search QUERY finds nothing (exit 1).
finds_not() {
    jk search -l "$1"
    expect_code 1 "$2: [$1] finds nothing"
    expect_empty "$OUT" "$2: [$1]: nothing on stdout"
}

# --- the built-in dictionary --------------------------------------------------------------
finds 카프카 v/latin.md "Hangul -> Latin"
finds 카프카 v/hangul.md "Hangul -> Hangul"
finds Kafka v/hangul.md "Latin -> Hangul"
finds kafka v/latin.md "Latin -> Latin (case folded)"
finds 카프카를 v/latin.md "Hangul with a particle -> Latin"
finds 메세지 v/msg.md "the variant spelling 메세지 -> 메시지"
finds '스프링 배치' v/batch.md "a two-word entry: 스프링 배치 -> Spring Batch"
finds 'spring batch' v/batch.md "setup: spring batch"

# --- the sound-alike bridge ------------------------------------------------------------------
finds 젠킨스 v/ci.md "sound-alike: 젠킨스 -> Jenkins"
finds 테라폼으로 v/iac.md "sound-alike with an ending: 테라폼으로 -> Terraform"
finds 테라폼 v/iac.md "sound-alike: 테라폼 -> Terraform"
finds 액션 v/deploy.md "sound-alike, -tion as 션: 액션 -> actions"
finds 젠킨스에서도 v/ci.md "sound-alike under stacked particles: 젠킨스에서도 -> Jenkins"
finds_not 중간에이 "a Sino-Korean word under two particles (중간에 + 이) does not bridge to changing"
finds_not 위에서도 "a native word under 에서 + 도 does not bridge to harshitha"
finds_not 수익은도 "a Sino-Korean word under 은 + 도 does not bridge to seconds"
finds_not 필요하지 "a verb form in 하지 does not bridge to feelychau"
finds 마이그레이션 v/deploy.md "sound-alike, -tion as 션: 마이그레이션 -> migration"
finds_not 장애 "a native word (장애) never bridges to June / Jane / Jang / change"
finds_not 조건부 "a native word with the consonants of zconf (조건부) does not bridge to it"
finds_not 개선 "a Sino-Korean word (개선) does not bridge to questions"
finds_not 기준으로 "a Sino-Korean word with a particle (기준으로) does not bridge to caching"
finds_not 상태 "a Sino-Korean word (상태) does not bridge to center"
finds_not 순서 "a Sino-Korean word (순서) does not bridge to sensor"
jk search --explain -l 개선
expect_no_match "$ERR" 'sounds like:' "--explain 개선: no sound-alike"
finds 센서 v/alike.md "a loanword with a syllable that reads no Hanja still bridges: 센서 -> sensor"
finds 람다 v/fn.md "a loanword of two Hanja syllables that starts with ㄹ still bridges: 람다 -> Lambda"
finds 대시보드 v/dash.md "sound-alike, the ㅣ of 시 added after sh: 대시보드 -> dashboard"
finds 하이퍼링크 v/link.md "sound-alike found past many words of the same consonants: 하이퍼링크 -> hyperlink"
# 깊게 sounds like kafka (the same key), but no loanword is written with a
# final ㅍ: the vault's Kafka notes are not its hits.
finds_not 깊게 "a native word with a final no loanword has (깊게) never bridges to kafka"
jk search --explain -l 깊게
expect_no_match "$ERR" 'sounds like:' "--explain 깊게: no sound-alike"
jk search -l June
expect_code 0 "setup: June is in the vault"

# --- --explain ---------------------------------------------------------------------------------
explain() { # QUERY: search --explain -l QUERY; stdout as without --explain
    jk search -l "$1"
    cp "$OUTF" "$T/plain.out"
    jk search --explain -l "$1"
    cmp -s "$OUTF" "$T/plain.out" || fail "--explain [$1] changed stdout"
    pass "--explain [$1]: stdout unchanged, the explanation on stderr"
    expect_nonempty "$ERR" "--explain [$1] prints on stderr"
}
explain 카프카
expect_code 0 "--explain 카프카"
expect_match "$ERR" 'synonyms:.*kafka' "--explain 카프카: a 'synonyms:' line with kafka"
explain Kafka
expect_match "$ERR" 'synonyms:.*카프카' "--explain Kafka: a 'synonyms:' line with 카프카"
explain 메세지
expect_match "$ERR" 'synonyms:.*메시지' "--explain 메세지: a 'synonyms:' line with 메시지"
explain '스프링 배치'
expect_match "$ERR" 'synonyms:.*spring batch' "--explain 스프링 배치: a 'synonyms:' line with spring batch"
explain 젠킨스
expect_match "$ERR" 'sounds like:.*jenkins' "--explain 젠킨스: a 'sounds like:' line with jenkins"
explain 테라폼으로
expect_match "$ERR" 'sounds like:.*terraform' "--explain 테라폼으로: a 'sounds like:' line with terraform"
jk search --explain -l 장애
expect_code 1 "--explain 장애"
expect_no_match "$ERR" 'sounds like:' "--explain 장애: no sound-alike"
expect_not_contains "$ERR" "jikji: error" "--explain 장애: no error"

# --- --no-expand: the words as typed ---------------------------------------------------------------
jk search -l --no-expand 카프카
expect_code 0 "--no-expand 카프카"
expect_eq "$OUT" "v/hangul.md" "--no-expand 카프카: only the note that writes 카프카"
jk search -l --no-expand 젠킨스
expect_code 1 "--no-expand 젠킨스: no sound-alike, nothing found"
jk search --explain -l --no-expand Kafka
expect_no_match "$ERR" 'synonyms:|sounds like:' "--no-expand --explain Kafka: no expansion shown"
expect_contains "$OUT" "v/latin.md" "--no-expand Kafka still finds Kafka"
expect_not_contains "$OUT" "v/hangul.md" "--no-expand Kafka: not 카프카"
jk search -l --no-expand clusters
expect_eq "$OUT" "v/latin.md" "--no-expand keeps the English stem (clusters finds cluster)"

# --- your synonyms: $XDG_CONFIG_HOME/jikji/synonyms.yaml, read by index ---------------------------
finds_not 조블랙 "before your synonyms: 조블랙"
finds_not 칼프카 "before your synonyms: 칼프카"
mkdir -p "$T/cfg/jikji"
printf -- '# my words\n- [zorblax, 조블랙]\n- [kafka, 칼프카]\n' >"$T/cfg/jikji/synonyms.yaml"
finds_not 조블랙 "the file alone changes nothing before 'jikji index'"
XDG_CONFIG_HOME="$T/cfg" jk index
expect_code 0 "index with \$XDG_CONFIG_HOME/jikji/synonyms.yaml"
summary_counts
[ "$ADDED $UPDATED $REMOVED" = "0 0 0" ] || fail "index with new synonyms should not re-read notes: $ERR"
pass "new synonyms need no re-reading of the notes"
finds 조블랙 v/zorb.md "your group - [zorblax, 조블랙]"
finds zorblax v/zorb.md "setup: zorblax"
finds 칼프카 v/latin.md "a group sharing a word with a built-in group joins it (칼프카 -> Kafka)"
finds 칼프카 v/hangul.md "... and the whole built-in group (칼프카 -> 카프카)"
jk search --explain -l 조블랙
expect_match "$ERR" 'synonyms:.*zorblax' "--explain 조블랙: your synonym"
# Stored in the index: a search without the variable still uses them.
finds 조블랙 v/zorb.md "your synonyms are stored in the index"
# Edited: re-run index.
printf -- '- [kafka, 칼프카]\n' >"$T/cfg/jikji/synonyms.yaml"
XDG_CONFIG_HOME="$T/cfg" jk index -q
expect_code 0 "index after removing a group"
finds_not 조블랙 "a removed group is gone after index"
finds 칼프카 v/latin.md "the other group stays"

# ~/.config/jikji/synonyms.yaml when XDG_CONFIG_HOME is not set.
mkdir -p "$HOME/.config/jikji"
printf -- '- [zorblax, 조블랙]\n' >"$HOME/.config/jikji/synonyms.yaml"
jk index -q
expect_code 0 "index with ~/.config/jikji/synonyms.yaml"
finds 조블랙 v/zorb.md "\$HOME/.config/jikji/synonyms.yaml is the default"
finds_not 칼프카 "the XDG file is not read without XDG_CONFIG_HOME"

# --- --synonyms FILE at search time: no re-indexing ------------------------------------------------
printf -- '- [flumpet, 무지개떡]\n' >"$T/mine.yaml"
finds_not 무지개떡 "without --synonyms"
jk search --synonyms "$T/mine.yaml" -l 무지개떡
expect_code 0 "search --synonyms FILE"
expect_eq "$OUT" "v/snack.md" "search --synonyms FILE: 무지개떡 finds flumpet"
jk --synonyms "$T/mine.yaml" search -l 무지개떡
expect_code 0 "global --synonyms FILE"
expect_eq "$OUT" "v/snack.md" "global --synonyms FILE before the command"
jk search --synonyms "$T/mine.yaml" -l 조블랙
expect_code 0 "--synonyms adds to the stored synonyms"
expect_eq "$OUT" "v/zorb.md" "--synonyms FILE keeps the stored groups"
jk search --synonyms "$T/mine.yaml" --explain -l 무지개떡
expect_match "$ERR" 'synonyms:.*flumpet' "--explain shows a --synonyms group"
finds_not 무지개떡 "--synonyms lasts one search"
jk index -q --synonyms "$T/mine.yaml"
expect_code 0 "index --synonyms FILE"
finds 무지개떡 v/snack.md "index --synonyms FILE stores the file"
jk search --synonyms "$T/nowhere.yaml" kafka
expect_code 2 "search --synonyms with a missing file"
expect_error "search --synonyms with a missing file"
expect_contains "$ERR" "nowhere.yaml" "the error names the missing file"

# --- a broken synonyms file: an error naming FILE:LINE ----------------------------------------------
# Line 3 has a YAML syntax error (a stray ']').
printf -- '- [alpha, 알파]\n- [beta, 베타]\n- [gamma, 감마]]\n- [delta, 델타]\n' >"$T/broken.yaml"
jk index --synonyms "$T/broken.yaml"
expect_code 2 "index --synonyms with a YAML syntax error"
expect_error "index --synonyms broken.yaml"
expect_contains "$ERR" "broken.yaml:3" "the error names broken.yaml:3"
jk search --synonyms "$T/broken.yaml" kafka
expect_code 2 "search --synonyms with a YAML syntax error"
expect_error "search --synonyms broken.yaml"
expect_contains "$ERR" "broken.yaml:3" "search: the error names broken.yaml:3"
cp "$T/broken.yaml" "$T/cfg/jikji/synonyms.yaml"
XDG_CONFIG_HOME="$T/cfg" jk index
expect_code 2 "index with a broken \$XDG_CONFIG_HOME/jikji/synonyms.yaml"
expect_error "index with a broken default synonyms file"
expect_contains "$ERR" "$T/cfg/jikji/synonyms.yaml:3" "the error names the default file and line 3"
# A group that is not a list of words is an error too, on its line.
printf -- '- [alpha, 알파]\n- [beta, 베타]\n- {gamma: 감마}\n' >"$T/mapping.yaml"
jk index --synonyms "$T/mapping.yaml"
expect_code 2 "index --synonyms with a mapping for a group"
expect_contains "$ERR" "mapping.yaml:3" "the error names mapping.yaml:3"
# The index still works after the failed runs.
finds 카프카 v/latin.md "the index still answers after the failed runs"

# --- a word that leaves the vault leaves the bridge -------------------------------------------------
rm v/ci.md
jk index -q v
expect_code 0 "index after removing the only note with Jenkins"
jk search --explain -l 젠킨스
expect_code 1 "젠킨스 after Jenkins left the vault: nothing found"
expect_no_match "$ERR" 'sounds like:.*jenkins' "no sound-alike for a word no note has any more"
printf '# 빌드 노트\n\n## CI\n\nJenkins pipeline을 구성했다.\n' >v/ci.md
jk index -q v
finds 젠킨스 v/ci.md "the sound-alike is back with the note"

# Words that form a dictionary entry (재시도 토픽) are that entry or the
# words apart: a note with both words not side by side, or one in the
# other script, is found too; the entry's own note ranks first.
printf '# 설계\n\n## 재시도 설계\n\n재시도는 별도 토픽에서 처리한다.\n' >v/apart.md
printf '# 면접\n\n## 실패 처리\n\n실패한 메시지는 retry 토픽으로 보낸다.\n' >v/mixed.md
printf '# 정리\n\n## 토픽\n\n재시도 토픽을 단계별로 나눴다. 재시도 토픽 설계.\n' >v/entry.md
jk index -q v
finds '재시도 토픽' v/apart.md "a dictionary entry: the words apart"
finds '재시도 토픽' v/mixed.md "a dictionary entry: one word in the other script"
expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "v/entry.md" "the note with the entry itself ranks first"
jk search --no-expand -l '재시도 토픽'
expect_contains "$OUT" "v/apart.md" "--no-expand: the words as typed, apart too"
# A Hangul entry typed without its space finds the entry (재시도토픽 found
# nothing: its bigrams cross the missing space).
jk search -l 재시도토픽
expect_code 0 "the entry typed without its space"
expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "v/entry.md" "재시도토픽 finds the note with 재시도 토픽 first"

# Two entries sharing a word (`cache hit ratio`: `cache hit` and `hit
# ratio`, whose group holds 적중률) are read both ways, so a note with
# 캐시 적중률 has every word; a note that only says cache, often, does not.
printf '# 결과\n\n## 성과\n\n캐시 적중률 94%%를 달성했다.\n' >v/ratio.md
printf '# 캐시\n\n## 캐시 메모\n\ncache 설정, cache 키, cache 만료.\n' >v/cacheonly.md
jk index -q v
jk search -l 'cache hit ratio'
expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "v/ratio.md" "cache hit ratio finds 캐시 적중률 first"
jk search --explain -c 'cache hit ratio'
expect_contains "$ERR" 'words "hit ratio": one dictionary entry' "--explain shows the second entry"

# The snippet of an entry's section shows the entry, which stands for both
# its words, not a window far off where one word's synonym (retry) comes
# four times: the entry's match and its words' overlap and were merged
# into one match counted as one word.
mkdir -p sn
{ printf '# 컨슈머\n\n## 실패 처리\n\n실패한 메시지는 재시도 토픽으로 보냈다. '
  for i in $(seq 1 40); do printf '채움 문장 %d. ' "$i"; done
  printf '\n\n```java\nint retryCount = 0; if (retryCount >= MAX_RETRY) retry();\n```\n'; } >sn/a.md
jk --db "$T/sndb" index -q sn
jk --db "$T/sndb" search --json '재시도 토픽'
json_check 'len(recs) == 1 and "재시도 토픽" in [mtext(recs[0], m) for m in recs[0]["matches"]]' \
    "the snippet of an entry shows the entry, marked"
# The form typed comes first in a snippet too: the sentence that says
# 재시도 once, not the code that says retry (its synonym) three times;
# typed as retry, the code.
{ printf '# 에어플로우\n\n## 알림\n\n태스크 실패는 재시도하도록 설정했다. '
  for i in $(seq 1 30); do printf '채움 문장 %d. ' "$i"; done
  printf '\n\n```python\nargs = {"retries": 3, "retry_delay": 5, "retry_exponential_backoff": True}\n```\n'; } >sn/b.md
jk --db "$T/sndb" index -q sn
jk --db "$T/sndb" search --json 재시도
json_check '[mtext(r, m) for r in recs if r["path"].endswith("b.md") for m in r["matches"]] == ["재시도"]' \
    "the snippet shows the typed form (재시도), not its synonym in code"
jk --db "$T/sndb" search --json retry
json_check '"retry" in [mtext(r, m).lower() for r in recs if r["path"].endswith("b.md") for m in r["matches"]]' \
    "typed as retry, the snippet shows retry"

# Synonyms stored from --synonyms FILE stay when a later run (index, a
# rebuild) names no file and there is no default file: the index remembers the file and reads it again;
# once the file is gone, the run says its groups leave the index.
mkdir -p sy
printf '# s\n\nzqfoo 노트\n' >sy/s.md
printf -- '- [zqfoo, zqbar]\n' >"$T/kept.yaml"
HOME="$T/nohome" jk --db "$T/sydb" --synonyms "$T/kept.yaml" index -q sy
HOME="$T/nohome" jk --db "$T/sydb" search -c zqbar
expect_eq "$OUT" 1 "--synonyms FILE: its group is in the index"
HOME="$T/nohome" jk --db "$T/sydb" index
expect_not_contains "$ERR" "warning" "a run without --synonyms reads the file again, quietly"
HOME="$T/nohome" jk --db "$T/sydb" search -c zqbar
expect_eq "$OUT" 1 "the group stays after a run without --synonyms"
HOME="$T/nohome" jk --db "$T/sydb" index --rebuild
HOME="$T/nohome" jk --db "$T/sydb" search -c zqbar
expect_eq "$OUT" 1 "and after a rebuild"
rm "$T/kept.yaml"
HOME="$T/nohome" jk --db "$T/sydb" index
expect_contains "$ERR" "kept.yaml: the synonyms file of an earlier run cannot be read" "a file gone is named"
HOME="$T/nohome" jk --db "$T/sydb" search -c zqbar
expect_eq "$OUT" 0 "its groups leave the index"
HOME="$T/nohome" jk --db "$T/sydb" index
expect_not_contains "$ERR" "warning" "and it is named once"

# Remembered as given: through a symlink (a dotfile manager's), the link,
# so a new target is read; a remembered file broken now is an error (the
# groups stay until it is fixed); with -q a file gone is not named.
mkdir -p "$T/dot"
printf -- '- [zqold, zqfoo]\n' >"$T/dot/v1.yaml"
printf -- '- [zqnew, zqfoo]\n' >"$T/dot/v2.yaml"
ln -s dot/v1.yaml "$T/link.yaml"
HOME="$T/nohome" jk --db "$T/sydb2" --synonyms "$T/link.yaml" index -q sy
ln -sfn dot/v2.yaml "$T/link.yaml"
HOME="$T/nohome" jk --db "$T/sydb2" index -q
HOME="$T/nohome" jk --db "$T/sydb2" search -c zqnew
expect_eq "$OUT" 1 "the link's new target is read"
printf -- '- [zqnew, zqfoo\n' >"$T/dot/v2.yaml"
HOME="$T/nohome" jk --db "$T/sydb2" index
expect_code 2 "a remembered file broken now is an error"
expect_contains "$ERR" "the synonyms file of an earlier run: $T/link.yaml:2" "naming the file and line"
HOME="$T/nohome" jk --db "$T/sydb2" search -c zqnew
expect_eq "$OUT" 1 "the groups stay until it is fixed"
rm "$T/link.yaml"
HOME="$T/nohome" jk --db "$T/sydb2" index -q
expect_code 0 "a file gone, with -q"
expect_empty "$ERR" "-q: nothing said"

# search --synonyms FILE: a group that shares a form with a stored one
# joins it, as index merges them (this found a bug: 코끼리 found only
# kafka, not the 카프카 the note writes).
mkdir -p "$T/join/v"
printf '# 회고\n\n카프카 컨슈머 랙을 줄였다.\n' >"$T/join/v/kr.md"
printf -- '- [kafka, 코끼리]\n' >"$T/join/mine.yaml"
HOME="$T/nohome" jk --db "$T/joindb" index -q "$T/join/v"
for w in 코끼리 카프카 kafka; do
    HOME="$T/nohome" jk --db "$T/joindb" search --synonyms "$T/join/mine.yaml" -l "$w"
    expect_eq "$OUT" "join/v/kr.md" "search --synonyms: $w finds the note that writes 카프카"
done
HOME="$T/nohome" jk --db "$T/joindb" search --synonyms "$T/join/mine.yaml" --explain -c 카프카
expect_match "$ERR" 'synonyms: 카프카 -> .*코끼리' "--explain 카프카: the joined group has 코끼리"
# A word takes at most 24 other forms of its group; --explain says what a
# larger one left out (the 13th form on was dropped without a word).
py -c "print('- [' + ', '.join('zzg%d' % i for i in range(30)) + ']')" >"$T/join/big.yaml"
HOME="$T/nohome" jk --db "$T/joindb" search --synonyms "$T/join/big.yaml" --explain -c zzg0
expect_match "$ERR" 'zzg0 -> .*zzg24 \(and 5 more, left out: a word takes at most 24 other forms' \
    "--explain: the forms past 24 are said to be left out"

# A pipe given as the file (--synonyms <(...), /dev/fd/63) is read once and
# not remembered: a later run read whatever that descriptor was then (a
# loop's own input) or waited on it.
printf -- '- [kafka, qqpipe]\n' >"$T/join/pipe.yaml"
HOME="$T/nohome" jk --db "$T/pipedb" --synonyms <(cat "$T/join/pipe.yaml") index -q "$T/join/v"
expect_code 0 "index with --synonyms from a pipe"
HOME="$T/nohome" jk --db "$T/pipedb" search -l qqpipe
expect_eq "$OUT" "join/v/kr.md" "the pipe's group is in the index"
HOME="$T/nohome" RUN_TIMEOUT=10 jk --db "$T/pipedb" index "$T/join/v"
expect_code 0 "a later run does not read the pipe's path again"
expect_not_contains "$ERR" "synonyms" "a later run says nothing of the pipe"

# similar --synonyms FILE counts a word's forms in the file's groups, as
# search does: a word in one section is kept when its group's other form
# is in another (QA: it was left out, and similar searched 노트 alone).
mkdir -p "$T/simsyn"
printf '# 노트 A\n\n## 보라돌이 질문\n\n보라돌이 서비스를 운영하며 장애를 겪었다.\n' >"$T/simsyn/a.md"
printf '# 노트 B\n\n## purplefoo question\n\nThe purplefoo service had an outage.\n' >"$T/simsyn/b.md"
printf '# 노트 C\n\n## 다른 질문\n\n노트 정리.\n' >"$T/simsyn/c.md"
printf -- '- [보라돌이, purplefoo]\n' >"$T/simsyn.yaml"
HOME="$T/nohome" jk --db "$T/simsyndb" index -q "$T/simsyn"
HOME="$T/nohome" jk --db "$T/simsyndb" --synonyms "$T/simsyn.yaml" similar -l "$T/simsyn/a.md:3"
expect_eq "$(printf '%s' "$OUT" | head -1)" "simsyn/b.md" "similar --synonyms: the note with the word's other form first"

done_testing
