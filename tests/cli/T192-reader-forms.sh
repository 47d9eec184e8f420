#!/usr/bin/env bash
# T192: the same note written another way reads the same (reader 5): with
# old Mac line ends (a lone CR), decomposed (NFD, as macOS may write it),
# with `[[note#heading]]` links and with tables; and Hugo's TOML front
# matter reads as the same YAML.  Each pair of notes must
# give the same hits, scores and snippets (an NFD snippet as wide as the
# NFC one).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

V="$T/vault"
mkdir -p "$V/lf" "$V/cr" "$V/nfc" "$V/nfd"
body='# 회고\n\n첫 답변 재시도 토픽을 나눴다 crword.\n\n## 꼬리 질문\n\n둘째 답변도 재시도 이야기 crword.\n'
printf "$body" >"$V/lf/note.md"
printf "$body" | tr '\n' '\r' >"$V/cr/note.md"
text='# 회고\n\n**재시도 토픽**을 만들었다. *리트라이*를 썼다 nfdword.\n'
printf "$text" >"$V/nfc/note.md"
printf "$text" | py -c 'import sys, unicodedata
sys.stdout.write(unicodedata.normalize("NFD", sys.stdin.read()))' >"$V/nfd/note.md"
cmp -s "$V/nfc/note.md" "$V/nfd/note.md" && fail "the NFD note was not decomposed"
# A paragraph longer than a snippet: the NFD one must show as much.
long="# 장애\n\n$(printf '배치 작업이 새벽마다 실패해서 원인을 추적했다 %.0s' 1 2 3 4)카프카 재시도 토픽 설정이 nfdwide 문제였다. $(printf '이후 대시보드를 만들어 지연을 관찰했다 %.0s' 1 2 3 4)\n"
printf "$long" >"$V/nfc/long.md"
printf "$long" | py -c 'import sys, unicodedata
sys.stdout.write(unicodedata.normalize("NFD", sys.stdin.read()))' >"$V/nfd/long.md"
cat >"$V/links.md" <<'MD'
# 링크와 표

회고는 [[카프카 회고#재시도 설계]] 와 [[카프카 회고#^blk1]] 에 있다 linkword.

| 항목 | 내용 |
|---|:---:|
| 지연 | 백오프를 늘렸다 tableword |
MD

# Markup gone from a snippet leaves no space before punctuation, after an
# opening one, or between a wrapped word and its particle; a window ends
# on a word boundary, as it starts.
cat >"$V/spans.md" <<'MD'
# 알림

spanword DLQ `notification-dlq`, 보관 14일. 일 단위(`toYYYYMMDD`)로 나눴다. [[Kafka]]를 도입했다.
MD
cat >"$V/tags.md" <<'MD'
# 태그

htmlword <mark>핵심</mark>: 첫째. <b>태그</b>. <https://redis.io/docs>도 봤다. <span class="x">스팬</span>을 썼다. 줄<br>바꿈.

## 각주

[^1]: 각주 notedefword 설명.
MD
# Single `_` emphasis is markup, `snake_case` is not; markup inside single
# `*` emphasis is blanked too (reader 10).
cat >"$V/emph.md" <<'MD'
# 강조

emphword 이건 _정말 중요한_ 교훈, _retry_ 와 snake_case_name 과 _id. 앞 *[링크 글](http://example.com/zzqq)* 뒤.
MD
# An inline tag's '#' is markup; an issue number's is not (QA: `PR #1234`
# showed `PR 1234`).
cat >"$V/hash.md" <<'MD'
# 해시

hashword 이슈 #42 를 고쳤고 PR #1234 머지, 우선순위 #1 과제. 태그 #kafka 와 #백엔드/카프카. C# 도.
MD
# Jekyll fills in Liquid before reading the Markdown: a link whose
# address holds a Liquid tag is a link; a title or a <pointy> address with
# blanks is the link's too.
cat >"$V/liquid.md" <<'MD'
# 배포

liquidword [배포 가이드]({{ site.baseurl }}/deploy/)와 ![그림]({{ "/assets/flow.png" | relative_url }}).
MD
cat >"$V/linkforms.md" <<'MD'
# 링크

linkformword [글]({% post_url 2024-01-01-a %}), [링크](</my uri>), [제목](/u "ti tle").
MD
# A link's text and an HTML tag's attributes may go on to the next line
# of their paragraph, as in hard-wrapped notes and Jekyll posts.
cat >"$V/wrapped.md" <<'MD'
# 줄바꿈

wrapword Read [the Kafka consumer
docs](https://kafka.apache.org/consumerdocsurl) first.

A [bracket before a blank line

goes](http://example.com/strayurl) on.
MD
cat >"$V/tagwrap.md" <<'MD'
# 그림

tagwrapword Diagram: <img src="/assets/img/arch.png"
     alt="architecture" width="600"> below.
MD
# A heading of markup alone shows as written, in every output format.
printf '# 탭\n\n## 채움 문자\n\n### ______\n\n빈 공백을 채웁니다 fillword.\n' >"$V/fill.md"
# A <pre> block that starts a note is its first section's text.
printf '<pre>\nkubectl rollout undo preword\n</pre>\n\nRollback notes.\n' >"$V/pre.md"
{
    printf '# 긴 문단

'
    for i in $(seq 1 60); do printf 'longword%02d ' "$i"; done
    printf 'cutword '
    for i in $(seq 61 140); do printf 'longword%03d ' "$i"; done
    printf '
'
} >"$V/cut.md"

# A YAML alias of a value reads as the value; one of a list is reported.
printf -- '---\nbase: &b kafkaanchor\ntitle: *b\ntags: [*b, other]\nlst: &l [x, y]\ncategories: *l\n---\n# anchors\n\nanchorword\n' >"$V/anchors.md"

# Between two `---` rules, lines with no keys are no front matter (a
# paragraph, a list): they are the note's text, found, with a warning.
printf -- '---\n재시도 전략 설명 ruleword\n---\n끝\n' >"$V/rule.md"

jk index vault
expect_code 0 "index the vault"
expect_contains "$ERR" "anchors.md:6: an alias of a list or mapping (or of no anchor) is not read" \
    "an alias of a list is reported with its line"
expect_contains "$ERR" "rule.md:2: front matter is a plain value, not a mapping of keys; read as text" "a block with no keys is read as text, and the run says so"
jk search -c ruleword
expect_eq "$OUT" 1 "the text between two rules is found"

# Every hit of a search in one folder, as (line, score, snippet, headings).
hits_of_dir() {
    py -c "$_JK_PY
recs = hits_of(load_jsonl(sys.argv[1]))
for r in recs:
    if r['path'].startswith(sys.argv[2]):
        print(r['line'], r['score'], r['snippet'], r['headings'])" "$OUTF" "$1"
}

jk search --json -n 20 crword
lf=$(hits_of_dir vault/lf/)
cr=$(hits_of_dir vault/cr/)
expect_eq "$(printf '%s\n' "$lf" | wc -l)" 2 "the LF note has two sections"
expect_eq "$cr" "$lf" "a note with lone-CR line ends has the same sections, scores and snippets"
expect_no_match "$cr" "꼬리 질문 꼬리 질문" "its snippet shows the heading once"

jk search --json -n 20 nfdword
nfc=$(hits_of_dir vault/nfc/)
nfd=$(hits_of_dir vault/nfd/)
expect_nonempty "$nfd" "the NFD note is found"
expect_eq "$(printf '%s\n' "$nfd" | cut -d' ' -f1-2)" "$(printf '%s\n' "$nfc" | cut -d' ' -f1-2)" \
    "the NFD note scores as the NFC one"
expect_contains "$(printf '%s' "$nfd" | py -c 'import sys, unicodedata
sys.stdout.write(unicodedata.normalize("NFC", sys.stdin.read()))')" "리트라이를 썼다" \
    "its snippet keeps the particle on its word"
jk search --json nfdwide
nfc=$(hits_of_dir vault/nfc/)
nfd=$(hits_of_dir vault/nfd/ | py -c 'import sys, unicodedata
sys.stdout.write(unicodedata.normalize("NFC", sys.stdin.read()))')
expect_contains "$nfc" "…" "the long paragraph is cut to a snippet"
expect_eq "$nfd" "$nfc" "the NFD note's snippet shows as many characters as the NFC one's"
for q in '"재시도 토픽을 만들었다"' '"리트라이를"'; do
    jk search -c "$q"
    expect_eq "$OUT" 2 "the phrase $q matches the NFD note too: its particle stays on its word after markup"
done

jk search --json '"재시도 설계"'
expect_contains "$(json_field snippet)" "카프카 회고 재시도 설계 와 카프카 회고 blk1 에" "a heading or block link reads 'note heading', not 'note#heading'"
jk search --json anchorword
expect_eq "$(json_field title)" "kafkaanchor" "title: *b reads as the anchored value"
jk search -c "tag:kafkaanchor"
expect_eq "$OUT" 1 "tags: [*b] reads as the anchored value"
jk search --json spanword
expect_eq "$(json_field snippet)" "spanword DLQ notification-dlq, 보관 14일. 일 단위(toYYYYMMDD)로 나눴다. Kafka를 도입했다." \
    "markup leaves no space before ',' or ')', after '(', or before a particle"
jk search --json htmlword
expect_eq "$(json_field snippet)" "htmlword 핵심: 첫째. 태그. https://redis.io/docs도 봤다. 스팬을 썼다. 줄 바꿈." \
    "inline HTML tags and an autolink's brackets are wrapping marks; <br> separates"
jk search --json hashword
expect_eq "$(json_field snippet)" "hashword 이슈 #42 를 고쳤고 PR #1234 머지, 우선순위 #1 과제. 태그 kafka 와 백엔드/카프카. C# 도." \
    "an issue number keeps its '#', a tag does not"
jk search --json emphword
expect_eq "$(json_field snippet)" "emphword 이건 정말 중요한 교훈, retry 와 snake_case_name 과 _id. 앞 링크 글 뒤." \
    "single _ emphasis and the link inside single * emphasis are markup"
jk search -c '"정말 중요한 교훈"'
expect_eq "$OUT" 1 "the emphasized words match as a phrase with the word after them"
jk search -c zzqq
expect_eq "$OUT" 0 "the address of a link inside emphasis is no word of the note"
jk search -c snake_case_name
expect_eq "$OUT" 1 "an identifier keeps its underscores"
jk search --json liquidword
expect_eq "$(json_field snippet)" "liquidword 배포 가이드와 그림." \
    "a link's address with Liquid tags is markup"
jk search --json linkformword
expect_eq "$(json_field snippet)" "linkformword 글, 링크, 제목." \
    "a Liquid tag alone, a <pointy> address or a title is markup too"
for w in baseurl relative_url post_url uri tle; do
    jk search -c "$w"
    expect_eq "$OUT" 0 "a link's address or title is no word of the note ($w)"
done
jk search --json wrapword
expect_match "$(json_field snippet)" "^wrapword Read the Kafka consumer docs first\\. A \\[bracket" \
    "a link's text may go on to the paragraph's next line; a blank line ends it"
jk search --json tagwrapword
expect_eq "$(json_field snippet)" "tagwrapword Diagram: below." "a tag may go on to the paragraph's next line"
for w in consumerdocsurl assets width; do
    jk search -c "$w"
    expect_eq "$OUT" 0 "the address or attribute of a link or tag over two lines is no word of the note ($w)"
done
jk search -c strayurl
expect_eq "$OUT" 1 "a link does not go on past a blank line: its text is text"
jk search --json fillword
expect_eq "$(json_field headings)" '["탭", "채움 문자", "______"]' "a heading of markup alone shows as written"
jk search fillword
expect_contains "$OUT" "탭 › 채움 문자 › ______" "... in the plain output too"
jk search --json preword
expect_eq "$(json_field line)" 2 "a <pre> block that starts a note opens its first section"
expect_eq "$(json_field snippet)" "kubectl rollout undo preword Rollback notes." "... with the text after it"
jk search --json notedefword
expect_eq "$(json_field snippet)" "각주 notedefword 설명." "a footnote definition's marker and colon are markup"
jk search --json cutword
snip=$(json_field snippet)
expect_match "$snip" "cutword" "the long paragraph's snippet holds the match"
expect_match "$snip" "^… longword[0-9]+ .* longword[0-9]+ …$" "the snippet starts and ends on whole words"
expect_no_match "$(printf '%s\n' "$snip" | tr ' ' '\n')" "^longword([0-9]|[0-9][0-9]?[0-9]?[0-9][0-9][0-9])$" "no word is cut (longword + 2 or 3 digits)"
jk tags
expect_not_contains "$OUT" "재시도" "a link's #heading is no tag"
jk search --json tableword
snip=$(json_field snippet)
expect_contains "$snip" "지연 | 백오프를 늘렸다 tableword" "a table shows its cells"
expect_not_contains "$snip" "---" "... without its delimiter row"
expect_no_match "$snip" "\\| *$|\\| +\\|" "... and without its outer pipes"

# Obsidian block ids at a line's end are hidden, as Obsidian shows them;
# `x^2` and footnote markers are not block ids.
mkdir -p "$T/bv"
printf '# 블록\n\n재시도 토픽을 만들었다 blockidword ^a1b2c3\n\n| a | b |\n|---|---|\n| 1 | 2 |\n^tbl-1\n\n지수 x^2 powword\n' >"$T/bv/n.md"
jk --db "$T/bvdb" index -q "$T/bv"
jk --db "$T/bvdb" search -c a1b2c3
expect_eq "$OUT" 0 "a block id is no word of the note"
jk --db "$T/bvdb" search --json blockidword
expect_not_contains "$(json_field snippet)" "a1b2c3" "a block id is not in the snippet"
expect_not_contains "$(json_field snippet)" "tbl-1" "a block id on its own line is not in the snippet"
expect_contains "$(json_field snippet)" "x^2" "x^2 is kept"

# Hugo's TOML front matter (between `+++` lines) reads as the same fields
# in YAML: the same title, date, tags, heading path and snippet; its keys
# are no text of the note.
mkdir -p "$T/hv/yaml" "$T/hv/toml"
printf -- '---\ntitle: "카프카 재시도 설계"\ndate: 2024-03-01\ntags: [kafka, retry]\ncategories: [backend]\n---\n\n## 배경\n\n컨슈머 실패 시 재시도 토픽 hugoword.\n' >"$T/hv/yaml/post.md"
printf -- '+++\ntitle = "카프카 재시도 설계"\ndate = 2024-03-01T10:00:00+09:00\ndraft = false\ntags = [\n  "kafka",  # the broker\n  "retry",\n]\ncategories = [\x27backend\x27]\n[params]\ntoc = true\n+++\n\n## 배경\n\n컨슈머 실패 시 재시도 토픽 hugoword.\n' >"$T/hv/toml/post.md"
jk --db "$T/hvdb" index "$T/hv"
expect_code 0 "a vault with TOML front matter is indexed"
expect_not_contains "$ERR" "warning" "TOML front matter: no warning"
jk --db "$T/hvdb" search --json hugoword
for f in title date headings snippet; do
    expect_eq "$(json_field "$f" 2)" "$(json_field "$f" 1)" "TOML and YAML front matter give the same $f"
done
expect_eq "$(json_field title)" "카프카 재시도 설계" "the TOML title is the note's title"
expect_eq "$(json_field date)" "2024-03-01" "the TOML date, its time and zone dropped"
for q in tag:retry tag:kafka category:backend; do
    jk --db "$T/hvdb" search -c "$q"
    expect_eq "$OUT" 2 "$q finds the TOML note too"
done
for w in draft toc params; do
    jk --db "$T/hvdb" search -c "$w"
    expect_eq "$OUT" 0 "a TOML key ($w) is no text of the note"
done
# A value that does not read: a warning at its line, the note indexed
# without its front matter; an unclosed block is text.
mkdir -p "$T/hb"
printf -- '+++\ntitle = "깨진 제목"\ntags = ["a" "b"]\n+++\n\nbrokentoml 본문\n' >"$T/hb/broken.md"
printf -- '+++\ntitle = "열린 블록"\n\nopentoml 본문\n' >"$T/hb/open.md"
jk --db "$T/hbdb" index "$T/hb"
expect_code 0 "notes with broken TOML front matter are indexed"
expect_match "$ERR" "broken\\.md:3: .*TOML front matter not read" "a TOML value that does not read is named with its line"
expect_contains "$ERR" "open.md:1: front matter has no closing '+++' line; read as text" "an unclosed +++ block is reported"
jk --db "$T/hbdb" search --json brokentoml
expect_eq "$(json_field title)" "broken" "a broken TOML block gives no title: the file name's"
jk --db "$T/hbdb" search -c opentoml
expect_eq "$OUT" 1 "an unclosed +++ block's note is still found"

# --- markup inside a Latin word: one word, as it renders ----------------------
mkdir -p "$T/iw"
printf '# 강조

It was un**believ**able, and `Item`s in [[note]]s.
' >"$T/iw/a.md"
jk --db "$T/iwdb" index -q "$T/iw"
for q in unbelievable items notes; do
    jk --db "$T/iwdb" search -c --no-expand "$q"
    expect_eq "$OUT" 1 "'$q' is one word across the markup inside it"
done
jk --db "$T/iwdb" search --vimgrep unbelievable
expect_match "$OUT" "^iw/a\.md:3:8:" "--vimgrep: the column of the word, where it starts in the file"
jk --db "$T/iwdb" search --json unbelievable
json_check '[mtext(r, m) for r in recs for m in r["matches"]] == ["unbelievable"]' "the whole word is marked"

done_testing
