#!/usr/bin/env bash
# T110: field queries of README "Query syntax": tag: (front matter list or
# string, inline #tag, case-insensitive, quoted value with a space),
# category:, title: (front matter title, aliases, first '# ' heading),
# heading: (the section's own heading only), path: (folder prefix, one file),
# date:A..B / after: / before: with every front matter date form, inclusive
# ends and YYYY / YYYY-MM / YYYY-MM-DD granularity; a filter-only query lists
# sections.
# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

cp -r "$JIKJI_SRC/samples" "$T/vault"

# --- a small vault where every answer is known ---------------------------------------
V=fv
mkdir -p $V/links $V/tags $V/tagsx $V/titles $V/heads $V/dates
printf -- '---\ntags: [Alpha, Beta-Tag]\ncategories: [면접후기, backend]\n---\n\n## 첫 질문\n\ntagword 하나\n\n## 둘째 질문\n\ntagword 둘\n\n## 셋째 질문\n\ntagword 셋\n' >$V/tags/list.md
printf -- '---\ntags: Gamma\ncategory: 회고\n---\n\n## 질문\n\ntagword 문자열\n' >$V/tags/string.md
printf '# 인라인 태그\n\ntagword 본문에 #Delta 가 있다.\n' >$V/tags/inline.md
# Link targets and code are not tags: were it otherwise, every section of
# the note would be found by their words.
printf '# 링크 노트\n\n[앞](#linkanchor) 과 `#spanword`\n\n## 둘째\n\n본문\n\n```sh\n#fenceword\n```\n\n[ref]: #refanchor\n' >$V/links/links.md
printf -- '---\ntags: [spring batch]\ncategories: 면접후기\n---\n\n## 배치\n\ntagword 배치\n' >$V/tags/multi.md
# Obsidian's nested tags: the parent finds them.
mkdir -p $V/nested
printf -- '---\ntags: [Backend/Kafka]\ncategories: [dev/infra]\n---\n\n본문 #ops/k8s 태그\n' >$V/nested/n.md
printf -- '---\ntags: [backendx]\n---\n\n본문\n' >$V/nested/x.md
# The tag and category names as plain words, in a note with neither.
printf '# 태그 없음\n\ntagword alpha gamma delta 회고 면접후기 backend 단어만 있다.\n' >$V/tagsx/none.md
printf -- '---\ntitle: 쿠팡 면접 후기\n---\n\n## 질문\n\ntitleword 하나\n' >$V/titles/t1.md
printf -- '---\naliases: [광고 리포트]\n---\n\n# 다른 제목\n\ntitleword 쿠팡 이야기는 본문에만.\n' >$V/titles/t2.md
printf '# 쿠팡 H1 제목\n\ntitleword 셋\n' >$V/titles/t3.md
mkdir -p $V/bare
printf '# 기술 질문\n\n## 꼬리 질문 모음\n\n### 1차 답변\n\nbareword 재시도 토픽.\n\n## 다른 질문\n\n정산 누락.\n' >$V/bare/b.md
printf '# 헤딩 노트\n\n## 꼬리 질문 모음\n\nheadword 하나\n\n### 하위 질문\n\nheadword 둘\n\n## 다른 질문\n\nheadword 꼬리 라는 단어는 본문에만.\n' >$V/heads/h.md
# One note per front matter date form (each its own date).
mkd() { printf -- '---\n%s\n---\n\n# %s\n\ndatenote %s\n' "$2" "$1" "$1" >"$V/dates/$1.md"; }
mkd plain 'date: 2024-01-31'
mkd dqtime 'date: "2024-07-20 17:47"'
mkd squoted "date: '2025-11-30'"
mkd isozone 'date: 2025-03-01T08:00:00+09:00'
mkd isoutc 'date: 2024-12-31T23:30:00Z'
mkd seconds 'date: 2023-09-03 09:12:00'
mkd created 'created: 2023-06-15'
printf '# nodate\n\ndatenote nodate\n' >$V/dates/nodate.md

jk index -q vault $V
expect_code 0 "index samples and the field vault"

# A date that is not one: the note is indexed without a date, and the run
# says so with the line (date: filters would silently miss it).
mkdir -p "$T/bd"
printf -- '---\ntitle: x\ndate: 2024-02-30\n---\n# 날짜\n\nbaddateword\n' >"$T/bd/bad.md"
jk --db "$T/bddb" index "$T/bd"
expect_code 0 "a note with an impossible date is indexed"
expect_match "$ERR" "bad.md:3: '2024-02-30' is not a date \(YYYY-MM-DD, a real day\); the note has no date" \
    "the run warns with the file line of the date"
jk --db "$T/bddb" search --json baddateword
json_check 'recs and recs[0]["date"] is None' "the note has no date"
# A bad date falls back as a missing one does, to created, then to the
# date the file name starts with; the run still says so.
mkdir -p "$T/bd2/_posts"
printf -- '---\ndate: 2024-7-32\n---\nfallbackpostword\n' >"$T/bd2/_posts/2023-05-05-kafka.md"
printf -- '---\ndate: 2024-7-32\ncreated: 2024-07-01\n---\nfallbackcreatedword\n' >"$T/bd2/created.md"
jk --db "$T/bd2db" index "$T/bd2"
expect_match "$ERR" "2023-05-05-kafka.md:2: '2024-7-32' is not a date \(YYYY-MM-DD, a real day\); the note's date is 2023-05-05" \
    "a bad date: the file name's date, and a warning"
expect_match "$ERR" "created.md:2: '2024-7-32' is not a date \(YYYY-MM-DD, a real day\); the note's date is 2024-07-01" \
    "a bad date: created, and a warning"
jk --db "$T/bd2db" search -c 'date:2023-05 fallbackpostword'
expect_eq "$OUT" 1 "the post is found by its file name's date"
jk --db "$T/bd2db" search -c 'date:2024-07-01 fallbackcreatedword'
expect_eq "$OUT" 1 "the note is found by its created date"
# `tags: #kafka` is a YAML comment: no tag, but the run says so.
mkdir -p "$T/tc"
printf -- '---\ntitle: x\ntags: #kafka #회고\n---\n본문\n' >"$T/tc/hash.md"
jk --db "$T/tcdb" index "$T/tc"
expect_match "$ERR" "hash.md:3: a '#' after a blank starts a YAML comment, so that tag is lost" \
    "a tag written as a YAML comment is reported with its line"
# A list past the 256 items kept: the run says from which line on.
{ printf -- '---\ntags:\n'; for i in $(seq 300); do printf '  - lt%d\n' "$i"; done
  printf -- '---\nlongtagsword\n'; } >"$T/tc/long.md"
jk --db "$T/tcdb" index "$T/tc"
expect_match "$ERR" "long.md:259: tags: only the first 256 are kept; this item and the ones after it are not" \
    "a list past the 256 items kept is reported with the line of the first one lost"
jk --db "$T/tcdb" search -c 'tag:lt256 longtagsword'
expect_eq "$OUT" 1 "the 256th tag is kept"
# A Jekyll post without a title is titled by its slug, as Jekyll does.
jk --db "$T/bd2db" search --json fallbackpostword
expect_contains "$OUT" '"title":"kafka"' "a post's fallback title is its slug, without the date"

# sl QUERY: the sections (PATH:LINE) of a search, sorted, space separated.
sl() {
    jk search -n 1000 "$1"
    SL=$(printf '%s\n' "$OUT" | cut -d: -f1,2 | LC_ALL=C sort | paste -sd' ')
}
# nl QUERY: the notes (-l) of a search, sorted, space separated.
nl() {
    jk search -l "$1"
    NL=$(printf '%s\n' "$OUT" | LC_ALL=C sort | paste -sd' ')
}
# expect_notes QUERY WANT DESC
expect_notes() {
    nl "$1"
    if [ -z "$2" ]; then
        expect_code 1 "$3: [$1] finds nothing"
    else
        expect_code 0 "$3: [$1]"
    fi
    expect_eq "$NL" "$2" "$3: [$1] notes"
}

# --- tag: -------------------------------------------------------------------------------
LIST3="$V/tags/list.md:10 $V/tags/list.md:14 $V/tags/list.md:6"
sl tag:alpha
expect_code 0 "tag:alpha"
expect_eq "$SL" "$LIST3" "tag:alpha (front matter list) alone lists every section of the tagged note"
for q in tag:ALPHA TAG:alpha 'tag:alpha tagword' tag:Beta-Tag; do
    sl "$q"
    expect_eq "$SL" "$LIST3" "$q: the same sections (case-insensitive)"
done
expect_notes tag:gamma "$V/tags/string.md" "tags as a single string"
expect_notes tag:delta "$V/tags/inline.md" "an inline #Delta"
expect_notes tag:DELTA "$V/tags/inline.md" "an inline #Delta, upper case query"
expect_notes 'tag:"spring batch"' "$V/tags/multi.md vault/projects/settlement-batch.md" "a quoted tag with a space (and spring-batch)"
# The words of a value joined otherwise: spring batch, spring-batch and
# spring_batch find each other (QA: the README's own example found none).
expect_notes 'tag:spring-batch' "$V/tags/multi.md vault/projects/settlement-batch.md" "a tag's blank found by a '-'"
expect_notes 'tag:spring_batch' "$V/tags/multi.md vault/projects/settlement-batch.md" "... and by a '_'"
expect_notes 'tag:"beta tag"' "$V/tags/list.md" "a '-' in a tag found by a blank"
expect_notes 'tag:beta_tag' "$V/tags/list.md" "... and by a '_'"
expect_notes 'tag:beta' "" "but no part of the tag alone"
# A value's synonyms: tag:카프카 is tag:kafka (QA).
expect_notes 'tag:카프카' "$(nl tag:kafka; printf '%s' "$NL")" "tag:카프카 finds the notes tagged kafka"
expect_notes 'tag:nosuchtag' "" "an unused tag"
expect_notes tag:backend "$V/nested/n.md vault/jd/2024-coupang-backend-jd.md vault/qna/backend-basics.md" "a nested tag's parent finds it, with the notes tagged backend (not backendx)"
expect_notes tag:backend/kafka "$V/nested/n.md" "a nested tag in full"
expect_notes tag:backend/ "$V/nested/n.md" "tag:backend/: only the nested tags"
expect_notes tag:ops "$V/nested/n.md" "an inline nested tag's parent"
expect_notes category:dev "$V/nested/n.md" "a nested category's parent"
expect_notes tag:back "" "a tag's prefix is no parent"
for w in linkanchor spanword fenceword refanchor; do
    expect_notes "tag:$w" "" "a link target, code span or code block is not a tag"
done
sl refanchor
expect_eq "$SL" "" "refanchor: a link definition ([ref]: url) is a link target: not searched (reader 4)"
nl 'tag:alpha OR tag:gamma'
expect_eq "$NL" "$V/tags/list.md $V/tags/string.md" "tag:alpha OR tag:gamma"
jk search -l alpha
expect_contains "$OUT" "$V/tagsx/none.md" "setup: the plain word alpha is in tagsx/none.md"
# samples: list, string and inline tags.
expect_notes tag:kafka "vault/interviews/2024-baemin-server.md vault/interviews/2024-coupang-backend.md vault/projects/kafka-pipeline.md" \
    "samples: tags: kafka (string) and [kafka, ...] (list)"
expect_notes tag:outbox "vault/projects/kafka-pipeline.md" "samples: only an inline #outbox"
expect_notes tag:회고 "vault/retro/2024-h2-retro.md" "samples: a Hangul tag (list and inline)"

# --- category: ---------------------------------------------------------------------------
expect_notes category:면접후기 "$V/tags/list.md $V/tags/multi.md vault/interviews/2024-baemin-server.md vault/interviews/2024-coupang-backend.md vault/interviews/2025-toss-data-engineer.md" \
    "categories as a list, a string, a block list"
expect_notes category:회고 "$V/tags/string.md vault/qna/incident-stories.md" "the singular key 'category' and a string"
expect_notes category:BACKEND "$V/tags/list.md vault/interviews/2024-baemin-server.md vault/projects/settlement-batch.md" "category is case-insensitive, and its synonyms count (백엔드)"
expect_notes 'category:jd path:jd/' "vault/jd/2024-coupang-backend-jd.md vault/jd/2025-daangn-data-platform.md" "samples: category:jd"

# --- title: ------------------------------------------------------------------------------
expect_notes title:쿠팡 "$V/titles/t1.md $V/titles/t3.md vault/interviews/2024-coupang-backend.md" \
    "title: front matter title and a first '# ' heading, not a body word"
expect_notes title:리포트 "$V/titles/t2.md vault/projects/clickhouse-report.md" "title: matches aliases"
expect_notes 'title:"광고 리포트"' "$V/titles/t2.md vault/projects/clickhouse-report.md" "title: a quoted alias"
expect_notes 'title:쿠팡 path:titles/' "$V/titles/t1.md $V/titles/t3.md" "title:쿠팡 in the field vault"
expect_notes 'title:쿠팡의 path:titles/' "$V/titles/t1.md $V/titles/t3.md" "title: a particle typed after the word is optional"

# --- heading: ------------------------------------------------------------------------------
sl 'heading:꼬리 path:heads/'
expect_code 0 "heading:꼬리 in heads/"
expect_eq "$SL" "$V/heads/h.md:3" "heading: only the section whose own heading has the word (not its child, not a body)"
sl 'heading:꼬리를 path:heads/'
expect_eq "$SL" "$V/heads/h.md:3" "heading: a particle typed after the word is optional"
# Typed without its space: the bigram across it (리질 of 꼬리질문) is in
# no heading, and is left out (QA: heading:이직사유 found nothing).
sl 'heading:꼬리질문 path:heads/'
expect_eq "$SL" "$V/heads/h.md:3" "heading: a compound typed without its space"
sl 'heading:꼬리질 path:heads/'
expect_eq "$SL" "" "... but the word's last bigram must be in the heading"
sl 'headword'
expect_eq "$SL" "$V/heads/h.md:11 $V/heads/h.md:3 $V/heads/h.md:7" "setup: headword is in the three sections"
# A question whose answers are its sub-sections (a heading with no text of
# its own over deeper ones) is found by heading: too (QA: it never was),
# and still weighs nothing for a plain search.
sl 'heading:모음 path:bare/'
expect_eq "$SL" "$V/bare/b.md:3" "heading: finds a bare parent's own heading"
sl 'heading:기술 path:bare/'
expect_eq "$SL" "$V/bare/b.md:1" "heading: finds the title heading over the questions"
jk search --json 'bareword 모음 path:bare/'
json_check 'pl(recs)[0] == ("'"$V"'/bare/b.md", 5)' "a plain search ranks the answer under the bare parent first"
jk search --json -n 100 heading:꼬리
expect_code 0 "samples: heading:꼬리"
json_checks <<'EOF'
@ every heading:꼬리 hit has 꼬리 in its own heading
recs and none(pl(r for r in recs if "꼬리" not in r["headings"][-1]))
@ the follow-up questions of the Kafka answer are there
{("vault/interviews/2024-coupang-backend.md", 72), ("vault/interviews/2024-coupang-backend.md", 79)} <= set(pl(recs))
@ the section that says 꼬리 only in its body is not (line 7 of the coupang note is in its intro)
not any(p == "vault/interviews/2024-coupang-backend.md" and l < 13 for p, l in pl(recs))
EOF

# --- path: ------------------------------------------------------------------------------------
expect_notes path:tags/ "$V/tags/inline.md $V/tags/list.md $V/tags/multi.md $V/tags/string.md" \
    "path: a folder prefix (tagsx/ is not under tags/)"
sl path:tags/list.md
expect_eq "$SL" "$LIST3" "path: one file, all its sections"
expect_notes 'path:tags/list.md tagword' "$V/tags/list.md" "path: one file and a word"
expect_notes 'path:interviews/2024-coupang-backend.md' "vault/interviews/2024-coupang-backend.md" "samples: path: one file"
nl path:interviews/
expect_eq "$NL" "$(cd vault && find interviews -type f | sort | sed 's|^|vault/|' | tr '\n' ' ' | sed 's/ *$//')" \
    "samples: path:interviews/ is every note of the folder"
jk search --json -n 1000 'path:projects/ kafka'
json_check 'recs and none(r["path"] for r in recs if not r["path"].startswith("vault/projects/"))' \
    "path:projects/ kafka: every hit is under projects/"

# --- date:, after:, before: ---------------------------------------------------------------------
jk search --json -n 100 datenote
expect_code 0 "datenote"
json_check 'sorted((os.path.basename(r["path"]), r["date"]) for r in recs) == [
    ("created.md", "2023-06-15"), ("dqtime.md", "2024-07-20"), ("isoutc.md", "2024-12-31"),
    ("isozone.md", "2025-03-01"), ("nodate.md", None), ("plain.md", "2024-01-31"),
    ("seconds.md", "2023-09-03"), ("squoted.md", "2025-11-30")]' \
    "each date form gives the date as written (YYYY-MM-DD), created as a fallback, null without"

D=$V/dates
# The table runs in one Python process (one jikji run per row, no shell
# pipelines): QUERY|the notes of dates/ it finds (none: exit 1).
date_table() {
    local res line
    res=$(py -c "$(cat "$T/date-table.py")" "$JIKJI" "$D" <"$T/date-table.txt")
    LAST_CMD=
    [ -n "$res" ] || fail "date table: python failed"
    while IFS= read -r line; do
        case $line in
        ok$'\t'*) pass "${line#ok$'\t'}" ;;
        *) fail "${line#FAIL$'\t'}" ;;
        esac
    done <<<"$res"
}
cat >"$T/date-table.py" <<'PY'
import subprocess, sys
jikji, d = sys.argv[1], sys.argv[2]
for row in sys.stdin.read().strip().split("\n"):
    q, want = row.split("|")
    want = sorted("%s/%s.md" % (d, n) for n in want.split())
    try:
        p = subprocess.run([jikji, "search", "-l", "datenote " + q], capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        print("FAIL\t[datenote %s]: timed out" % q)
        break
    got = sorted(p.stdout.decode("utf-8", "replace").split())
    code = 0 if want else 1
    if p.returncode != code or got != want:
        print("FAIL\t[datenote %s]: expected exit %d and %s, got exit %d and %s; stderr %r"
              % (q, code, want, p.returncode, got, p.stderr[:200]))
        break
    print("ok\tdate range [%s]: %s" % (q, " ".join(n.rsplit("/", 1)[1] for n in want) or "nothing"))
PY
cat >"$T/date-table.txt" <<'EOF'
date:2024|plain dqtime isoutc
date:2023|seconds created
date:2024-01|plain
date:2024-01-31|plain
date:2024-02-01|
date:2024-01-31..2024-07-20|plain dqtime
date:2024-02..2024-07|dqtime
date:2024-07-20..2024-07-20|dqtime
date:2024-07-21..2024-12-31|isoutc
date:2024-12|isoutc
date:2025-01..2025-02|
date:2025-03|isozone
date:2025-03-01|isozone
date:2025-02-28|
date:2025-11-30|squoted
date:2025-11|squoted
date:2025..|isozone squoted
date:2025-03-02..|squoted
date:..2023|seconds created
date:..2023-06-15|created
date:..2023-06-14|
date:2023-06-15..2023-09-03|created seconds
after:2025-11-30|squoted
after:2025-12|
after:2024-12-31|isoutc isozone squoted
before:2023-06-15|created
before:2023-06-14|
before:2023|seconds created
before:2025|seconds created plain dqtime isoutc isozone squoted
after:2024 before:2024|plain dqtime isoutc
EOF
date_table
jk search -c date:2024-07
expect_code 0 "-c date:2024-07"
N=$OUT
jk search -c path:interviews/2024-coupang-backend.md
A=$OUT
jk search -c path:dates/dqtime.md
B=$OUT
expect_eq "$N" "$((A + B))" "date:2024-07 alone counts every section of the notes of that month ($A + $B)"
nl 'date:2024-07'
expect_eq "$NL" "$D/dqtime.md vault/interviews/2024-coupang-backend.md" "samples: date:2024-07 is the coupang interview (\"2024-07-20 17:47\")"
nl 'date:2025-01-12'
expect_eq "$NL" "vault/qna/incident-stories.md" "samples: an ISO date with a zone (2025-01-12T21:30:00+09:00)"

# --- label words in every section (README "How it works") ------------------------------
# A note's tags and categories count as words of each of its sections: a
# Korean label finds every section (its bigrams keep their positions), a
# Latin label word too (as a term); a quoted phrase of Latin label words
# finds the first section only (later sections hold them without positions).
mkdir -p lv
printf -- '---\ntags: [인성면접, Spring Boot]\ncategories: [회고록]\n---\n\n## 첫 질문\n\nlabelnote 하나\n\n## 둘째 질문\n\nlabelnote 둘\n\n## 셋째 질문\n\nlabelnote 셋\n' >lv/labels.md
export JIKJI_DB="$T/labels-db"
jk index -q lv
expect_code 0 "index a note with labels"
lines() { jk search --json -n 50 "$1"; LINES=$(py -c 'import json,sys
print(" ".join(str(json.loads(l)["line"]) for l in sys.stdin if json.loads(l).get("type") == "hit"))' <"$OUTF" | tr ' ' '\n' | sort -n | paste -sd' '); }
lines 인성면접
expect_eq "$LINES" "6 10 14" "a Korean tag (a phrase of bigrams) finds every section"
top() { jk search --json -n 1 "$1"; TOP=$(py -c 'import json,sys
print(" ".join(str(json.loads(l)["line"]) for l in sys.stdin if json.loads(l).get("type") == "hit"))' <"$OUTF"); }
top '인성면접 셋'
expect_eq "$TOP" "14" "a Korean tag with a word of the third section ranks that section first"
lines 회고록
expect_eq "$LINES" "6 10 14" "a Korean category finds every section"
lines spring
expect_eq "$LINES" "6 10 14" "a Latin tag word finds every section"
top 'boot 둘째'
expect_eq "$TOP" "10" "a Latin tag word with a word of the second section ranks that section first"
lines '"spring boot"'
expect_eq "$LINES" "6" "a quoted phrase of Latin label words finds the first section only"
# ... and a label word without positions is not taken as just before the
# title's first word (QA: Xapian's exact phrase reads a term with no
# positions as at position 0, and the title started at 1).
printf -- '---\ntitle: docker 회고\ntags: [kafka]\n---\n# 첫 질문\n\n장애 대응\n\n# 둘째 질문\n\n정산 누락\n' >lv/titled.md
jk index -q lv
lines '"kafka docker"'
expect_eq "$LINES" "" "a tag word and the title's first word are no phrase"
lines '"docker 회고"'
expect_eq "$LINES" "5 9" "the title's words are a phrase in every section"
unset JIKJI_DB

# A path longer than a term may be (deep Korean folder names: about 75
# characters) is still found by path: with any prefix of it, and a tag too
# long for a term is said, not dropped in silence.
d1=$(printf '면접준비%.0s' $(seq 1 12)); d2=$(printf '카카오페이%.0s' $(seq 1 12))
mkdir -p "long/$d1/$d2"
printf -- '---\ntags: [%s]\n---\n# 노트\n\n## 질문\n\nlongpathword 여기.\n' "$(printf 'x%.0s' $(seq 1 300))" >"long/$d1/$d2/note.md"
jk --db "$T/longdb" index long
expect_code 0 "index a note of a long path"
expect_contains "$ERR" "more than the 238 a tag may have, is not indexed as a tag" "the long tag is said"
for p in "$d1/" "$d1/$d2" "$d1/$d2/note.md"; do
    jk --db "$T/longdb" search -c "path:$p longpathword"
    expect_eq "$OUT" "1" "path: a prefix of ${#p} characters finds the note"
done
jk --db "$T/longdb" search -c "path:$d1/카카오x longpathword"
expect_eq "$OUT" "0" "path: a prefix the path does not have finds nothing"
# Paths that differ only past the first 238 bytes or so are one to path:
# (README, "Search syntax").
jk --db "$T/longdb" search -c "path:$d1/${d2}x longpathword"
expect_eq "$OUT" "1" "path: compares the first 238 bytes of a longer prefix"

# path: and a parent tag find every note however many paths or nested tags
# start with the value (QA: a Jekyll blog of 156 posts in _posts/2024-...
# gave path:_posts/2024- 100 notes, Xapian's wildcard kept the 100 most
# frequent terms), and a folder's notes go with its term, unread.
mkdir -p many/_posts many/old
for i in $(seq 1 150); do
    printf -- '---
tags: [company/c%d]
---
# post %d

manyword
' "$i" "$i" >"many/_posts/2024-01-$i-post.md"
done
printf '# old

manyword
' >many/old/a.md
jk --db "$T/manydb" index -q many
for pair in "path:_posts/2024-|150" "path:_posts/|150" "path:_posts|150" "path:_p|150" \
            "path:/|151" "path:o|1" "path:_posts/2024-01-7|11" "path:zzz|0" \
            "tag:company|150" "tag:company/|150" "tag:company/c15|1" \
            "manyword -path:_posts/2024|1"; do
    q=${pair%|*} want=${pair##*|}
    jk --db "$T/manydb" search -l -n 1000 "$q"
    expect_eq "$(printf '%s' "$OUT" | grep -c .)" "$want" "'$q' finds $want notes"
done
# The parent's term (company/) stands for the nested tags; an index whose
# notes were not all read by this reader reads each nested tag's term.
jk --db "$T/manydb" tags
expect_not_contains "$OUT" "company/"$'\n' "the parent's term is no tag of its own"
if command -v xapian-metadata >/dev/null; then
    xapian-metadata set "$T/manydb" jikji.reader ""
    jk --db "$T/manydb" search -l -n 1000 tag:company
    expect_eq "$(printf '%s' "$OUT" | grep -c .)" 150 "tag:company on an index not known to be current: 150 notes"
fi

done_testing
