#!/usr/bin/env bash
# T190: what the note reader makes of Obsidian and Jekyll notes, end to
# end (README "Notes"): setext headings are sections; `[[target|alias]]`
# is its alias, attachment embeds, `%% comments %%` and Liquid tags are
# neither found nor shown (a `<!--` that nothing closes is text;
# indented code is kept as written, without tags),
# `==highlight==` and callout marks are not
# shown; a note of front matter alone is found by its title and tags; a
# file name that starts with a date dates the note.  Then the reader
# version (schema.h JK_READER_VERSION): a note read by an older reader is
# read again by the next run, which rewrites only the sections that come
# out different, and ends equal to a rebuild; such a note is never
# "moved" with its old sections.  The older reader is simulated by
# dropping the version from the notes' records (as schema 5 wrote them).
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

command -v xapian-metadata >/dev/null || skip_all "xapian-metadata (xapian-tools) is not installed"

V="$T/vault"
mkdir -p "$V/_posts" "$V/daily" "$V/attachments"
cat >"$V/obsidian.md" <<'MD'
---
title: 카프카 회고
tags: [kafka]
---
# 재시도 설계

재시도는 [[linktargetword|별도 토픽]]으로 보냈다. ==핵심은 멱등성==이다.
조건식 a == b 는 그대로 둔다.

![[architecture-diagram.png]]
![[Pasted image 20240101.png|300]]
![[embeddednoteword 설정]]

> [!tip]- 면접 팁
> 재시도 횟수는 retryCount 로 관리했다.

%% 혼자 보는 메모 hiddeninline %%
%%
# 숨긴 제목 hiddenheading
hiddenblockword
%%

{% highlight ruby %}
puts "liquidcodeword"
{% endhighlight %}

Setext 질문 하나
================

셋엑스트 답변 setextanswerword.

꼬리 질문 둘
---

꼬리 답변 tailanswerword.
MD
cat >"$V/frontmatter-only.md" <<'MD'
---
title: 프론트매터만 있는 노트
tags: [lonelytag]
date: 2024-05-05
---
MD
printf '# 블로그 글\n\n제킬 포스트 본문 jekyllpostword.\n' >"$V/_posts/2023-07-14-kafka-retry.md"
printf '오늘 한 일 dailynoteword\n' >"$V/daily/2024-02-29.md"
printf '없는 날 nodayword\n' >"$V/daily/2023-02-29.md"
# A `<!--` that nothing closes is text (reader 4): inside a paragraph it
# hid the rest of its section, at the start of a line the rest of the note.
printf '# 평범한 노트\n\n평범한 본문 plainword.\nHTML 주석은 <!-- 로 시작합니다 strayopenword\n\n다음 문단 afterstrayword\n\n<!-- 닫히지 않은 블록 blockopenword #afterstraytag\n\n## 뒤 제목\n\n끝 문단 afterblockword\n\n    #include <stdio.h> /* #indentedtag **kept** */\n' >"$V/plain.md"
printf '# 옮길 노트\n\n옮길 본문 movedword.\n' >"$V/to-move.md"
printf 'not a note' >"$V/attachments/architecture-diagram.png"

jk index -q vault
expect_code 0 "index the vault"

# --- what the reader gives ---------------------------------------------
jk search --json 별도 토픽
expect_code 0 "search an alias"
expect_eq "$(json_field path)" "vault/obsidian.md" "a wikilink's alias is the note's text"
expect_not_contains "$(json_field snippet)" "linktargetword" "the snippet shows the alias, not the link target"
expect_contains "$(json_field snippet)" "별도 토픽" "the snippet shows the alias"
expect_contains "$(json_field snippet)" " 핵심은 멱등성이다" "the snippet shows no highlight marks, and the ending stays on its word"
# Reader 3: a particle right after markup stays on its word, so a quoted
# phrase with it matches (it did not: the blanked ]] split them).
for q in '"별도 토픽으로"' '"멱등성이다"'; do
    jk search -c "$q"
    expect_eq "$OUT" 1 "the phrase $q matches the text across the markup"
done
for w in linktargetword architecture diagram pasted hiddeninline hiddenheading \
    hiddenblockword highlight endhighlight ruby tip; do
    jk search -c "$w"
    expect_eq "$OUT" 0 "'$w' (link target, attachment, comment, Liquid, callout type) is not found"
done
jk search -c liquidcodeword
expect_eq "$OUT" 1 "the code between Liquid tags is text"
jk search -c embeddednoteword
expect_eq "$OUT" 1 "an embedded note's name is text"
jk search --json 조건식
expect_contains "$(json_field snippet)" "a == b" "'a == b' is no highlight"
jk search --json retryCount
expect_contains "$(json_field snippet)" " 면접 팁 재시도 횟수는" "a callout shows its title"
expect_not_contains "$(json_field snippet)" "tip" "... without its type"

jk search --json setextanswerword
expect_eq "$(json_field line)" 27 "a '===' heading starts a section at its line"
expect_eq "$(json_field headings)" '["카프카 회고", "Setext 질문 하나"]' "the setext heading is in the heading path"
jk search --json tailanswerword
expect_eq "$(json_field line)" 32 "a '---' heading starts a section"
expect_eq "$(json_field headings)" '["카프카 회고", "Setext 질문 하나", "꼬리 질문 둘"]' "a '---' heading is level 2"
jk search --json 'heading:꼬리'
expect_eq "$(json_field line)" 32 "heading: finds a setext heading's words"

jk search --json lonelytag
expect_eq "$(json_field path)" "vault/frontmatter-only.md" "a note of front matter alone is found by its tag"
expect_eq "$(json_field line)" 5 "its section is the front matter's closing line"
jk search -c 프론트매터만
expect_eq "$OUT" 1 "... and by its title"
jk search -c 'date:2024-05-05'
expect_eq "$OUT" 1 "... and by its date"
jk tags
expect_contains "$OUT" "lonelytag" "jikji tags lists its tag"
jk show vault/frontmatter-only.md:5
expect_code 0 "show its section"

for w in strayopenword afterstrayword blockopenword afterblockword; do
    jk search -c "$w"
    expect_eq "$OUT" 1 "'$w', after a '<!--' that nothing closes, is found"
done
jk search --json afterblockword
expect_eq "$(json_field headings)" '["평범한 노트", "뒤 제목"]' "a heading after an unclosed '<!--' starts a section"
jk tags
expect_contains "$OUT" "afterstraytag" "a tag after an unclosed '<!--' counts"
expect_not_contains "$OUT" "indentedtag" "indented code holds no tags"
expect_not_contains "$OUT" "include" "... not even '#include'"
jk search --json indentedtag
expect_contains "$(json_field snippet)" "<stdio.h> /* #indentedtag **kept** */" "indented code is kept as written"

jk search --json 'date:2023-07-14'
expect_eq "$(json_field path)" "vault/_posts/2023-07-14-kafka-retry.md" "a Jekyll post is dated by its file name"
jk search --json dailynoteword
expect_eq "$(json_field date)" "2024-02-29" "a daily note is dated by its file name"
jk search --json nodayword
expect_eq "$(json_field date)" "null" "a file name with no such day gives no date"

# --- a Jekyll post renamed to another date is no move ---------------------
mv "$V/_posts/2023-07-14-kafka-retry.md" "$V/_posts/2023-08-01-kafka-retry.md"
jk index vault
expect_summary 1 0 1 6 "a post renamed to another date is added and removed"
jk search --json jekyllpostword
expect_eq "$(json_field date)" "2023-08-01" "it has the new date"

# --- notes read by an older reader -----------------------------------------
# Every hit of a few searches, as JSON without the timing, into $1.
snapshot() {
    : >"$1"
    for q in 재시도 노트 질문 답변 lonelytag jekyllpostword date:2023..2025 'path:daily'; do
        jk search --json -n 100 "$q"
        sed -E 's/"elapsed_ms":[0-9.]+//' "$OUTF" >>"$1"
    done
}
n=0
while IFS= read -r key; do
    val=$(xapian-metadata get "$T/db" "$key")
    head=${val%%$'\n'*}
    path=${val#*$'\n'}
    # "size mtime nsec hash sections reader ctime cnsec" -> the first five
    # fields, as the first reader wrote them.
    # shellcheck disable=SC2086
    set -- $head
    [ $# -eq 8 ] || fail "a note's record has $# fields, not 8: '$head'"
    xapian-metadata set "$T/db" "$key" "$1 $2 $3 $4 $5"$'\n'"$path"
    n=$((n + 1))
done < <(xapian-metadata list "$T/db" | grep '^F:')
expect_eq "$n" 7 "every note's record rewritten as an older reader's"
jk search -c lonelytag
expect_code 0 "an index with such records is searched"
expect_eq "$OUT" 1 "... with its notes"

jk status
expect_contains "$OUT" "7 changed (7 of them read by an older jikji)" "status counts the notes read by an older reader as changed, and says why"
jk status --json
json_check 'allrecs[0]["changed_since"] == {"added": 0, "changed": 7, "reread": 7, "deleted": 0, "skipped": 0}' "status --json: reread 7"
mv "$V/to-move.md" "$V/moved.md"
jk index vault
expect_code 0 "index after the reader changed"
expect_summary 1 6 1 0 "every note is read again; a renamed one is no move"
expect_match "$ERR" " 1 sections written" "only the renamed note's section is written: the others came out the same"
expect_contains "$ERR" "jikji: 6 of the updated notes had not changed: an older jikji had read them" "the run says why unchanged notes were updated"
jk index vault
expect_summary 0 0 0 7 "the next run finds nothing to do"
for key in $(xapian-metadata list "$T/db" | grep '^F:'); do
    head=$(xapian-metadata get "$T/db" "$key" | head -1)
    # shellcheck disable=SC2086
    set -- $head
    [ $# -eq 8 ] || fail "record $key was not brought up to date: '$head'"
done
pass "every record has the reader version and the ctime again"
jk search -c movedword
expect_eq "$OUT" 1 "the renamed note is found"

snapshot "$T/b.json"
jk index -q --rebuild
snapshot "$T/c.json"
cmp -s "$T/b.json" "$T/c.json" || fail "after the re-read, results differ from a rebuild: $(diff "$T/b.json" "$T/c.json" | head -5)"
pass "after the re-read, results equal a rebuild's"

done_testing
